import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfPageTexts, pdfSkipReason } from '../support/pdfTools';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { CLI_PATH, runCli } from '../support/runCli';
import { descendantProcesses, type SeenProcess } from '../support/processTree';
import { printHtmlWithChromium, resolveBrowser } from '../../electron/report/headlessChromium';

const PDF_SKIP_REASON = await pdfSkipReason();

/** Every variable printingEnvironment may give the printing browser (Windows' system folders too). */
const PRINTING_ENVIRONMENT_KEYS: readonly string[] = [
  'PATH', 'HOME', 'TMPDIR', 'LANG', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'CHROME_HEADLESS',
  'SystemRoot', 'windir', 'TEMP', 'TMP', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA',
];

/**
 * Issue 17, point 1: the passphrase must not reach the browser that prints the report. The built
 * CLI prints a real PDF with a real Chromium (the system's, or the one npm installed) while this test reads the environment and
 * command line of every process it starts (Debian's wrapper script, the browser, its renderers
 * and its crash handler) from /proc, as anyone on the machine with the same uid could.
 */
// The browser the CLI itself would print with: the system's, or the one npm installed.
const BROWSER = process.platform === 'linux' ? await resolveBrowser() : null;
const CAN_RUN = BROWSER !== null;

describe.skipIf(!CAN_RUN)('the printing browser inherits no secret', () => {
  let temp: TempDir;
  let workspace: string;
  let tmp: string;
  let home: string;

  beforeAll(() => {
    temp = makeTempDir();
    workspace = temp.path('demo.iomdb');
    tmp = temp.path('tmp');
    home = temp.path('home');
    mkdirSync(tmp);
    mkdirSync(home);
    const demo = runCli(['demo', workspace], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(demo.status, demo.stderr).toBe(0);
  });
  afterAll(() => temp?.remove());

  let attempt = 0;
  // Processes are seen by polling /proc, which a loaded machine can miss for a short-lived helper: one more try.
  it('starts Chromium with a minimal environment, a throwaway profile and no crash store in the home folder', { retry: 2 }, async () => {
    // A file of its own per try, so a retry prints again rather than stopping at an existing report.
    const out = temp.path(`report-${++attempt}.pdf`);
    const child = spawn(process.execPath, [CLI_PATH, 'report', workspace, '--pdf', out], {
      env: { PATH: process.env.PATH, HOME: home, TMPDIR: tmp, IOM_PASSPHRASE: TEST_PASSPHRASE, IOM_NEW_PASSPHRASE: 'another secret passphrase 77' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const seen = new Map<number, SeenProcess>();
    const poll = setInterval(() => {
      for (const p of descendantProcesses(child.pid!)) if (!seen.has(p.pid)) seen.set(p.pid, p);
    }, 5);
    const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    clearInterval(poll);
    expect(status, stderr).toBe(0);

    const processes = [...seen.values()];
    const browsers = processes.filter((p) => p.cmdline.some((arg) => /chrom|crashpad/i.test(arg)));
    expect(browsers.length, 'the browser was seen while it printed').toBeGreaterThan(0);
    for (const p of processes) {
      const environment = p.environ.join('\n');
      expect(environment, `process ${p.cmdline[0]}`).not.toContain(TEST_PASSPHRASE);
      expect(environment).not.toContain('another secret passphrase 77');
      expect(environment).not.toMatch(/IOM_(NEW_)?PASSPHRASE/);
    }
    // The process the CLI started has only the variables it was given on purpose.
    const direct = processes.filter((p) => p.cmdline.some((arg) => arg === '--remote-debugging-pipe'));
    expect(direct.length).toBeGreaterThan(0);
    for (const p of direct) {
      const keys = p.environ.map((entry) => entry.slice(0, entry.indexOf('=')));
      const started = keys.filter((key) => PRINTING_ENVIRONMENT_KEYS.includes(key));
      expect(started).toContain('HOME');
      const homeValue = p.environ.find((entry) => entry.startsWith('HOME='))!.slice(5);
      expect(homeValue.startsWith(tmp), 'HOME is inside the throwaway folder').toBe(true);
      expect(p.cmdline.join(' ')).toContain('--disable-crash-reporter');
    }
    // Any crash handler keeps its store in the throwaway folder, never the user's profile.
    for (const p of processes.filter((q) => q.cmdline.some((arg) => arg.startsWith('--database=')))) {
      const database = p.cmdline.find((arg) => arg.startsWith('--database='))!.slice('--database='.length);
      expect(database.startsWith(tmp), database).toBe(true);
    }
    expect(readdirSync(home), 'nothing written to the home folder').toEqual([]);
    expect(readdirSync(tmp), 'the throwaway folder is removed').toEqual([]);
    expect(existsSync(out)).toBe(true);
  });
});

describe.skipIf(!CAN_RUN)('the printing browser runs no script and fetches nothing (issue 17.8)', () => {
  it('prints hostile HTML without a single request reaching a loopback server, and without running its script', async () => {
    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const base = `http://127.0.0.1:${port}`;
      const hostile = `<!DOCTYPE html><html><head><link rel="stylesheet" href="${base}/css"></head><body>
<p id="text">static text</p><img src="${base}/img"><iframe src="${base}/frame"></iframe>
<script>document.getElementById('text').textContent = 'SCRIPT RAN'; fetch('${base}/fetch');</script></body></html>`;
      const pdf = await printHtmlWithChromium(hostile, BROWSER!.path);
      expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(requests).toEqual([]);
      const dir = mkdtempSync(join(tmpdir(), 'iom-pdf-'));
      try {
        writeFileSync(join(dir, 'out.pdf'), pdf);
        if (!PDF_SKIP_REASON) {
          const text = (await pdfPageTexts(join(dir, 'out.pdf'))).join('\n');
          expect(text).toContain('static text');
          expect(text).not.toContain('SCRIPT RAN');
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      server.close();
    }
  });
});
