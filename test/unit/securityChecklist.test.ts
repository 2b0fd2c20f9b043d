/**
 * The Electron security checklist (electronjs.org/docs/latest/tutorial/security), item by item,
 * as far as the code can show it without the Electron binary: each decision is a function under
 * electron/security, tested for what it allows and refuses; that main.ts wires each decision is
 * shown by running the built main process under a recording Electron
 * (test/integration/electronMainShell.test.ts); the preload is run against a stand-in `electron`
 * to show it exposes exactly the contract; IPC refuses foreign senders; and the built bundles are
 * read for remote content and network modules.
 * electronSecurity.test.ts covers the same functions' basic cases; this file is the checklist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, channelFor } from '../../shared/api/contract';
import { DROPPED_FILE_CHANNEL } from '../../shared/api/preloadApi';
import { registerIpcHandlers } from '../../electron/ipc';
import { APP_ENTRY_URL, APP_ORIGIN, isAppUrl, resolveAppFile } from '../../electron/security/appProtocol';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, withSecurityHeaders } from '../../electron/security/contentSecurityPolicy';
import { decidePermission, decideWindowOpen, isAllowedNavigation, isAllowedRequest, isTrustedIpcSender } from '../../electron/security/requestPolicy';
import { secureWebPreferences } from '../../electron/security/webPreferences';
import { reportPrintWebPreferences, reportPrintWindowShape } from '../../electron/security/reportPrintWindow';
import { reportDataUrl } from '../../electron/report/printOptions';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { AppContext } from '../../electron/runtime/appContext';

const ROOT = resolve(__dirname, '../..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

function sourceFiles(dir: string, extensions: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir))) {
    const path = join(dir, entry);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sourceFiles(path, extensions));
    else if (extensions.test(entry)) out.push(path);
  }
  return out;
}

function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), values);
  }
  return map;
}

function metaCsp(html: string): string | null {
  const match = /<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=(["'])(.*?)\1/i.exec(html);
  return match?.[2] ?? null;
}

// ---------------------------------------------------------------------------------------------

describe('Electron security checklist', () => {
  it('1, 3, 4. no Node in the renderer: context isolation and sandbox on, node integration off everywhere', () => {
    for (const allowDevTools of [false, true]) {
      const prefs = secureWebPreferences('/app/preload.js', { allowDevTools });
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webviewTag: false });
      expect(prefs.devTools).toBe(allowDevTools);
    }
    // That main.ts makes exactly one window from them: electronMainShell.test.ts.
    // The one other window: the hidden one the cohort report is printed in, from its own locked-down preferences.
    const printSource = read('electron/report/printReport.ts').replace(/\s+/g, ' ');
    expect(printSource.match(/\bnew BrowserWindow\b/g)).toHaveLength(1);
    expect(printSource).toContain('new BrowserWindow({ ...reportPrintWindowShape(), webPreferences: reportPrintWebPreferences() })');
    // No other file creates windows or views, or sets web preferences of its own.
    const windowMakers = [join('electron', 'main.ts'), join('electron', 'security', 'webPreferences.ts'), join('electron', 'report', 'printReport.ts')];
    for (const file of sourceFiles('electron', /\.ts$/)) {
      if (windowMakers.includes(file)) continue;
      expect(read(file), file).not.toMatch(/\bnew (BrowserWindow|BrowserView|WebContentsView)\b|webPreferences\s*:/);
    }
  });

  it('1, 3, 4. the report print window runs no script and no Node, sandboxed and isolated, and is never shown', () => {
    const prefs = reportPrintWebPreferences();
    expect(prefs).toMatchObject({ javascript: false, contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webviewTag: false, webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, devTools: false });
    expect(prefs).not.toHaveProperty('preload');
    expect(prefs).not.toHaveProperty('partition');
    expect(prefs).not.toHaveProperty('session');
    expect(reportPrintWindowShape()).toMatchObject({ show: false, skipTaskbar: true, focusable: false });
    // It loads the report as a data: URL, which the session's request policy lets through (file: and the network it refuses).
    const url = reportDataUrl('<!DOCTYPE html><p>x</p>');
    expect(url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(isAllowedRequest(url)).toBe(true);
    expect(() => reportDataUrl('x'.repeat(2 * 1024 * 1024))).toThrow('too large');
  });

  it('5, 6. web security on, no insecure content, no experimental features, no Blink feature flags', () => {
    const prefs = secureWebPreferences('/p.js', { allowDevTools: false });
    expect(prefs).toMatchObject({ webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false });
    expect(Object.keys(prefs)).not.toContain('enableBlinkFeatures');
  });

  it('7. a strict CSP: nothing remote, no inline script or eval, no framing, no plugins', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    for (const [name, values] of policy) {
      for (const value of values) {
        // Only keywords and the schemes that never leave the machine.
        expect(["'self'", "'none'", 'data:', 'blob:'], `${name} ${value}`).toContain(value);
      }
    }
    const headers = withSecurityHeaders({ 'Content-Security-Policy': ["default-src *"], 'content-security-policy': "script-src 'unsafe-eval'" });
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toHaveLength(1);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });

  it('7. the page carries the same CSP as a meta tag, minus frame-ancestors (which a meta tag cannot set), source and build', () => {
    const expected = CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim())
      .filter((d) => !d.startsWith('frame-ancestors'))
      .join('; ');
    expect(metaCsp(read('renderer/index.html'))).toBe(expected);
    const built = join(ROOT, 'dist/renderer/index.html');
    expect(existsSync(built), 'run npm run build first').toBe(true);
    expect(metaCsp(readFileSync(built, 'utf8'))).toBe(expected);
  });

  it('8, 9. every request outside the bundle is cancelled at the session, before the window loads', () => {
    for (const url of [APP_ENTRY_URL, `${APP_ORIGIN}/assets/index.js`, 'data:image/png;base64,AAAA', `blob:${APP_ORIGIN}/1234`]) expect(isAllowedRequest(url), url).toBe(true);
    const refused = [
      'https://example.org/', 'http://127.0.0.1:9/', 'http://localhost/', 'ws://localhost/', 'wss://example.org/', 'ftp://example.org/',
      'file:///etc/passwd', 'file://server/share/list.xlsx', 'app://bundle.example.org/', 'app://bundle@example.org/', 'app://other/x',
      'blob:https://example.org/1', 'chrome://settings', 'javascript:alert(1)', 'about:blank', 'mailto:a@example.org', '//example.org/', '',
    ];
    for (const url of refused) expect(isAllowedRequest(url), url).toBe(false);
  });

  it('10. permission requests and checks are denied, for every permission', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'hid', 'serial', 'usb', 'fileSystem', 'window-management', 'unknown']) {
      expect(decidePermission(permission), permission).toBe(false);
    }
  });

  it('13, 14, 15. every web contents refuses navigation away, new windows and webviews', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    for (const url of ['https://example.org/', 'file:///tmp/x.html', 'app://bundle.example.org/', 'javascript:alert(1)', 'about:blank', 'data:text/html,<h1>x</h1>']) expect(isAllowedNavigation(url), url).toBe(false);
    expect(decideWindowOpen()).toEqual({ action: 'deny' });
    // Nothing hands a URL from the page to the operating system.
    for (const file of sourceFiles('electron', /\.ts$/)) expect(read(file), file).not.toMatch(/openExternal|openPath\(/);
  });

  it('17, 18. the app is served from its own privileged scheme, only from the renderer folder, and loads nothing else', () => {
    const root = resolve('/srv/renderer');
    expect(resolveAppFile(root, APP_ENTRY_URL)).toBe(join(root, 'index.html'));
    for (const attempt of ['app://bundle/../../etc/passwd', 'app://bundle/%2e%2e%2f%2e%2e%2fetc/passwd', 'app://bundle/..%5c..%5cwindows', 'app://other/index.html', 'file:///srv/renderer/index.html', 'app://bundle/a%00b']) {
      const file = resolveAppFile(root, attempt);
      expect(file === null || file.startsWith(`${root}/`), attempt).toBe(true);
    }
    expect(isAppUrl('app://bundle/x')).toBe(true);
  });

  it('IPC: answered only for the app page, on the contract channels only', async () => {
    for (const url of [APP_ENTRY_URL, `${APP_ORIGIN}/index.html#/candidates`]) expect(isTrustedIpcSender(url), url).toBe(true);
    for (const url of ['https://example.org/', 'file:///index.html', 'app://bundle.example.org/', 'about:blank', 'devtools://devtools/x', '', null, undefined]) expect(isTrustedIpcSender(url), String(url)).toBe(false);

    const registered = new Map<string, (event: { senderFrame: { url: string } | null }, input: unknown) => unknown>();
    const ctx: AppContext = { session: new AppSession(), host: { kind: 'test' }, actor: 'tester', jobs: new JobRegistry() };
    registerIpcHandlers({ handle: (channel: string, listener: (event: never, input: unknown) => unknown) => registered.set(channel, listener as never) } as never, ctx);
    // The contract's calls, and the preload's channel for a dropped file (issue 17.4).
    expect([...registered.keys()].sort()).toEqual([...CALL_NAMES.map(channelFor), DROPPED_FILE_CHANNEL].sort());
    const status = registered.get(channelFor('workspace.status'))!;
    expect(await status({ senderFrame: { url: APP_ENTRY_URL } }, {})).toMatchObject({ ok: true });
    for (const senderFrame of [{ url: 'https://example.org/' }, { url: 'file:///x.html' }, null]) {
      expect(await status({ senderFrame }, {}), JSON.stringify(senderFrame)).toEqual({ ok: false, error: { code: 'unknown_call', message: 'Refused: the request did not come from the app.' } });
    }
    // No file but ipc.ts listens on ipcMain (that main.ts registers through it: electronMainShell.test.ts).
    for (const file of sourceFiles('electron', /\.ts$/)) {
      if (file === join('electron', 'ipc.ts')) continue;
      expect(read(file), file).not.toMatch(/ipcMain\.(handle|on|once|handleOnce)\(/);
    }
  });

  it('2, 20. the preload exposes exactly the contract and the registration of a dropped file, never ipcRenderer', async () => {
    const exposed = new Map<string, unknown>();
    const invoke = vi.fn((channel: string, input: unknown) => Promise.resolve({ channel, input }));
    const ipcOther = { send: vi.fn(), on: vi.fn(), once: vi.fn(), sendSync: vi.fn(), postMessage: vi.fn() };
    const getPathForFile = vi.fn(() => '/tmp/list.xlsx');
    vi.doMock('electron', () => ({
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: { invoke, ...ipcOther },
      webUtils: { getPathForFile },
    }));
    await import('../../electron/preload');
    vi.doUnmock('electron');
    expect([...exposed.keys()].sort()).toEqual(['iomApi', 'iomFiles']);
    const api = exposed.get('iomApi') as Record<string, (input: unknown) => Promise<unknown>>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES].sort());
    for (const [name, fn] of Object.entries(api)) expect(typeof fn, name).toBe('function');
    await api['workspace.status']!({});
    expect(invoke).toHaveBeenCalledWith(channelFor('workspace.status'), {});
    // A dropped file: its path is read here and sent on the drop channel only, for main to
    // register for a token; the page gets the answer, never the path it could send elsewhere.
    const files = exposed.get('iomFiles') as Record<string, (file: unknown, purpose: unknown) => unknown>;
    expect(Object.isFrozen(files)).toBe(true);
    expect(Object.keys(files)).toEqual(['choose']);
    const dropped = { name: 'list.xlsx' };
    expect(await files.choose!(dropped, 'read')).toEqual({ channel: DROPPED_FILE_CHANNEL, input: { path: '/tmp/list.xlsx', purpose: 'read' } });
    expect(getPathForFile).toHaveBeenCalledWith(dropped);
    expect(invoke).toHaveBeenCalledTimes(2);
    for (const fn of Object.values(ipcOther)) expect(fn).not.toHaveBeenCalled();
    const preloadSource = read('electron/preload.ts');
    expect(preloadSource.match(/exposeInMainWorld\(/g)).toHaveLength(2);
    expect(preloadSource).not.toMatch(/ipcRenderer\.(send|on|once|sendSync|postMessage)\b|exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('the renderer has no HTML injection sinks and no eval', () => {
    for (const file of sourceFiles('renderer', /\.(ts|tsx)$/)) {
      expect(read(file), file).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|outerHTML\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/);
    }
  });
});

describe('no remote content and no network code in what is built', () => {
  let assets: string[];
  beforeAll(() => {
    const dir = join(ROOT, 'dist/renderer');
    expect(existsSync(dir), 'run npm run build first').toBe(true);
    assets = sourceFiles('dist/renderer', /\.(html|js|css|json|svg)$/);
  });

  /**
   * URLs a bundle may contain without ever fetching them, each reviewed: XML namespace names and
   * JSON Schema dialect ids (identifiers that happen to look like URLs), React's error-decoder link
   * (text in a message), and zod's IPv6 check, which builds "http://[address]" only to parse it.
   */
  const NOT_FETCHED = [
    /^http:\/\/www\.w3\.org\/(1999\/xlink|2000\/svg|XML\/1998\/namespace|1998\/Math\/MathML|1999\/xhtml|2000\/xmlns\/)$/,
    /^https?:\/\/json-schema\.org\/(draft-0[47]|draft\/2020-12)\/schema#?$/,
    /^https:\/\/react\.dev\/errors\/$/,
    /^http:\/\/\[\$\{\w+\}\]$/,
  ];

  it('the renderer bundle names no remote URL except namespace identifiers and error-text links', () => {
    expect(assets.length).toBeGreaterThan(1);
    const remote: string[] = [];
    for (const file of assets) {
      for (const match of read(file).matchAll(/\b(?:https?|wss?|ftp):\/\/[^\s"'`)<>\\]*/gi)) {
        if (!NOT_FETCHED.some((pattern) => pattern.test(match[0]))) remote.push(`${file}: ${match[0]}`);
      }
    }
    expect(remote).toEqual([]);
    // And no way of talking to a server besides fetch (which the CSP's connect-src 'self' and the session confine).
    for (const file of assets) expect(read(file), file).not.toMatch(/new WebSocket\(|new EventSource\(|sendBeacon\(|XMLHttpRequest|importScripts\(/);
  });

  it('the built page loads only its own files: no remote or protocol-relative src, href, url() or @import', () => {
    const html = read('dist/renderer/index.html');
    const references = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1] ?? '');
    expect(references.length).toBeGreaterThan(0);
    for (const ref of references) expect(ref, ref).toMatch(/^\.?\/assets\/[\w.-]+$/);
    expect(html).not.toMatch(/<(iframe|object|embed|base|webview)\b/i);
    for (const file of assets.filter((f) => f.endsWith('.css'))) {
      expect(read(file), file).not.toMatch(/url\(\s*["']?(https?:|\/\/)|@import/i);
    }
  });

  it('the main process, import worker and CLI bundles load no network module', () => {
    const network = ['http', 'https', 'net', 'tls', 'dgram', 'http2', 'undici', 'dns', 'inspector'];
    for (const bundle of ['dist/electron/main.js', 'dist/electron/importWorker.js', 'dist/cli.js']) {
      expect(existsSync(join(ROOT, bundle)), `${bundle}: run npm run build first`).toBe(true);
      const code = read(bundle);
      const loaded = [...code.matchAll(/\b(?:require|import)\(\s*["'`](?:node:)?([\w./@-]+)["'`]\s*\)/g)].map((m) => m[1] ?? '');
      expect(loaded.length, bundle).toBeGreaterThan(3);
      for (const mod of loaded) expect(network, `${bundle} loads ${mod}`).not.toContain(mod.split('/')[0]);
      // A require of a computed name could load anything at run time.
      expect(code, bundle).not.toMatch(/\brequire\(\s*[^"'`\s)]/);
      expect(code, bundle).not.toMatch(/process\.(binding|_linkedBinding)\(/);
    }
  });
});
