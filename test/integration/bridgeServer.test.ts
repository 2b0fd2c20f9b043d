import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { startBridge, BRIDGE_TOKEN_HEADER, type RunningBridge } from '../../electron/devBridge/bridgeServer';
import { AppSession } from '../../electron/runtime/appSession';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { JobRegistry } from '../../electron/jobs/jobRegistry';


function send(bridge: RunningBridge, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(path, bridge.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

describe('loopback test bridge', () => {
  let temp: TempDir;
  let bridge: RunningBridge;
  const session = new AppSession();
  beforeAll(async () => {
    temp = makeTempDir();
    mkdirSync(temp.path('renderer'));
    writeFileSync(temp.path('renderer/index.html'), '<!doctype html><title>x</title>');
    bridge = await startBridge({ ctx: { session, host: { kind: 'bridge' }, actor: 't', jobs: new JobRegistry() }, rendererDir: temp.path('renderer') });
  });
  afterAll(async () => {
    await bridge.close();
    temp.remove();
  });

  it('listens on 127.0.0.1 with a random token', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bridge.token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('serves the page only with the token, with the CSP header', async () => {
    expect((await send(bridge, '/')).status).toBe(403);
    expect((await send(bridge, '/?token=nope')).status).toBe(403);
    const ok = await send(bridge, `/?token=${bridge.token}`);
    expect(ok.status).toBe(200);
    expect(String(ok.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  it('answers API calls only with the token, by POST, for the right Host', async () => {
    const body = '{}';
    expect((await send(bridge, '/api/workspace.status', { method: 'POST', body })).status).toBe(403);
    expect((await send(bridge, '/api/workspace.status', { method: 'POST', body, headers: { [BRIDGE_TOKEN_HEADER]: 'x'.repeat(48) } })).status).toBe(403);
    expect((await send(bridge, '/api/workspace.status', { method: 'GET', headers: { [BRIDGE_TOKEN_HEADER]: bridge.token } })).status).toBe(405);
    expect((await send(bridge, '/api/workspace.status', { method: 'POST', body, headers: { [BRIDGE_TOKEN_HEADER]: bridge.token, Host: 'evil.example' } })).status).toBe(421);
    const ok = await send(bridge, '/api/workspace.status', { method: 'POST', body, headers: { [BRIDGE_TOKEN_HEADER]: bridge.token } });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { state: 'locked', lastWorkspace: null, reason: null } });
    const bad = await send(bridge, '/api/workspace.status', { method: 'POST', body: '{nope', headers: { [BRIDGE_TOKEN_HEADER]: bridge.token } });
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await send(bridge, '/api/shell.exec', { method: 'POST', body, headers: { [BRIDGE_TOKEN_HEADER]: bridge.token } });
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
  });

  it('never serves files outside the renderer folder', async () => {
    writeFileSync(temp.path('secret.txt'), 'outside');
    expect((await send(bridge, '/../secret.txt')).status).toBe(404);
    expect((await send(bridge, '/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('takes files only as tokens from its own typed-path picker, which needs the token, by POST, for the right Host (issue 17.4)', async () => {
    const api = (name: string, input: unknown) => send(bridge, `/api/${name}`, { method: 'POST', body: JSON.stringify(input), headers: { [BRIDGE_TOKEN_HEADER]: bridge.token } });
    const pick = (input: unknown, headers: Record<string, string> = { [BRIDGE_TOKEN_HEADER]: bridge.token }) => send(bridge, '/files/typed', { method: 'POST', body: JSON.stringify(input), headers });
    const target = temp.path('typed.iomdb');
    const create = { name: 'Typed', passphrase: TEST_PASSPHRASE, confirmation: TEST_PASSPHRASE };
    // A raw path, under either key, or a token the picker never issued: refused, nothing written.
    expect(JSON.parse((await api('workspace.create', { ...create, path: target })).body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.parse((await api('workspace.create', { ...create, file: target })).body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.parse((await api('workspace.create', { ...create, file: randomBytes(32).toString('base64url') })).body)).toMatchObject({ ok: false, error: { code: 'file_not_chosen' } });
    expect(existsSync(target)).toBe(false);

    // The picker: token, POST and Host as for the API; a full path and a known purpose.
    expect((await pick({ path: target, purpose: 'workspace-create' }, {})).status).toBe(403);
    expect((await send(bridge, '/files/typed', { headers: { [BRIDGE_TOKEN_HEADER]: bridge.token } })).status).toBe(405);
    expect((await pick({ path: target, purpose: 'workspace-create' }, { [BRIDGE_TOKEN_HEADER]: bridge.token, Host: 'evil.example' })).status).toBe(421);
    expect(JSON.parse((await pick({ path: 'typed.iomdb', purpose: 'workspace-create' })).body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('full path') } });
    expect(JSON.parse((await pick({ path: target, purpose: 'anything' })).body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const picked = JSON.parse((await pick({ path: target, purpose: 'workspace-create' })).body) as { ok: true; value: { token: string; name: string; location: string } };
    expect(picked).toMatchObject({ ok: true, value: { name: 'typed.iomdb', location: target } });

    // Chosen to create a workspace: not to open one; then it creates it once.
    expect(JSON.parse((await api('workspace.unlock', { file: picked.value.token, passphrase: TEST_PASSPHRASE })).body)).toMatchObject({ ok: false, error: { code: 'file_not_chosen' } });
    expect(JSON.parse((await api('workspace.create', { ...create, file: picked.value.token })).body)).toMatchObject({ ok: true, value: { path: target } });
    expect(existsSync(target)).toBe(true);
    expect(JSON.parse((await api('workspace.lock', {})).body)).toMatchObject({ ok: true, value: { state: 'locked', lastWorkspace: { location: target } } });
    expect(JSON.parse((await api('workspace.create', { ...create, file: picked.value.token })).body)).toMatchObject({ ok: false, error: { code: 'file_not_chosen' } });
  });
});
