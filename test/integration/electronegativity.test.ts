/**
 * Electronegativity (Doyensec's Electron security scanner) over the app's own sources, as a gate:
 * any finding not justified in security/electronegativity-allowlist.json fails the build. Its CLI
 * exits 0 whatever it finds, so its programmatic `run()` is called and the findings are compared
 * here. The scanner is shown to work on a deliberately insecure fixture, and the allow-list is
 * shown not to cover a new insecure window in a file that already has justified findings.
 *
 * The scanner fetches translations and Electron's release list over the network; both go through
 * the `got` module, which is replaced with one that refuses, so the test makes no request (and
 * does not wait on a timeout). The release-list check is therefore left out (see the allow-list).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeTempDir, type TempDir } from '../support/tempWorkspace';

const ROOT = resolve(__dirname, '../..');
const ALLOWLIST_PATH = join(ROOT, 'security/electronegativity-allowlist.json');
const requireCjs = createRequire(__filename);

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string };
  confidence: { name: string };
  manualReview: boolean;
  description?: string;
}
interface ScanResult {
  globalChecks: number;
  atomicChecks: number;
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: Finding[];
}
interface ScanOptions {
  input: string;
  isRelative: boolean;
  customScan: string[];
  excludeFromScan: string[];
  electronVersionOverride: string;
  parserPlugins: string[];
}
type Run = (options: ScanOptions) => Promise<ScanResult>;

interface AllowEntry {
  check: string;
  file: string;
  match?: string;
  reason: string;
}

/** The network client the scanner uses, swapped for one that refuses, before the scanner loads. */
function refuseNetwork(): void {
  const scannerDir = dirname(requireCjs.resolve('@doyensec/electronegativity/package.json'));
  const gotPath = requireCjs.resolve('got', { paths: [scannerDir] });
  const refuse = Object.assign(
    () => {
      networkAttempts += 1;
      return Promise.reject(new Error('no network in tests'));
    },
    { __esModule: true },
  );
  Object.assign(refuse, { default: refuse, head: refuse, get: refuse });
  requireCjs.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: refuse, children: [], paths: [] } as unknown as NodeJS.Module;
}

let run: Run;
/** Requests the scanner tried to make, all refused; counted to show the stand-in is the one in use. */
let networkAttempts = 0;
let temp: TempDir;
let electronVersion: string;

async function scan(input: string): Promise<ScanResult> {
  // The scanner prints progress and a translation notice through console.log; the result is what counts.
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    return await run({
      input,
      isRelative: true,
      customScan: [],
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    });
  } finally {
    log.mockRestore();
  }
}

/** Copies what ships (main, preload, renderer) and package.json into `dir`, as the scanner's input. */
function stageSources(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const part of ['electron', 'renderer', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return dir;
}

function lineOf(root: string, finding: Finding): string {
  if (finding.file === 'N/A' || finding.location.line < 1) return '';
  try {
    return readFileSync(join(root, finding.file), 'utf8').split('\n')[finding.location.line - 1] ?? '';
  } catch {
    return '';
  }
}

function loadAllowList(): AllowEntry[] {
  const parsed = JSON.parse(readFileSync(ALLOWLIST_PATH, 'utf8')) as { entries: AllowEntry[] };
  return parsed.entries;
}

/** Findings no entry justifies, and entries that justify nothing. */
function gate(root: string, result: ScanResult, allow: readonly AllowEntry[]): { unjustified: Finding[]; unused: AllowEntry[] } {
  const used = new Set<AllowEntry>();
  const unjustified: Finding[] = [];
  for (const finding of result.issues) {
    const file = finding.file.replace(/\\/g, '/');
    const entry = allow.find((e) => e.check === finding.id && e.file === file && (e.match === undefined || lineOf(root, finding).includes(e.match)));
    if (entry) used.add(entry);
    else unjustified.push(finding);
  }
  return { unjustified, unused: allow.filter((e) => !used.has(e)) };
}

function describeFinding(root: string, f: Finding): string {
  return `${f.id} ${f.severity.name} at ${f.file}:${f.location.line} — ${lineOf(root, f).trim().slice(0, 120)}`;
}

beforeAll(() => {
  refuseNetwork();
  run = requireCjs('@doyensec/electronegativity') as Run;
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  electronVersion = (pkg.devDependencies.electron ?? '').replace(/^[^\d]*/, '');
  temp = makeTempDir('iom-eneg-');
});

afterAll(() => temp?.remove());

describe('Electronegativity', () => {
  it('finds nothing in the app that the allow-list does not justify', async () => {
    const root = stageSources(temp.path('app'));
    const result = await scan(root);
    expect(networkAttempts, 'the scanner went around the refusing network client').toBeGreaterThan(0);
    // A file the scanner could not parse would be silently unscanned.
    expect(result.errors, JSON.stringify(result.errors)).toEqual([]);
    expect(result.atomicChecks + result.globalChecks).toBeGreaterThan(30);
    const allow = loadAllowList();
    for (const entry of allow) expect(entry.reason.length, `${entry.check} needs a real reason`).toBeGreaterThan(40);
    const { unjustified, unused } = gate(root, result, allow);
    expect(unjustified.map((f) => describeFinding(root, f)), 'justify these in security/electronegativity-allowlist.json or fix them').toEqual([]);
    expect(unused.map((e) => `${e.check} ${e.file}`), 'these justifications match no finding any more: remove them').toEqual([]);
  });

  it('catches a deliberately insecure window, in TypeScript, with no CSP and remote content', async () => {
    const root = temp.path('insecure');
    mkdirSync(root, { recursive: true });
    writeFileSync(
      join(root, 'main.ts'),
      [
        "import { app, BrowserWindow } from 'electron';",
        'app.whenReady().then(() => {',
        '  const win: BrowserWindow = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } });',
        "  void win.loadURL('http://example.invalid/');",
        '});',
        '',
      ].join('\n'),
    );
    writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><script src="http://example.invalid/app.js"></script></head><body></body></html>\n');
    const result = await scan(root);
    const ids = new Set(result.issues.map((f) => f.id));
    for (const id of ['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'SANDBOX_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'CSP_GLOBAL_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']) {
      expect(ids, id).toContain(id);
    }
    const { unjustified } = gate(root, result, loadAllowList());
    expect(unjustified.map((f) => f.id)).toContain('NODE_INTEGRATION_JS_CHECK');
  });

  it('does not let an old justification cover a new insecure window in the same file', async () => {
    const root = stageSources(temp.path('regressed'));
    const main = join(root, 'electron/main.ts');
    const source = readFileSync(main, 'utf8');
    const anchor = '  window.once(';
    expect(source).toContain(anchor);
    writeFileSync(main, source.replace(anchor, `  new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n${anchor}`));
    const { unjustified } = gate(root, await scan(root), loadAllowList());
    expect(unjustified.map((f) => f.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK']));
  });
});
