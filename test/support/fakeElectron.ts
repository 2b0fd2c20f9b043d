import { createRequire, Module } from 'node:module';

/**
 * A recording stand-in for the part of Electron's main-process API the app uses, so the built
 * dist/electron/main.js runs under plain Node (where there is no Electron binary) and a test can
 * see what it did: the windows it made and with what, the handlers it registered, and what those
 * handlers answer when the test plays the browser side (a request, a navigation, an IPC call).
 * Only what main.ts calls is here; anything else it touched would throw, which is the point.
 */

type Listener = (...args: never[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  /** Calls every listener of the event, as Electron would. */
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => (listener as (...a: unknown[]) => unknown)(...args));
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export class FakeWebContents extends Emitter {
  reloads = 0;
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  reload(): void {
    this.reloads += 1;
  }
  readonly printed: unknown[] = [];
  /** Chromium's printing is not here: answers with a marked stand-in for the PDF bytes. */
  printToPDF(options: unknown): Promise<Buffer> {
    this.printed.push(options);
    return Promise.resolve(Buffer.from('%PDF-1.7 stand-in printed by the recording Electron\n'));
  }
}

/** A navigation as Electron ≥ 25 reports it: the details object, with preventDefault. */
interface FakeNavigation {
  readonly url: string;
  readonly isMainFrame: boolean;
  prevented: boolean;
  preventDefault(): void;
}

export function navigation(url: string): FakeNavigation {
  return {
    url,
    isMainFrame: true,
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

class FakeBrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  shown = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  destroy(): void {
    this.destroyed = true;
  }
}

type BeforeRequest = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
type HeadersReceived = (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void;
type PermissionRequest = (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void;
type PermissionCheck = (webContents: unknown, permission: string) => boolean;
type ProtocolHandler = (request: { url: string }) => Promise<Response>;
type IpcListener = (event: { senderFrame: { url: string } | null }, input: unknown) => unknown;

export interface FakeElectron {
  /** What `require('electron')` returns to the app. */
  readonly module: Record<string, unknown>;
  readonly app: Emitter & { switches: [string, string | undefined][]; quits: number; exitCode: number | null; exited: Promise<number>; isPackaged: boolean };
  readonly windows: FakeBrowserWindow[];
  readonly ipcHandlers: Map<string, IpcListener>;
  readonly duplicateIpcChannels: string[];
  readonly privilegedSchemes: unknown[];
  readonly protocolHandlers: Map<string, ProtocolHandler>;
  readonly webRequest: { beforeRequest: BeforeRequest[]; headersReceived: HeadersReceived[] };
  readonly permissions: { request: PermissionRequest[]; check: PermissionCheck[] };
  readonly powerMonitor: Emitter;
  /** Resolves `app.whenReady()`, as Electron does once it has started. */
  ready(): void;
}

interface FakeElectronOptions {
  isPackaged?: boolean;
  singleInstance?: boolean;
  /** What `app.getPath('userData')` answers (the app's data folder); the test's temp folder. */
  userData?: string;
}

export function createFakeElectron(options: FakeElectronOptions = {}): FakeElectron {
  let resolveReady: () => void = () => {};
  const whenReady = new Promise<void>((resolve) => (resolveReady = resolve));
  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (resolveExit = resolve));
  const windows: FakeBrowserWindow[] = [];
  const ipcHandlers = new Map<string, IpcListener>();
  const duplicateIpcChannels: string[] = [];
  const privilegedSchemes: unknown[] = [];
  const protocolHandlers = new Map<string, ProtocolHandler>();
  const webRequest = { beforeRequest: [] as BeforeRequest[], headersReceived: [] as HeadersReceived[] };
  const permissions = { request: [] as PermissionRequest[], check: [] as PermissionCheck[] };
  const powerMonitor = new Emitter();

  const app = Object.assign(new Emitter(), {
    switches: [] as [string, string | undefined][],
    quits: 0,
    exitCode: null as number | null,
    exited,
    isPackaged: options.isPackaged ?? false,
  });
  const appApi = Object.assign(app, {
    commandLine: { appendSwitch: (name: string, value?: string) => app.switches.push([name, value]) },
    requestSingleInstanceLock: () => options.singleInstance ?? true,
    whenReady: () => whenReady,
    getPath: (name: string) => {
      if (name !== 'userData' || !options.userData) throw new Error(`fake app.getPath('${name}') has no answer`);
      return options.userData;
    },
    quit: () => {
      app.quits += 1;
    },
    exit: (code = 0) => {
      app.exitCode = code;
      resolveExit(code);
    },
  });

  // Each instance the app makes is recorded here, for this fake only.
  class BrowserWindow extends FakeBrowserWindow {
    constructor(windowOptions: Record<string, unknown>) {
      super(windowOptions);
      windows.push(this);
    }
  }

  const module: Record<string, unknown> = {
    app: appApi,
    BrowserWindow,
    dialog: {
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
    },
    ipcMain: {
      handle: (channel: string, listener: IpcListener) => {
        if (ipcHandlers.has(channel)) duplicateIpcChannels.push(channel);
        ipcHandlers.set(channel, listener);
      },
    },
    powerMonitor,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: ProtocolHandler) => protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        webRequest: {
          onBeforeRequest: (listener: BeforeRequest) => webRequest.beforeRequest.push(listener),
          onHeadersReceived: (listener: HeadersReceived) => webRequest.headersReceived.push(listener),
        },
        setPermissionRequestHandler: (handler: PermissionRequest) => permissions.request.push(handler),
        setPermissionCheckHandler: (handler: PermissionCheck) => permissions.check.push(handler),
      },
    },
  };

  return { module, app, windows, ipcHandlers, duplicateIpcChannels, privilegedSchemes, protocolHandlers, webRequest, permissions, powerMonitor, ready: resolveReady };
}

type ModuleLoad = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: ModuleLoad };
let currentFake: FakeElectron | null = null;
let redirecting = false;

/**
 * Runs a built main-process bundle with `require('electron')` answered by the fake, as a fresh
 * module each time (its top level is the app starting), with `argv` as what follows the script on
 * its command line. The redirect stays for the test process's life (it only ever answers
 * 'electron', which nothing else here loads), always to the fake of the latest start.
 */
export function startMainBundle(bundlePath: string, fake: FakeElectron, argv: string[] = []): void {
  const requireFromHere = createRequire(__filename);
  delete requireFromHere.cache[bundlePath];
  currentFake = fake;
  if (!redirecting) {
    const originalLoad = loader._load;
    loader._load = function load(request, parent, isMain) {
      return request === 'electron' && currentFake ? currentFake.module : originalLoad.call(this, request, parent, isMain);
    };
    redirecting = true;
  }
  const originalArgv = process.argv;
  process.argv = [process.execPath, bundlePath, ...argv];
  try {
    requireFromHere(bundlePath);
  } finally {
    process.argv = originalArgv;
  }
}
