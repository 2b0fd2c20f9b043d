/**
 * The real main process, as built (dist/electron/main.js), started under plain Node with the
 * `electron` module replaced by recording fakes (test/support/fakeElectron.ts): what it registers
 * and what those registrations answer when the test plays Chromium, the page and the operating
 * system. This is the Electron security checklist as behaviour; the decisions' own edge cases are
 * in test/unit/securityChecklist.test.ts. The window itself needs the Electron binary
 * (test/electron/appSmoke.test.ts, where it is present).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_NAMES, channelFor } from '../../shared/api/contract';
import { DROPPED_FILE_CHANNEL } from '../../shared/api/preloadApi';
import type { CallResult } from '../../shared/api/defineCall';
import { APP_ENTRY_URL, APP_SCHEME } from '../../electron/security/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/contentSecurityPolicy';
import { secureWebPreferences } from '../../electron/security/webPreferences';
import { reportPrintWebPreferences, reportPrintWindowShape } from '../../electron/security/reportPrintWindow';
import { reportPrintToPdfOptions } from '../../electron/report/printOptions';
import { closeWorkspace, createWorkspaceFile } from '../../electron/workspace/workspaceFile';
import { buildDemoWorkspace } from '../../electron/workspace/demoWorkspace';
import { createFakeElectron, FakeWebContents, navigation, startMainBundle, type FakeElectron } from '../support/fakeElectron';
import { ensureNodeBuild } from '../support/nodeBuild';
import { writeFixtureSet } from '../fixtures/writeFixtures';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/electron/main.js');
const RENDERER = join(ROOT, 'dist/renderer');
const FROM_APP = { senderFrame: { url: APP_ENTRY_URL } };

async function startApp(options: { isPackaged?: boolean; singleInstance?: boolean } = {}): Promise<FakeElectron> {
  const fake = createFakeElectron({ userData: temp.path('userData'), ...options });
  startMainBundle(MAIN, fake);
  fake.ready();
  // start() runs in whenReady's continuation.
  await new Promise((r) => setImmediate(r));
  return fake;
}

async function call<T>(fake: FakeElectron, name: string, input: unknown, event: unknown = FROM_APP): Promise<CallResult<T>> {
  const handler = fake.ipcHandlers.get(channelFor(name as never));
  if (!handler) throw new Error(`no handler for ${name}`);
  return (await handler(event as never, input)) as CallResult<T>;
}

/** The system open dialog answers with this path (or is cancelled with null). */
function dialogAnswers(fake: FakeElectron, path: string | null): void {
  const dialog = fake.module.dialog as Record<string, unknown>;
  dialog.showOpenDialog = () => Promise.resolve(path ? { canceled: false, filePaths: [path] } : { canceled: true, filePaths: [] });
  dialog.showSaveDialog = () => Promise.resolve(path ? { canceled: false, filePath: path } : { canceled: true });
}

/** A workspace chosen in main's own open dialog, as the page receives it: a token. */
async function chooseWorkspace(fake: FakeElectron, path: string): Promise<string> {
  dialogAnswers(fake, path);
  const picked = await call<{ file: { token: string } | null }>(fake, 'workspace.chooseFile', { mode: 'open' });
  if (!picked.ok || !picked.value.file) throw new Error(`the dialog gave no file: ${JSON.stringify(picked)}`);
  return picked.value.file.token;
}

function requestDecision(fake: FakeElectron, url: string): boolean | undefined {
  let cancel: boolean | undefined;
  for (const listener of fake.webRequest.beforeRequest) listener({ url }, (response) => (cancel = response.cancel));
  return cancel;
}

let temp: TempDir;
let workspacePath: string;
beforeAll(async () => {
  ensureNodeBuild();
  expect(existsSync(join(RENDERER, 'index.html')), 'run npm run build first').toBe(true);
  temp = makeTempDir('iom-shell-');
  workspacePath = temp.path('demo.iomdb');
  const workspace = createWorkspaceFile(workspacePath, 'Shell demo', TEST_PASSPHRASE, TEST_PASSPHRASE);
  await buildDemoWorkspace(workspace, 'tester');
  closeWorkspace(workspace);
});
afterAll(() => temp.remove());

