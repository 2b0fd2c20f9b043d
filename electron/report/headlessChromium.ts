import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { REPORT_CSP_META } from '../../shared/report/cohortReportHtml';

/**
 * Printing the cohort report to PDF without Electron (the CLI): the system's Chromium, Chrome or
 * Edge in headless mode prints the same self-contained HTML the app prints. The HTML is aggregate
 * only, so the short-lived file it is printed from holds no personal data; it still goes in a
 * private (0700) temporary folder that is removed whatever happens.
 */

/** Where Debian, other Linux distributions, Windows and macOS put a Chromium-based browser. */
export const CHROMIUM_CANDIDATES: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
  'C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export const NO_BROWSER_MESSAGE =
  'No Chromium, Chrome or Edge was found to print the PDF. Install one (Debian: apt-get install chromium) or set CHROME_PATH to its program; ' +
  'or write the report as HTML with --html and print it from a browser.';

/** CHROME_PATH when set (and present), else the first candidate present; null when there is none. */
export function findChromiumBinary(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string | null {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) return exists(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find((path) => exists(path)) ?? null;
}

/**
 * The command line: headless, no GPU, no header/footer of Chromium's own (the report's @page rules
 * print the marking and page numbers), a throwaway profile inside the private folder, and none of
 * the background services that would try to reach a network. Scripts cannot be switched off here
 * (headless printing itself stops working with `--blink-settings=scriptEnabled=false`); the report
 * has none and loads nothing, which its tests assert. Chromium will not start as root with its
 * sandbox on, so only then is the sandbox turned off.
 */
export function chromiumPrintArgs(options: { htmlPath: string; pdfPath: string; profileDir: string; runningAsRoot: boolean }): string[] {
  return [
    '--headless',
    '--disable-gpu',
    ...(options.runningAsRoot ? ['--no-sandbox'] : []),
    '--no-pdf-header-footer',
    `--user-data-dir=${options.profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-dev-shm-usage',
    '--disable-crash-reporter',
    '--disable-breakpad',
    // Every request, loopback included, goes to a proxy that is not there: nothing is fetched.
    '--proxy-server=http://127.0.0.1:9',
    '--proxy-bypass-list=<-loopback>',
    '--mute-audio',
    `--print-to-pdf=${options.pdfPath}`,
    pathToFileURL(options.htmlPath).href,
  ];
}

/**
 * The only variables the printing browser is started with. Inheriting ours would hand it (and the
 * helpers of Debian's wrapper script, its renderers and its crash handler) anything secret in it,
 * such as `IOM_PASSPHRASE`; and the home, temporary and settings folders all point into the
 * throwaway folder, so no crash store or profile lands in the user's own.
 */
export const PRINTING_ENVIRONMENT_KEYS: readonly string[] = [
  'PATH', 'HOME', 'TMPDIR', 'LANG', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'CHROME_HEADLESS',
  // Windows will not start a program without its system folders; the rest point into the throwaway folder.
  'SystemRoot', 'windir', 'TEMP', 'TMP', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA',
];

/** The explicit environment for a child browser whose every folder is inside `throwawayDir`. */
export function printingEnvironment(throwawayDir: string, parent: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Record<string, string> {
  const home = join(throwawayDir, 'home');
  const temp = join(throwawayDir, 'tmp');
  for (const dir of [home, temp]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const env: Record<string, string> = {
    PATH: parent.PATH ?? parent.Path ?? '/usr/bin:/bin',
    HOME: home,
    TMPDIR: temp,
    LANG: 'C.UTF-8',
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    // Chromium's own switch for "no crash-report upload, no first-run UI".
    CHROME_HEADLESS: '1',
  };
  if (platform === 'win32') {
    const systemRoot = parent.SystemRoot ?? parent.windir ?? 'C:\\Windows';
    Object.assign(env, { SystemRoot: systemRoot, windir: systemRoot, TEMP: temp, TMP: temp, USERPROFILE: home, APPDATA: home, LOCALAPPDATA: home });
  }
  return env;
}

const PRINT_TIMEOUT_MS = 120_000;

function run(binary: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; timedOut: boolean }> {
  return new Promise((resolve) => {
    execFile(binary, args, { env, timeout: PRINT_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (error) => {
      if (!error) return resolve({ code: 0, timedOut: false });
      const failure = error as NodeJS.ErrnoException & { killed?: boolean; code?: number | string };
      resolve({ code: typeof failure.code === 'number' ? failure.code : null, timedOut: failure.killed === true });
    });
  });
}

/**
 * The report's policy put first in `<head>` whatever the HTML carries: headless printing cannot
 * switch JavaScript off, so the policy is what keeps scripts from running and anything from being
 * fetched. Policies add up, so one already in the document only narrows this further.
 */
export function withReportPolicy(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  return head ? `${html.slice(0, head.index + head[0].length)}\n${REPORT_CSP_META}${html.slice(head.index + head[0].length)}` : `${REPORT_CSP_META}\n${html}`;
}

/** Prints the HTML to PDF bytes with the given browser; the temporary folder is gone afterwards. */
export async function printHtmlWithChromium(html: string, binary: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'iom-report-'));
  try {
    const htmlPath = join(dir, 'report.html');
    const pdfPath = join(dir, 'report.pdf');
    writeFileSync(htmlPath, withReportPolicy(html), { encoding: 'utf8', mode: 0o600 });
    const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const result = await run(binary, chromiumPrintArgs({ htmlPath, pdfPath, profileDir: join(dir, 'profile'), runningAsRoot }), printingEnvironment(dir));
    if (result.timedOut) throw new WorkspaceError('internal', `The browser did not finish printing the report within ${PRINT_TIMEOUT_MS / 1000} s.`);
    const bytes = existsSync(pdfPath) ? readFileSync(pdfPath) : null;
    if (!bytes || bytes.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new WorkspaceError('internal', `The browser (${binary}) did not print the report${result.code ? ` (exit code ${result.code})` : ''}.`);
    }
    return new Uint8Array(bytes);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
