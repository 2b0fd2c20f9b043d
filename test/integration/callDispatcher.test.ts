import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import { handlers } from '../../electron/handlers';
import { AppSession } from '../../electron/runtime/appSession';
import type { AppContext } from '../../electron/runtime/appContext';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { FilePurpose } from '../../shared/api/chosenFile';


function context(): AppContext {
  return { session: new AppSession(), host: { kind: 'test' }, actor: 'tester', jobs: new JobRegistry() };
}

describe('dispatchCall', () => {
  let temp: TempDir;
  let ctx: AppContext;
  /** What the system dialog would hand the page for this path. */
  const chosen = (path: string, purpose: FilePurpose): string => ctx.session.files.grant(path, purpose).token;
  afterEach(() => {
    ctx?.session.lock('user');
    temp?.remove();
  });

  it('rejects unknown calls and inputs that fail their schema, before any service runs', async () => {
    ctx = context();
    expect(await dispatchCall(ctx, 'workspace.dropEverything', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await dispatchCall(ctx, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    expect(await dispatchCall(ctx, 'workspace.unlock', { file: '', passphrase: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchCall(ctx, 'workspace.unlock', { file: chosen('/x', 'workspace-open'), passphrase: 'x', extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatchCall(ctx, 'workspace.unlock', 'not an object')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses data calls while locked and serves them once unlocked', async () => {
    ctx = context();
    temp = makeTempDir();
    expect(await dispatchCall(ctx, 'workspace.summary', {})).toMatchObject({ ok: false, error: { code: 'workspace_locked' } });
    const path = temp.path('d.iomdb');
    const created = await dispatchCall(ctx, 'workspace.create', { file: chosen(path, 'workspace-create'), name: 'Dispatch', passphrase: TEST_PASSPHRASE, confirmation: TEST_PASSPHRASE });
    expect(created).toMatchObject({ ok: true, value: { name: 'Dispatch', path } });
    expect(await dispatchCall(ctx, 'workspace.summary', {})).toMatchObject({ ok: true, value: { people: 0, arrests: 0, imports: 0 } });
    expect(await dispatchCall(ctx, 'workspace.lock', {})).toMatchObject({ ok: true, value: { state: 'locked', lastWorkspace: { name: 'd.iomdb', location: path } } });
    expect(await dispatchCall(ctx, 'workspace.summary', {})).toMatchObject({ ok: false, error: { code: 'workspace_locked' } });
    const reopen = chosen(path, 'workspace-open');
    expect(await dispatchCall(ctx, 'workspace.unlock', { file: reopen, passphrase: 'wrong wrong wrong' })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    expect(await dispatchCall(ctx, 'workspace.unlock', { file: reopen, passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  });

  it('hands the open workspace to the handlers of workspace calls, and to no other', async () => {
    ctx = context();
    temp = makeTempDir();
    await dispatchCall(ctx, 'workspace.create', { file: chosen(temp.path('h.iomdb'), 'workspace-create'), name: 'Handed', passphrase: TEST_PASSPHRASE, confirmation: TEST_PASSPHRASE });
    const seen: unknown[][] = [];
    const table = handlers as unknown as Record<string, (...args: unknown[]) => unknown>;
    const originals = { summary: table['workspace.summary']!, status: table['workspace.status']! };
    table['workspace.summary'] = (...args) => (seen.push(args), originals.summary(...args));
    table['workspace.status'] = (...args) => (seen.push(args), originals.status(...args));
    try {
      expect(await dispatchCall(ctx, 'workspace.summary', {})).toMatchObject({ ok: true, value: { people: 0 } });
      expect(await dispatchCall(ctx, 'workspace.status', {})).toMatchObject({ ok: true, value: { state: 'unlocked' } });
      await dispatchCall(ctx, 'workspace.lock', {});
      // Locked: the dispatcher refuses before the handler, which is never called without its workspace.
      expect(await dispatchCall(ctx, 'workspace.summary', {})).toMatchObject({ ok: false, error: { code: 'workspace_locked' } });
    } finally {
      table['workspace.summary'] = originals.summary;
      table['workspace.status'] = originals.status;
    }
    expect(seen).toHaveLength(2);
    expect(seen[0]).toHaveLength(3);
    expect((seen[0]![2] as { name: string }).name).toBe('Handed');
    expect(seen[1]).toHaveLength(2);
  });

  it('changes the passphrase only when the current one is proven', async () => {
    ctx = context();
    temp = makeTempDir();
    const path = temp.path('r.iomdb');
    await dispatchCall(ctx, 'workspace.create', { file: chosen(path, 'workspace-create'), name: 'Rekey', passphrase: TEST_PASSPHRASE, confirmation: TEST_PASSPHRASE });
    const next = 'another long passphrase 9';
    expect(await dispatchCall(ctx, 'workspace.changePassphrase', { current: 'not it at all!', next, confirmation: next })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    expect(await dispatchCall(ctx, 'workspace.changePassphrase', { current: TEST_PASSPHRASE, next, confirmation: 'different' })).toMatchObject({ ok: false, error: { code: 'weak_passphrase' } });
    expect(await dispatchCall(ctx, 'workspace.changePassphrase', { current: TEST_PASSPHRASE, next, confirmation: next })).toEqual({ ok: true, value: { changed: true } });
    await dispatchCall(ctx, 'workspace.lock', {});
    const reopen = chosen(path, 'workspace-open');
    expect(await dispatchCall(ctx, 'workspace.unlock', { file: reopen, passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    expect(await dispatchCall(ctx, 'workspace.unlock', { file: reopen, passphrase: next })).toMatchObject({ ok: true });
  });

  it('locks after the idle time and not before', async () => {
    let now = 1_000_000;
    ctx = { session: new AppSession(() => now), host: { kind: 'test' }, actor: 'tester', jobs: new JobRegistry() };
    temp = makeTempDir();
    await dispatchCall(ctx, 'workspace.create', { file: chosen(temp.path('i.iomdb'), 'workspace-create'), name: 'Idle', passphrase: TEST_PASSPHRASE, confirmation: TEST_PASSPHRASE });
    now += 14 * 60_000;
    expect(ctx.session.lockIfIdle(15)).toBe(false);
    await dispatchCall(ctx, 'workspace.summary', {});
    now += 14 * 60_000;
    expect(ctx.session.lockIfIdle(15)).toBe(false);
    now += 2 * 60_000;
    expect(ctx.session.lockIfIdle(15)).toBe(true);
    expect(await dispatchCall(ctx, 'workspace.status', {})).toMatchObject({ ok: true, value: { state: 'locked', reason: 'idle' } });
  });
});
