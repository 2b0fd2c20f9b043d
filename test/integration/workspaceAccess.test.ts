import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { dispatchCall } from '../../electron/callDispatcher';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { AppContext } from '../../electron/runtime/appContext';
import { closeWorkspace, openWorkspaceFile } from '../../electron/workspace/workspaceFile';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { runCli } from '../support/runCli';

/** The workspace's audit entries for opening and keying it, oldest first, as stored. */
function accessEntries(path: string, passphrase: string): Array<{ actor: string; action: string; detail: unknown }> {
  const workspace = openWorkspaceFile(path, passphrase);
  try {
    const rows = workspace.db.prepare("SELECT actor, action, detail FROM audit_log WHERE action IN ('workspace.create', 'workspace.unlock', 'workspace.rekey') ORDER BY id").all() as Array<{ actor: string; action: string; detail: string | null }>;
    return rows.map((r) => ({ ...r, detail: r.detail === null ? null : (JSON.parse(r.detail) as unknown) }));
  } finally {
    closeWorkspace(workspace);
  }
}

describe('creating, unlocking and rekeying: one use case for the app and the command line', () => {
  let temp: TempDir;
  let ctx: AppContext | undefined;
  afterEach(() => {
    ctx?.session.lock('user');
    temp?.remove();
  });

  it('writes the same audit entries from either door, saying which', async () => {
    temp = makeTempDir();
    const next = 'another long passphrase 9';
    const cliPath = temp.path('cli.iomdb');
    expect(runCli(['init', cliPath, '--name', 'By CLI'], { IOM_PASSPHRASE: TEST_PASSPHRASE }).status).toBe(0);
    expect(runCli(['rekey', cliPath], { IOM_PASSPHRASE: TEST_PASSPHRASE, IOM_NEW_PASSPHRASE: next }).status).toBe(0);

    ctx = { session: new AppSession(), host: { kind: 'test' }, actor: 'analyst', jobs: new JobRegistry() };
    const appPath = temp.path('app.iomdb');
    const file = ctx.session.files.grant(appPath, 'workspace-create').token;
    expect(await dispatchCall(ctx, 'workspace.create', { file, name: 'By app', passphrase: TEST_PASSPHRASE, confirmation: TEST_PASSPHRASE })).toMatchObject({ ok: true });
    expect(await dispatchCall(ctx, 'workspace.changePassphrase', { current: TEST_PASSPHRASE, next, confirmation: next })).toMatchObject({ ok: true });
    await dispatchCall(ctx, 'workspace.lock', {});
    expect(await dispatchCall(ctx, 'workspace.unlock', { file: ctx.session.files.grant(appPath, 'workspace-open').token, passphrase: next })).toMatchObject({ ok: true });
    ctx.session.lock('user');

    const shape = (via: string) => [
      { action: 'workspace.create', detail: { via, schemaVersion: expect.any(Number) } },
      { action: 'workspace.unlock', detail: { via } },
      { action: 'workspace.rekey', detail: { via } },
    ];
    expect(accessEntries(cliPath, next)).toMatchObject(shape('cli'));
    // The app adopts the workspace it creates, so its first unlock is the one after locking.
    const [created, unlocked, rekeyed] = shape('app');
    expect(accessEntries(appPath, next)).toMatchObject([created, rekeyed, { ...unlocked, actor: 'analyst' }]);
  });

  it('checks the command line’s input with the call’s own schema', () => {
    temp = makeTempDir();
    const path = temp.path('blank.iomdb');
    const init = runCli(['init', path, '--name', '   '], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(init.status).toBe(64);
    expect(init.stderr.trim()).toBe('iom-cohort: name: Give the workspace a name');
    expect(existsSync(path)).toBe(false);
  });
});