describe('the built main process under a recording Electron', () => {
  it('makes exactly one window, from the locked-down preferences, loading the app page; dev tools only unpackaged', async () => {
    for (const isPackaged of [false, true]) {
      const fake = await startApp({ isPackaged });
      expect(fake.windows).toHaveLength(1);
      const [window] = fake.windows;
      expect(window!.options.webPreferences).toEqual(secureWebPreferences(join(ROOT, 'dist/electron/preload.js'), { allowDevTools: !isPackaged }));
      expect(existsSync(join(ROOT, 'dist/electron/preload.js'))).toBe(true);
      expect(window!.options).toMatchObject({ show: false, width: 1366, height: 768 });
      expect(window!.options).not.toHaveProperty('partition');
      // The app's icon in the title bar and task bar, not Electron's.
      expect(window!.options.icon).toBe(join(ROOT, 'assets/icons/256x256.png'));
      expect(existsSync(join(ROOT, 'assets/icons/256x256.png'))).toBe(true);
      expect(window!.loadedUrls).toEqual([APP_ENTRY_URL]);
      // Shown once painted, not before.
      expect(window!.shown).toBe(false);
      window!.emit('ready-to-show');
      expect(window!.shown).toBe(true);
      // The scheme was registered as privileged before the app was ready (Electron requires it).
      expect(fake.privilegedSchemes).toEqual([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
      expect(fake.app.switches).toContainEqual(['lang', 'en-GB']);
    }
  });

  it('writes its log to userData/logs/app.log (0600 in a 0700 folder), which an unexpected error\'s message names', async () => {
    const userData = temp.path('userData-log');
    const fake = createFakeElectron({ userData });
    startMainBundle(MAIN, fake);
    fake.ready();
    await new Promise((r) => setImmediate(r));
    const logFile = join(userData, 'logs', 'app.log');
    expect(statSync(join(userData, 'logs')).mode & 0o777).toBe(0o700);
    expect(statSync(logFile).mode & 0o777).toBe(0o600);
    // The system dialog fails with a message quoting a name: the analyst is sent to the log, which has its kind only.
    (fake.module.dialog as { showOpenDialog: () => Promise<unknown> }).showOpenDialog = () => Promise.reject(new TypeError('cannot open Smithers-Private.xlsx'));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    let result: CallResult<unknown>;
    try {
      result = await call(fake, 'workspace.chooseFile', { mode: 'open' });
    } finally {
      stderr.mockRestore();
    }
    expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining(`The app log (${logFile}) has the details`) } });
    const logged = readFileSync(logFile, 'utf8');
    expect(logged).toMatch(/"message":"call failed","call":"workspace.chooseFile","kind":"TypeError"/);
    expect(logged).not.toContain('Smithers');
  });

  it('a second instance quits before anything is set up', async () => {
    const fake = await startApp({ singleInstance: false });
    expect(fake.app.quits).toBe(1);
    expect(fake.windows).toHaveLength(0);
    expect(fake.ipcHandlers.size).toBe(0);
    expect(fake.protocolHandlers.size).toBe(0);
  });

  it('the app scheme serves the built UI with its CSP and refuses anything outside the renderer folder', async () => {
    const fake = await startApp();
    const serve = fake.protocolHandlers.get(APP_SCHEME)!;
    const page = await serve({ url: APP_ENTRY_URL });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toBe(readFileSync(join(RENDERER, 'index.html'), 'utf8'));
    const script = /src="\.?\/(assets\/[\w.-]+\.js)"/.exec(readFileSync(join(RENDERER, 'index.html'), 'utf8'))![1]!;
    const asset = await serve({ url: `app://bundle/${script}` });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of ['app://bundle/%2e%2e/%2e%2e/package.json', 'app://bundle/..%2f..%2fpackage.json', 'app://bundle/..%5c..%5cpackage.json', 'app://bundle/missing.js', 'app://other/index.html', 'app://bundle/a%00b']) {
      const refused = await serve({ url });
      expect(refused.status, url).toBe(404);
      expect(await refused.text(), url).toBe('Not found');
    }
    // And every response the session sees carries the policy, whatever it said itself.
    let headers: Record<string, string[]> = {};
    for (const listener of fake.webRequest.headersReceived) listener({ url: APP_ENTRY_URL, responseHeaders: { 'content-security-policy': ['default-src *'] } }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(Object.keys(headers).filter((k) => k.toLowerCase() === 'content-security-policy')).toHaveLength(1);
  });

  it('cancels every request to another origin at the session, and lets the bundle through', async () => {
    const fake = await startApp();
    expect(fake.webRequest.beforeRequest).toHaveLength(1);
    for (const url of [APP_ENTRY_URL, 'app://bundle/assets/index.js', 'data:image/png;base64,AAAA']) expect(requestDecision(fake, url), url).toBe(false);
    for (const url of ['https://example.org/', 'http://127.0.0.1:9/', 'ws://localhost/', 'file:///etc/passwd', 'app://bundle.example.org/']) expect(requestDecision(fake, url), url).toBe(true);
  });

  it('refuses navigation away, redirects, webviews, new windows and every permission, for any web contents', async () => {
    const fake = await startApp();
    const contents = new FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(contents.count(event), event).toBe(1);
      const away = navigation('https://example.org/phish');
      contents.emit(event, away);
      expect(away.prevented, event).toBe(true);
      const inside = navigation(`${APP_ENTRY_URL}#/candidates`);
      contents.emit(event, inside);
      expect(inside.prevented, event).toBe(false);
    }
    const webview = navigation('about:blank');
    contents.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined;
      for (const handler of fake.permissions.request) handler({}, permission, (g) => (granted = g));
      expect(granted, permission).toBe(false);
      expect(fake.permissions.check.map((check) => check({}, permission)), permission).toEqual([false]);
    }
  });

  it('registers one IPC handler per contract call and answers only the app page', async () => {
    const fake = await startApp();
    // The contract's calls, and the preload's channel for a dropped file (issue 17.4).
    expect([...fake.ipcHandlers.keys()].sort()).toEqual([...CALL_NAMES.map(channelFor), DROPPED_FILE_CHANNEL].sort());
    expect(fake.duplicateIpcChannels).toEqual([]);
    expect(await call(fake, 'workspace.status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    const refused = { ok: false, error: { code: 'unknown_call', message: 'Refused: the request did not come from the app.' } };
    for (const senderFrame of [{ url: 'https://example.org/' }, { url: 'file:///tmp/x.html' }, { url: 'app://bundle.example.org/' }, null]) {
      expect(await call(fake, 'workspace.unlock', { file: await chooseWorkspace(fake, workspacePath), passphrase: TEST_PASSPHRASE }, { senderFrame }), JSON.stringify(senderFrame)).toEqual(refused);
      expect(await fake.ipcHandlers.get(DROPPED_FILE_CHANNEL)!({ senderFrame }, { path: workspacePath, purpose: 'workspace-open' }), JSON.stringify(senderFrame)).toEqual(refused);
    }
    expect(await call(fake, 'workspace.status', {})).toMatchObject({ ok: true, value: { state: 'locked' } });
    // Input is validated before anything runs.
    expect(await call(fake, 'workspace.unlock', { file: await chooseWorkspace(fake, workspacePath), passphrase: TEST_PASSPHRASE, extra: 1 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('unlocks a real encrypted workspace and reads its summary through the registered handlers; suspend and lock-screen lock it', async () => {
    const fake = await startApp();
    const [window] = fake.windows;
    const chosen = await chooseWorkspace(fake, workspacePath);
    expect(await call(fake, 'workspace.unlock', { file: chosen, passphrase: 'not the passphrase' })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    expect(await call(fake, 'workspace.unlock', { file: chosen, passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true, value: { name: 'Shell demo', path: workspacePath } });
    const summary = await call<{ people: number; arrests: number }>(fake, 'workspace.summary', {});
    expect(summary.ok && summary.value.people).toBe(170);
    expect(summary.ok && summary.value.arrests).toBeGreaterThan(0);
    // The desktop host prints reports (the preview cannot).
    expect(await call(fake, 'report.html', { scenarioId: null })).toMatchObject({ ok: true, value: { pdfAvailable: true } });

    for (const [signal, reloads] of [['suspend', 1], ['lock-screen', 2]] as const) {
      if (signal === 'lock-screen') expect(await call(fake, 'workspace.unlock', { file: await chooseWorkspace(fake, workspacePath), passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
      fake.powerMonitor.emit(signal);
      expect(await call(fake, 'workspace.status', {}), signal).toMatchObject({ ok: true, value: { state: 'locked', reason: 'suspend' } });
      expect(await call(fake, 'workspace.summary', {}), signal).toMatchObject({ ok: false, error: { code: 'workspace_locked' } });
      // The page reloads, so nothing of the workspace stays on screen.
      expect(window!.webContents.reloads, signal).toBe(reloads);
    }
    fake.app.emit('window-all-closed');
    expect(fake.app.quits).toBe(1);
  });

  it('makes the demo workspace in the demo worker through "Open the demo workspace", and opens it unlocked', async () => {
    const fake = await startApp();
    expect(await call(fake, 'workspace.demoStatus', {})).toEqual({ ok: true, value: { available: true, exists: false } });
    const started = await call<{ jobId: string; creating: boolean }>(fake, 'workspace.openDemo', { passphrase: TEST_PASSPHRASE, confirmation: TEST_PASSPHRASE });
    expect(started).toMatchObject({ ok: true, value: { creating: true } });
    const jobId = started.ok ? started.value.jobId : '';
    let state = '';
    for (let i = 0; i < 600 && state !== 'done' && state !== 'failed'; i++) {
      const status = await call<{ state: string }>(fake, 'jobs.status', { jobId });
      state = status.ok ? status.value.state : 'failed';
      if (state === 'running') await new Promise((r) => setTimeout(r, 100));
    }
    expect(state).toBe('done');
    expect(await call(fake, 'workspace.status', {})).toMatchObject({ ok: true, value: { state: 'unlocked', workspace: { name: 'IOM demo (synthetic data)' } } });
    const summary = await call<{ people: number }>(fake, 'workspace.summary', {});
    expect(summary.ok && summary.value.people).toBe(170);
    expect(existsSync(join(temp.path('userData'), 'demo.iomdb'))).toBe(true);
    fake.app.emit('window-all-closed');
  });
});

describe('file paths through the real IPC handlers (issue 17.4)', () => {
  const forged = () => randomBytes(32).toString('base64url');

  it('refuses raw paths and forged tokens for every call that takes a file, and takes a dialog\'s token once, for its purpose only', async () => {
    const fake = await startApp();
    const victim = temp.path('victim.txt');
    writeFileSync(victim, 'never chosen');
    const target = temp.path('forged.iomdb');
    const create = { name: 'Forged', passphrase: TEST_PASSPHRASE, confirmation: TEST_PASSPHRASE };
    expect(await call(fake, 'workspace.create', { ...create, path: target })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(fake, 'workspace.create', { ...create, file: target })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('not chosen in this window') } });
    expect(await call(fake, 'workspace.create', { ...create, file: forged() })).toMatchObject({ ok: false, error: { code: 'file_not_chosen' } });
    expect(existsSync(target)).toBe(false);
    expect(await call(fake, 'workspace.unlock', { file: workspacePath, passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call(fake, 'workspace.unlock', { file: forged(), passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'file_not_chosen' } });

    const chosen = await chooseWorkspace(fake, workspacePath);
    expect(await call(fake, 'workspace.unlock', { file: chosen, passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
    expect(await call(fake, 'workspace.unlock', { file: chosen, passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'file_not_chosen' } });

    const fileCalls: Array<[string, Record<string, unknown>]> = [
      ['import.preview', {}],
      ['import.start', { kind: 'candidates' }],
      ['exports.agencySheetReturn', {}],
      ['maintenance.backup', { replace: true }],
    ];
    for (const [name, rest] of fileCalls) {
      expect(await call(fake, name, { ...rest, path: victim }), name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await call(fake, name, { ...rest, file: victim }), name).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await call(fake, name, { ...rest, file: forged() }), name).toMatchObject({ ok: false, error: { code: 'file_not_chosen' } });
    }
    // A file chosen in the open dialog is for reading: it cannot be the target of a backup.
    dialogAnswers(fake, victim);
    const picked = await call<{ file: { token: string; name: string } }>(fake, 'import.chooseFile', {});
    expect(picked).toMatchObject({ ok: true, value: { supported: true, file: { name: 'victim.txt', location: victim } } });
    const readToken = picked.ok ? picked.value.file.token : '';
    expect(await call(fake, 'maintenance.backup', { file: readToken, replace: true })).toMatchObject({ ok: false, error: { code: 'file_not_chosen', message: expect.stringContaining('chosen for reading, not for saving') } });
    expect(readFileSync(victim, 'utf8')).toBe('never chosen');

    // A spreadsheet chosen in the dialog previews once; the answer carries the token for the next step.
    const csv = temp.path('chosen list.csv');
    writeFileSync(csv, 'Surname,Forenames,DOB,PNC\nAbbott,Ann,01/02/1990,91/100511K\n');
    dialogAnswers(fake, csv);
    const list = await call<{ file: { token: string } }>(fake, 'import.chooseFile', {});
    const listToken = list.ok ? list.value.file.token : '';
    const preview = await call<{ fileName: string; file: string }>(fake, 'import.preview', { file: listToken });
    expect(preview).toMatchObject({ ok: true, value: { fileName: 'chosen list.csv', file: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) } });
    expect(await call(fake, 'import.preview', { file: listToken })).toMatchObject({ ok: false, error: { code: 'file_not_chosen' } });
    expect(await call(fake, 'import.preview', { file: preview.ok ? preview.value.file : '' })).toMatchObject({ ok: true });
    fake.app.emit('window-all-closed');
  });

  it('registers a dropped file on the preload\'s channel: an existing file to read or open, never a folder, a missing file or a place to write', async () => {
    const fake = await startApp();
    const drop = (input: unknown) => fake.ipcHandlers.get(DROPPED_FILE_CHANNEL)!(FROM_APP as never, input) as Promise<CallResult<{ token: string; name: string }>>;
    expect(await drop({ path: temp.dir, purpose: 'read' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await drop({ path: temp.path('no such file.xlsx'), purpose: 'read' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await drop({ path: 'demo.iomdb', purpose: 'workspace-open' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await drop({ path: '', purpose: 'read' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    for (const purpose of ['write', 'workspace-create']) expect(await drop({ path: workspacePath, purpose })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const dropped = await drop({ path: workspacePath, purpose: 'workspace-open' });
    expect(dropped).toMatchObject({ ok: true, value: { name: 'demo.iomdb', location: workspacePath } });
    expect(await call(fake, 'workspace.unlock', { file: dropped.ok ? dropped.value.token : '', passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true, value: { path: workspacePath } });
    fake.app.emit('window-all-closed');
  });
});

describe('the app executable as the CLI (--cli), headless', () => {
  async function runHeadless(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string; fake: FakeElectron }> {
    const fake = createFakeElectron({ userData: temp.path('userData') });
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      // As the launcher starts it: Chromium's switches first, then --cli and the command.
      startMainBundle(MAIN, fake, ['--ozone-platform=headless', '--cli', ...args]);
      // Electron becomes ready by itself; a command that needs nothing of it does not wait for it.
      fake.ready();
      const code = await fake.app.exited;
      return { code, out: out.join(''), err: err.join(''), fake };
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      for (const key of Object.keys(env)) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  }

  it('runs a command on a real workspace and exits with its code, with no window, no lock and no scheme', async () => {
    const run = await runHeadless(['summary', workspacePath, '--json'], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(run.code, run.err).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({ name: 'Shell demo', people: 170 });
    expect(run.fake.windows).toHaveLength(0);
    expect(run.fake.ipcHandlers.size).toBe(0);
    expect(run.fake.privilegedSchemes).toEqual([]);
    expect(run.fake.app.quits).toBe(0);
  });

  it('writes no log file: the CLI logs to its stderr and its messages point to no file', async () => {
    const userData = temp.path('userData-cli');
    const fake = createFakeElectron({ userData });
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      startMainBundle(MAIN, fake, ['--cli', 'summary', temp.path('missing.iomdb')]);
      fake.ready();
      expect(await fake.app.exited).not.toBe(0);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    expect(existsSync(join(userData, 'logs'))).toBe(false);
  });

  it('imports an arrests CSV with its reading worker started from the import worker (the main bundle cannot be one)', async () => {
    const fixtures = await writeFixtureSet(temp.path('fixtures'), { people: 40 });
    const path = temp.path('headless-import.iomdb');
    closeWorkspace(createWorkspaceFile(path, 'Headless import', TEST_PASSPHRASE, TEST_PASSPHRASE));
    const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };
    const candidates = await runHeadless(['import', path, fixtures.files.candidatesCsv, '--kind', 'candidates', '--json'], env);
    expect(candidates.code, candidates.err).toBe(0);
    const arrests = await runHeadless(['import', path, fixtures.files.arrestsExtract, '--kind', 'arrests', '--json'], env);
    expect(arrests.code, arrests.err).toBe(0);
    const summary = await runHeadless(['summary', path, '--json'], env);
    expect(JSON.parse(summary.out)).toMatchObject({ people: 40 });
    expect((JSON.parse(summary.out) as { arrests: number }).arrests).toBeGreaterThan(0);
  });

  it('prints the report to PDF in a hidden, locked-down window of its own, under the session\'s request policy', async () => {
    const pdf = temp.path('headless-report.pdf');
    const run = await runHeadless(['report', workspacePath, '--pdf', pdf], { IOM_PASSPHRASE: TEST_PASSPHRASE, CHROME_PATH: temp.path('no-such-browser') });
    expect(run.code, run.err).toBe(0);
    expect(readFileSync(pdf, 'utf8')).toBe('%PDF-1.7 stand-in printed by the recording Electron\n');
    expect(run.fake.windows).toHaveLength(1);
    const [printer] = run.fake.windows;
    expect(printer!.options).toEqual({ ...reportPrintWindowShape(), webPreferences: reportPrintWebPreferences() });
    expect(printer!.loadedUrls).toHaveLength(1);
    expect(printer!.loadedUrls[0]!.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(printer!.webContents.printed).toEqual([reportPrintToPdfOptions()]);
    expect(printer!.destroyed).toBe(true);
    // The session refuses the network for that window as it does for the app's.
    expect(requestDecision(run.fake, 'https://example.org/')).toBe(true);
    expect(run.fake.permissions.check.map((check) => check({}, 'media'))).toEqual([false]);
    expect(run.fake.ipcHandlers.size).toBe(0);
  });

  it('makes the demo workspace with `demo`, in the demo worker beside the import worker', async () => {
    const path = temp.path('headless-demo.iomdb');
    const run = await runHeadless(['demo', path], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(/^Created demo workspace .*headless-demo\.iomdb: 170 people, \d+ arrests from \d+ synthetic files \(no real data\)\.\n$/);
    const summary = await runHeadless(['summary', path, '--json'], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(JSON.parse(summary.out)).toMatchObject({ name: 'IOM demo (synthetic data)', people: 170 });
  });

  it('fails as the CLI does: one line on stderr and its exit code', async () => {
    const wrong = await runHeadless(['summary', workspacePath], { IOM_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(2);
    expect(wrong.err.trim().split('\n')).toHaveLength(1);
    expect(wrong.err).toContain('passphrase does not unlock');
    const unknown = await runHeadless(['frobnicate']);
    expect(unknown.code).toBe(64);
    expect(unknown.err).toContain('unknown command "frobnicate"');
  });
});
