import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { packagedChromium } from './packagedChromium';
import { reportDataUrl } from './printOptions';
import { REPORT_CSP_META } from '../../shared/report/cohortReportHtml';

/**
 * Printing the cohort report to PDF without Electron (the CLI): a Chromium-based browser, driven
 * headless over the DevTools protocol on a pipe (no port is opened), prints the same
 * self-contained HTML the app prints. The document is loaded as a data: URL, as the app's print
 * window loads it, so it is never written to disk; scripts are switched off and every request the page might make is
 * refused, so printing runs with JavaScript off and no network, as the app's print window does.
 * The browser's throwaway profile lives in a private (0700) temporary folder removed afterwards.
 */

/** Where Debian, other Linux distributions, Windows and macOS put a Chromium-based browser. */
const CHROMIUM_CANDIDATES: readonly string[] = [
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
  'No Chromium, Chrome or Edge was found to print the PDF, and the bundled one is not installed (run npm install) or not made for this system. ' +
  'Install one (Debian: apt-get install chromium) or set CHROME_PATH to its program; or write the report as HTML with --html and print it from a browser.';

/** CHROME_PATH when set (and present), else the first system browser present; null when there is none. */
export function findChromiumBinary(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string | null {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) return exists(fromEnv) ? fromEnv : null;
  return CHROMIUM_CANDIDATES.find((path) => exists(path)) ?? null;
}

interface ResolvedBrowser {
  path: string;
  source: 'CHROME_PATH' | 'system' | 'packaged';
}

/**
 * The browser that prints reports and runs the UI tests: CHROME_PATH, else the system's Chromium,
 * Chrome or Edge, else the one that came with `npm install`. A CHROME_PATH that names nothing is
 * an error rather than a silent fall-back, since it was set on purpose.
 */
export async function resolveBrowser(env: NodeJS.ProcessEnv = process.env, onUnpack?: () => void): Promise<ResolvedBrowser | null> {
  if (env.CHROME_PATH) return existsSync(env.CHROME_PATH) ? { path: env.CHROME_PATH, source: 'CHROME_PATH' } : null;
  const system = findChromiumBinary(env);
  if (system) return { path: system, source: 'system' };
  const packaged = await packagedChromium(onUnpack);
  return packaged ? { path: packaged, source: 'packaged' } : null;
}

/**
 * The command line: headless, DevTools on the pipe, no GPU, a throwaway profile, crash reporting
 * off, and none of the background services that would try to reach a network. Chromium will not
 * start as root with its sandbox on, so only then is the sandbox turned off.
 */
export function chromiumPrintArgs(options: { profileDir: string; runningAsRoot: boolean }): string[] {
  return [
    '--headless',
    '--remote-debugging-pipe',
    '--disable-gpu',
    ...(options.runningAsRoot ? ['--no-sandbox'] : []),
    `--user-data-dir=${options.profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-extensions',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-breakpad',
    '--disable-crash-reporter',
    '--disable-dev-shm-usage',
    // Every request, loopback included, goes to a proxy that is not there: nothing is fetched.
    '--proxy-server=http://127.0.0.1:9',
    '--proxy-bypass-list=<-loopback>',
    '--mute-audio',
    'about:blank',
  ];
}

/**
 * The explicit environment for a child browser whose every folder is inside `throwawayDir`: the only
 * variables it is started with. Inheriting ours would hand it (and the helpers of Debian's wrapper
 * script, its renderers and its crash handler) anything secret in it, such as `IOM_PASSPHRASE`; and
 * the home, temporary and settings folders all point into the throwaway folder, so no crash store or
 * profile lands in the user's own.
 */
function printingEnvironment(throwawayDir: string, parent: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Record<string, string> {
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

interface CdpMessage {
  id?: number;
  method?: string;
  sessionId?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message?: string };
}

/** The DevTools protocol over the pipe: JSON messages, each ended by a NUL byte. */
class PipeConnection {
  private nextId = 1;
  private buffered = '';
  private readonly pending = new Map<number, { resolve(result: Record<string, unknown>): void; reject(error: Error): void }>();
  private readonly listeners: Array<(message: CdpMessage) => void> = [];

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (chunk: string) => this.receive(chunk));
  }

  send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.toBrowser.write(`${message}\0`);
    });
  }

  onEvent(listener: (message: CdpMessage) => void): void {
    this.listeners.push(listener);
  }

  failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let end = this.buffered.indexOf('\0');
    while (end >= 0) {
      const message = JSON.parse(this.buffered.slice(0, end)) as CdpMessage;
      this.buffered = this.buffered.slice(end + 1);
      end = this.buffered.indexOf('\0');
      if (message.id !== undefined) {
        const waiter = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) waiter?.reject(new Error(message.error.message ?? 'DevTools error'));
        else waiter?.resolve(message.result ?? {});
      } else {
        for (const listener of this.listeners) listener(message);
      }
    }
  }
}

/** The page's print: A4 and margins from the document's own @page rules, as Electron's printToPDF. */
const PRINT_PARAMS = { printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false, generateTaggedPDF: true, generateDocumentOutline: true, transferMode: 'ReturnAsBase64' };

async function printOverPipe(connection: PipeConnection, html: string): Promise<{ pdf: Buffer; refusedRequests: number }> {
  const { targetId } = (await connection.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
  const { sessionId } = (await connection.send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
  let refusedRequests = 0;
  let loaded: () => void = () => undefined;
  const documentLoaded = new Promise<void>((resolve) => (loaded = resolve));
  connection.onEvent((message) => {
    if (message.sessionId !== sessionId) return;
    if (message.method === 'Fetch.requestPaused') {
      refusedRequests += 1;
      void connection.send('Fetch.failRequest', { requestId: message.params?.requestId, errorReason: 'BlockedByClient' }, sessionId).catch(() => undefined);
    } else if (message.method === 'Page.loadEventFired') {
      loaded();
    }
  });
  await connection.send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId);
  await connection.send('Fetch.enable', { patterns: [{ urlPattern: '*' }] }, sessionId);
  await connection.send('Page.enable', {}, sessionId);
  // Whatever the document asks for is asked (and refused) before its load event.
  await connection.send('Page.navigate', { url: reportDataUrl(withReportPolicy(html)) }, sessionId);
  await documentLoaded;
  const { data } = (await connection.send('Page.printToPDF', PRINT_PARAMS, sessionId)) as { data: string };
  return { pdf: Buffer.from(data, 'base64'), refusedRequests };
}

/**
 * The report's policy put first in `<head>` whatever the HTML carries: a second guard beside the
 * scripts switched off and the requests refused over DevTools, which holds in any browser the
 * document reaches. Policies add up, so one already in the document only narrows this further.
 */
function withReportPolicy(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  return head ? `${html.slice(0, head.index + head[0].length)}\n${REPORT_CSP_META}${html.slice(head.index + head[0].length)}` : `${REPORT_CSP_META}\n${html}`;
}

/** Prints the HTML to PDF bytes with the given browser; the temporary folder is gone afterwards. */
export async function printHtmlWithChromium(html: string, binary: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'iom-report-'));
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const child = spawn(binary, chromiumPrintArgs({ profileDir: join(dir, 'profile'), runningAsRoot }), {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    env: printingEnvironment(dir),
    windowsHide: true,
  });
  const connection = new PipeConnection(child.stdio[3] as Writable, child.stdio[4] as Readable);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (error) => reject(new WorkspaceError('internal', `The browser (${binary}) could not be started (${error.message}), so no PDF was written. Set CHROME_PATH to another Chromium or Chrome program, or write the report as HTML with --html and print it from a browser.`)));
      child.once('exit', (code) => reject(new WorkspaceError('internal', `The browser (${binary}) stopped before it printed the report${code ? ` (exit code ${code})` : ''}, so no PDF was written. Try again; if it fails again, write the report as HTML with --html and print it from a browser.`)));
      timer = setTimeout(() => reject(new WorkspaceError('internal', `The browser did not finish printing the report within ${PRINT_TIMEOUT_MS / 1000} s, so it was stopped and no PDF was written. Try again when the computer is less busy, or write the report as HTML with --html.`)), PRINT_TIMEOUT_MS);
    });
    // The browser exits after a successful print too; that late rejection has no one left to tell.
    failed.catch(() => undefined);
    const { pdf, refusedRequests } = await Promise.race([printOverPipe(connection, html), failed]);
    if (refusedRequests > 0) throw new WorkspaceError('internal', `The report asked for ${refusedRequests} outside resource(s) while printing; they were refused and nothing was written.`);
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new WorkspaceError('internal', `The browser (${binary}) did not print the report, so no PDF was written. Try again; if it fails again, write the report as HTML with --html and print it from a browser.`);
    await connection.send('Browser.close').catch(() => undefined);
    return new Uint8Array(pdf);
  } catch (error) {
    connection.failAll(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    // Browser.close lets it shut down its profile cleanly; one that does not is stopped.
    const stillRunning = () => child.exitCode === null && child.signalCode === null;
    if (stillRunning()) await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
    if (stillRunning()) {
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.kill();
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
