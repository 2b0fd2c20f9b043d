import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../electron/workspace/auditLog';
import { closeWorkspace, openWorkspaceFile } from '../../electron/workspace/workspaceFile';
import { makeTempWorkspace } from '../support/tempWorkspace';
import { TEST_PASSPHRASE } from '../support/tempWorkspace';
import { runCli } from '../support/runCli';

/**
 * Issue 17.6: `audit --verify` passed after the append-only triggers were dropped and the newest
 * entries deleted with the kept head rewritten to match; and after entry 10 was deleted it said
 * "entries 1 to 10 are intact". Both done here to a real encrypted workspace, checked through the
 * built CLI as an information governance officer would.
 */
describe('audit verification sees tampering with the audit schema', () => {
  let cleanup: (() => void) | null = null;
  afterEach(() => cleanup?.());

  function workspaceWithEntries(count: number) {
    const made = makeTempWorkspace('Audit tampering');
    cleanup = () => made.temp.remove();
    for (let i = 0; i < count; i++) appendAudit(made.workspace.db, { actor: 'tester', action: 'workspace.unlock', detail: { i } });
    return made;
  }

  it('reports dropped append-only triggers even when the newest entries were removed and the head rewritten', () => {
    const { workspace, path } = workspaceWithEntries(12);
    const db = workspace.db;
    db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    db.prepare('DELETE FROM audit_log WHERE id > 9').run();
    const last = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    db.prepare("UPDATE workspace_meta SET value = ? WHERE key = 'audit_head'").run(`${last.id}:${last.hash}`);
    const result = verifyAuditChain(db);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toBe('the audit log is no longer append-only: its triggers audit_log_no_update and audit_log_no_delete were removed, so entries may have been changed or deleted without trace');
    closeWorkspace(workspace);

    const run = runCli(['audit', path, '--verify'], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the audit log is no longer append-only');
  });

  it('reports a changed audit table or trigger, not only a missing one', () => {
    const { workspace } = workspaceWithEntries(3);
    const db = workspace.db;
    db.exec("DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
    const result = verifyAuditChain(db);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toBe('the audit log is no longer append-only: its trigger audit_log_no_delete was changed, so entries may have been changed or deleted without trace');
    closeWorkspace(workspace);
  });

  it('names the right intact range when an entry in the middle is deleted', () => {
    const { workspace, path } = workspaceWithEntries(12);
    const db = workspace.db;
    db.exec('DROP TRIGGER audit_log_no_delete;');
    db.prepare('DELETE FROM audit_log WHERE id = 10').run();
    db.exec("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;");
    const result = verifyAuditChain(db);
    expect(result).toMatchObject({ ok: false, brokenAtId: 10, problem: 'entry 10 is missing' });
    closeWorkspace(workspace);

    const run = runCli(['audit', path, '--verify'], { IOM_PASSPHRASE: TEST_PASSPHRASE });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('iom-cohort: audit trail broken at entry 10: entry 10 is missing (entries 1 to 9 are intact).');
    const reopened = openWorkspaceFile(path, TEST_PASSPHRASE);
    closeWorkspace(reopened);
  });
});
