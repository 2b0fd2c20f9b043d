import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session } from 'electron';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { registerIpcHandlers } from './ipc';
import { AppSession } from './runtime/appSession';
import type { AppContext, HostPlatform } from './runtime/appContext';
import { APP_ENTRY_URL, APP_SCHEME, mimeTypeFor, resolveAppFile } from './security/appProtocol';
import { SECURITY_HEADERS, withSecurityHeaders } from './security/contentSecurityPolicy';
import { decidePermission, decideWindowOpen, isAllowedNavigation, isAllowedRequest } from './security/requestPolicy';
import { mainWindowShape, secureWebPreferences } from './security/webPreferences';
import { createLogger } from './logging';
import { installFileLog } from './logFile';
import { IDLE_CHECK_INTERVAL_MS, idleLockMinutes } from './runtime/idleLock';
import { JobRegistry } from './jobs/jobRegistry';
import { printReportToPdf } from './report/printReport';
import { unpackedPath } from './runtime/appLayout';
import { cliArguments } from './runtime/headlessCli';
import { runCli } from './cli/cli';
import { WINDOW_ICON } from './runtime/appIcon';
import { demoMakerInWorker, demoWorkerPath } from './workspace/demoMaker';


// Thin by design: every decision below lives in a tested function under electron/security.
const log = createLogger('main');
const rendererDir = join(__dirname, '..', 'renderer');
// Listed in asarUnpack: a worker thread's script is read from disk, never from inside the archive.
const importWorkerPath = unpackedPath(join(__dirname, 'importWorker.js'));

// The lists and the seed are British: dates are day first in every native date field, whatever
// language the workstation's account happens to be set to.
app.commandLine.appendSwitch('lang', 'en-GB');

const headlessArgs = cliArguments(process.argv);
if (headlessArgs) {
  // `<app> --cli summary w.iomdb`: the installed app's CLI, through this executable and its
  // Electron binding (the RunAsNode fuse stays off). No window, no single-instance lock: a command
  // may run while the app is open, as two CLI commands may.
  runHeadless(headlessArgs);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // The window's app writes its log to userData/logs/app.log (the CLI keeps to its stderr).
  installFileLog(app.getPath('userData'));
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  app.whenReady().then(start).catch((error: unknown) => {
    log.error('start failed', { kind: error instanceof Error ? error.name : typeof error });
    app.quit();
  });
}

function runHeadless(args: string[]): void {
  // `report --pdf` prints in a hidden window of this executable, under the same session policy as
  // the app's (every request refused), so the installed app needs no other browser.
  const printPdf = async (html: string): Promise<Uint8Array> => {
    await app.whenReady();
    lockDownSession();
    return printReportToPdf(html);
  };
  runCli(args, { out: (text) => process.stdout.write(`${text}\n`), err: (text) => process.stderr.write(`${text}\n`) }, { lineWorkerScript: importWorkerPath, printPdf, makeDemo: demoMakerInWorker(demoWorkerPath({ importWorkerPath })!) })
    .catch(() => 70)
    .then((code) => app.exit(code));
}

let sessionLockedDown = false;

/** The default session (every window's) refuses the network, keeps the CSP and denies permissions. */
function lockDownSession(): void {
  if (sessionLockedDown) return;
  sessionLockedDown = true;
  const appSessionPartition = session.defaultSession;
  appSessionPartition.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  appSessionPartition.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) }));
  appSessionPartition.setPermissionRequestHandler((_wc, permission, callback) => callback(decidePermission(permission)));
  appSessionPartition.setPermissionCheckHandler((_wc, permission) => decidePermission(permission));
}

function start(): void {
  const appSession = new AppSession();
  let window: BrowserWindow | null = null;

  const host: HostPlatform = {
    kind: 'electron',
    dataDir: app.getPath('userData'),
    async chooseFile(mode, purpose, suggestedName) {
      const filters = purpose === 'workspace' ? [{ name: 'IOM workspace', extensions: ['iomdb'] }] : purpose === 'import' ? [{ name: 'Spreadsheets', extensions: ['xls', 'xlsx', 'csv'] }] : [];
      if (!window) return null;
      if (mode === 'open') {
        const result = await dialog.showOpenDialog(window, { properties: ['openFile'], filters });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      }
      const result = await dialog.showSaveDialog(window, { filters, ...(suggestedName ? { defaultPath: suggestedName } : {}) });
      return result.canceled ? null : (result.filePath ?? null);
    },
    printPdf: printReportToPdf,
  };
  const ctx: AppContext = { session: appSession, host, actor: userInfo().username, jobs: new JobRegistry(), importWorkerPath };

  lockDownSession();

  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      // The policy travels with the bundle's own responses too, not only through the session hook.
      return new Response(await readFile(file), { status: 200, headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeFor(file) } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (details) => {
      if (!isAllowedNavigation(details.url)) details.preventDefault();
    });
    contents.on('will-redirect', (details) => {
      if (!isAllowedNavigation(details.url)) details.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => decideWindowOpen());
  });

  registerIpcHandlers(ipcMain, ctx);

  window = new BrowserWindow({ ...mainWindowShape(), icon: WINDOW_ICON, webPreferences: secureWebPreferences(join(__dirname, 'preload.js'), { allowDevTools: !app.isPackaged }) });
  window.once('ready-to-show', () => window?.show());
  void window.loadURL(APP_ENTRY_URL);

  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  const lockNow = (reason: 'suspend' | 'idle') => {
    appSession.lock(reason);
    window?.webContents.reload();
  };
  powerMonitor.on('suspend', () => lockNow('suspend'));
  powerMonitor.on('lock-screen', () => lockNow('suspend'));
  setInterval(() => {
    if (appSession.lockIfIdle(idleLockMinutes(appSession))) window?.webContents.reload();
  }, IDLE_CHECK_INTERVAL_MS).unref();

  app.on('window-all-closed', () => {
    appSession.lock('user');
    app.quit();
  });
}
