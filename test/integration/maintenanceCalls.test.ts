import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { dispatchCall } from '../../electron/callDispatcher';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { AppContext, HostPlatform } from '../../electron/runtime/appContext';
import { workspaceStatus } from '../../electron/workspace/workspaceHandlers';
import { closeWorkspace, openWorkspaceFile } from '../../electron/workspace/workspaceFile';
import type { MaintenanceOverview, PurgeResult, RestoreResult } from '../../shared/maintenance/maintenanceSchemas';
import { makeTempWorkspace, TEST_PASSPHRASE } from '../support/tempWorkspace';
import { buildPurgeFixture, type PurgeFixture } from '../support/purgeFixture';

/** The maintenance calls through the real dispatcher, over an unlocked session. */
describe('maintenance calls', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => {
    cleanup?.();
    cleanup = null;
  });

  async function session(host: HostPlatform = { kind: 'test' }) {
    const temp = makeTempWorkspace('Maintenance calls');
    const dir = temp.temp.path('sources');
    mkdirSync(dir);
    const fixture: PurgeFixture = await buildPurgeFixture(temp.workspace, dir);
    const ctx: AppContext = { session: new AppSession(), host, actor: 'tester', jobs: new JobRegistry() };
    ctx.session.adopt(temp.workspace, TEST_PASSPHRASE);
    cleanup = () => {
      ctx.session.lock('user');
      temp.temp.remove();
    };
    const result = (name: string, input: unknown) => dispatchCall(ctx, name, input);
    const value = async <T>(name: string, input: unknown): Promise<T> => {
      const r = await result(name, input);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    return { ctx, temp, fixture, result, value };
  }

  it('give an overview, and purge a person only with the typed word', async () => {
    const { fixture, result, value } = await session();
    const overview = await value<MaintenanceOverview>('maintenance.overview', {});
    expect(overview).toMatchObject({ hostHasDialogs: false, workspaceName: 'Maintenance calls', lastBackupAt: null });
    expect(await value('maintenance.retentionPreview', {})).toMatchObject({ due: { total: 0 }, people: 31 });

    const refused = await result('maintenance.purgePerson', { personId: fixture.targetId, reason: 'data_subject_request', confirmation: 'yes' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await result('maintenance.purgePerson', { personId: fixture.targetId, reason: 'because', confirmation: 'PURGE' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const purged = await value<PurgeResult>('maintenance.purgePerson', { personId: fixture.targetId, reason: 'data_subject_request', confirmation: 'PURGE' });
    expect(purged.removed.people).toBe(1);
    expect(await result('person.get', { personId: fixture.targetId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('back up to a typed path where there is no dialog, and through the dialog where there is one', async () => {
    const chosen: string[] = [];
    let next: string | null = null;
    const { ctx, temp, result, value } = await session({
      kind: 'test',
      chooseFile: async (mode, purpose, suggested) => {
        chosen.push(`${mode}:${purpose}:${suggested ?? ''}`);
        return next;
      },
    });
    next = temp.temp.path('dialog-backup.iomdb');
    expect(await value('maintenance.backup', {})).toMatchObject({ state: 'saved', fileName: 'dialog-backup.iomdb' });
    expect(chosen[0]).toMatch(/^create:workspace:test-backup-\d{4}-\d{2}-\d{2}\.iomdb$/);
    next = null;
    expect(await value('maintenance.backup', {})).toEqual({ state: 'cancelled' });
    const typed = temp.temp.path('typed-backup.iomdb');
    // The preview's picker registers a typed path for a token (issue 17.4).
    expect(await value('maintenance.backup', { file: ctx.session.files.grant(typed, 'write').token })).toMatchObject({ state: 'saved', path: typed });
    // A typed path never replaces a file unless asked to.
    expect(await result('maintenance.backup', { file: ctx.session.files.grant(typed, 'write').token })).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    expect((await value<MaintenanceOverview>('maintenance.overview', {})).lastBackupAt).not.toBeNull();
  });

  it('say restore needs the desktop app in the preview, and restore through the dialogs in the app', async () => {
    const preview = await session();
    expect(await preview.value<RestoreResult>('maintenance.restore', { passphrase: TEST_PASSPHRASE, replace: false })).toMatchObject({ state: 'unsupported' });
    cleanup?.();

    const answers: Array<string | null> = [];
    const app = await session({ kind: 'test', chooseFile: async () => answers.shift() ?? null });
    const backup = app.temp.temp.path('b.iomdb');
    answers.push(backup);
    await app.value('maintenance.backup', {});
    // Restoring over the open workspace locks it first, only once the backup has passed its checks.
    answers.push(backup, app.temp.path);
    expect(await app.result('maintenance.restore', { passphrase: 'wrong passphrase entirely', replace: true })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
    expect(app.ctx.session.workspace).not.toBeNull();
    answers.push(backup, app.temp.path);
    expect(await app.result('maintenance.restore', { passphrase: TEST_PASSPHRASE, replace: false })).toMatchObject({ ok: false, error: { code: 'already_exists' } });
    answers.push(backup, app.temp.path);
    expect(await app.value('maintenance.restore', { passphrase: TEST_PASSPHRASE, replace: true })).toMatchObject({ state: 'restored', replacedOpenWorkspace: true });
    expect(app.ctx.session.workspace).toBeNull();
    const reopened = openWorkspaceFile(app.temp.path, TEST_PASSPHRASE);
    expect(reopened.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'workspace.restore'").pluck().get()).toBe(1);
    closeWorkspace(reopened);

    // From the unlock screen, with nothing open: for when the workspace is lost or will not open.
    const elsewhere = app.temp.temp.path('restored elsewhere.iomdb');
    answers.push(backup, elsewhere);
    expect(await app.value('maintenance.restore', { passphrase: TEST_PASSPHRASE, replace: false })).toMatchObject({ state: 'restored', path: elsewhere, file: { name: 'restored elsewhere.iomdb', location: elsewhere }, replacedOpenWorkspace: false });
    const restored = openWorkspaceFile(elsewhere, TEST_PASSPHRASE);
    expect(restored.db.pragma('integrity_check', { simple: true })).toBe('ok');
    closeWorkspace(restored);
    // Everything else still waits for an unlocked workspace.
    expect(await app.result('maintenance.backup', { file: app.ctx.session.files.grant(app.temp.temp.path('c.iomdb'), 'write').token })).toMatchObject({ ok: false, error: { code: 'workspace_locked' } });
  });

  it('delete the workspace only when its name is typed, locking it and forgetting its path', async () => {
    const { ctx, temp, result, value } = await session();
    expect(await result('maintenance.deleteWorkspace', { confirmation: 'maintenance calls' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(existsSync(temp.path)).toBe(true);
    expect(await value('maintenance.deleteWorkspace', { confirmation: 'Maintenance calls' })).toMatchObject({ deleted: true, guarantee: expect.stringMatching(/encrypted/) as unknown as string });
    expect(existsSync(temp.path)).toBe(false);
    expect(workspaceStatus(ctx)).toEqual({ state: 'locked', lastWorkspace: null, reason: 'user' });
    expect(await result('maintenance.overview', {})).toMatchObject({ ok: false, error: { code: 'workspace_locked' } });
  });

  it('save the retention rules and refuse out-of-range days', async () => {
    const { result, value } = await session();
    expect(await result('maintenance.setRetentionPolicy', { policy: { notAcceptedAfterPanelDays: 0, neverShortlistedAfterImportDays: null } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await result('maintenance.setRetentionPolicy', { policy: { notAcceptedAfterPanelDays: 30 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const preview = await value<{ policy: unknown }>('maintenance.setRetentionPolicy', { policy: { notAcceptedAfterPanelDays: 30, neverShortlistedAfterImportDays: 730 } });
    expect(preview.policy).toEqual({ notAcceptedAfterPanelDays: 30, neverShortlistedAfterImportDays: 730 });
  });
});
