/**
 * Issue 17.4: the renderer chooses no paths. Every call that reads or writes a file takes an opaque,
 * single-use token that main issued for a file its own dialog (or a drop, or the preview's picker)
 * produced. Raw paths, forged tokens, spent tokens, expired tokens and tokens chosen for another
 * purpose are refused, through the real dispatcher, and nothing is read or written.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { AppContext } from '../../electron/runtime/appContext';
import { closeWorkspace, createWorkspaceFile } from '../../electron/workspace/workspaceFile';
import type { CallResult } from '../../shared/api/defineCall';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { writeFixtureSet, type FixtureSet } from '../fixtures/writeFixtures';

let temp: TempDir;
let fixtures: FixtureSet;
let existing: string;
let victim: string;
const VICTIM_TEXT = 'an unrelated file the analyst never chose\n';

beforeAll(async () => {
  temp = makeTempDir('iom-chosen-files-');
  fixtures = await writeFixtureSet(temp.path(''), {});
  existing = temp.path('existing.iomdb');
  closeWorkspace(createWorkspaceFile(existing, 'Existing', TEST_PASSPHRASE, TEST_PASSPHRASE));
  victim = temp.path('victim.txt');
  writeFileSync(victim, VICTIM_TEXT);
});
afterAll(() => temp.remove());

let clockNow = Date.parse('2026-12-06T10:00:00Z');
function context(): AppContext {
  return { session: new AppSession(() => clockNow), host: { kind: 'test' }, actor: 'tester', jobs: new JobRegistry() };
}

async function unlocked(): Promise<AppContext> {
  const ctx = context();
  const token = ctx.session.files.grant(existing, 'workspace-open').token;
  expect(await dispatchCall(ctx, 'workspace.unlock', { file: token, passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
  return ctx;
}

const forgedToken = () => randomBytes(32).toString('base64url');

/** Every call that takes a file, with the purpose its token must have and the rest of a valid input. */
const FILE_CALLS = [
  { call: 'workspace.create', purpose: 'workspace-create', rest: { name: 'Forged', passphrase: TEST_PASSPHRASE, confirmation: TEST_PASSPHRASE }, needsWorkspace: false },
  { call: 'workspace.unlock', purpose: 'workspace-open', rest: { passphrase: TEST_PASSPHRASE }, needsWorkspace: false },
  { call: 'import.preview', purpose: 'read', rest: {}, needsWorkspace: true },
  { call: 'import.start', purpose: 'read', rest: { kind: 'candidates' }, needsWorkspace: true },
  { call: 'exports.agencySheetReturn', purpose: 'read', rest: {}, needsWorkspace: true },
  { call: 'maintenance.backup', purpose: 'write', rest: { replace: true }, needsWorkspace: true },
] as const;

function expectRefused(result: CallResult<unknown>, code: string, message: RegExp): void {
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (!result.ok) {
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
  }
}

describe('file tokens through the dispatcher (issue 17.4)', () => {
  it.each(FILE_CALLS)('$call refuses a raw path, under either key, and touches nothing', async ({ call, rest, needsWorkspace }) => {
    const ctx = needsWorkspace ? await unlocked() : context();
    try {
      const target = call === 'workspace.create' ? temp.path('created-by-forgery.iomdb') : victim;
      expectRefused(await dispatchCall(ctx, call, { ...rest, path: target }), 'invalid_input', /never taken by its path: choose it with Browse/);
      expectRefused(await dispatchCall(ctx, call, { ...rest, file: target }), 'invalid_input', /not chosen in this window.*Browse/);
      expect(existsSync(temp.path('created-by-forgery.iomdb'))).toBe(false);
      expect(readFileSync(victim, 'utf8')).toBe(VICTIM_TEXT);
      if (needsWorkspace) expect(ctx.session.workspace?.path).toBe(existing);
    } finally {
      ctx.session.lock('user');
    }
  });

  it.each(FILE_CALLS)('$call refuses a forged token, an expired one and one chosen for another purpose', async ({ call, purpose, rest, needsWorkspace }) => {
    const ctx = needsWorkspace ? await unlocked() : context();
    try {
      expectRefused(await dispatchCall(ctx, call, { ...rest, file: forgedToken() }), 'file_not_chosen', /choose the file again/i);
      const otherPurpose = purpose === 'write' ? 'read' : 'write';
      const wrong = ctx.session.files.grant(victim, otherPurpose).token;
      expectRefused(await dispatchCall(ctx, call, { ...rest, file: wrong }), 'file_not_chosen', /chosen for .*, not for /);
      const stale = ctx.session.files.grant(victim, purpose).token;
      clockNow += 61 * 60_000;
      expectRefused(await dispatchCall(ctx, call, { ...rest, file: stale }), 'file_not_chosen', /more than an hour ago/);
      expect(readFileSync(victim, 'utf8')).toBe(VICTIM_TEXT);
    } finally {
      ctx.session.lock('user');
    }
  });

  it('a workspace token opens once; a wrong passphrase leaves it for another try; a spent one is refused', async () => {
    const ctx = context();
    const chosen = ctx.session.files.grant(existing, 'workspace-open');
    expect(chosen).toMatchObject({ name: 'existing.iomdb', location: existing });
    expect(chosen.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expectRefused(await dispatchCall(ctx, 'workspace.unlock', { file: chosen.token, passphrase: 'not the passphrase at all' }), 'wrong_passphrase', /./);
    expect(await dispatchCall(ctx, 'workspace.unlock', { file: chosen.token, passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true, value: { path: existing } });
    ctx.session.lock('user');
    expectRefused(await dispatchCall(ctx, 'workspace.unlock', { file: chosen.token, passphrase: TEST_PASSPHRASE }), 'file_not_chosen', /used already|never chosen/);
    // The last workspace comes back as a token main issued, the same one until it is spent.
    const status = await dispatchCall(ctx, 'workspace.status', {});
    expect(status).toMatchObject({ ok: true, value: { state: 'locked', lastWorkspace: { name: 'existing.iomdb', location: existing } } });
    const again = await dispatchCall(ctx, 'workspace.status', {});
    expect(again).toEqual(status);
    const last = (status as { value: { lastWorkspace: { token: string } } }).value.lastWorkspace.token;
    expect(await dispatchCall(ctx, 'workspace.unlock', { file: last, passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: true });
    ctx.session.lock('user');
  });

  it('an import preview spends its token and hands back a fresh one for the same file, which the import then uses', async () => {
    const ctx = await unlocked();
    try {
      const first = ctx.session.files.grant(fixtures.files.candidatesCsv, 'read').token;
      const preview = await dispatchCall(ctx, 'import.preview', { file: first });
      expect(preview).toMatchObject({ ok: true, value: { fileName: 'PotentialCandidateListIOMexpansion201311.csv', suggestedKind: 'candidates' } });
      const next = (preview as { value: { file: string } }).value.file;
      expect(next).not.toBe(first);
      expectRefused(await dispatchCall(ctx, 'import.preview', { file: first }), 'file_not_chosen', /./);
      const started = await dispatchCall(ctx, 'import.start', { file: next, kind: 'candidates' });
      expect(started).toMatchObject({ ok: true, value: { jobId: expect.any(String), file: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) } });
      expectRefused(await dispatchCall(ctx, 'import.start', { file: next, kind: 'candidates' }), 'file_not_chosen', /./);
    } finally {
      ctx.session.lock('user');
    }
  });

  it('a backup token writes once, where it was chosen; locking forgets every token', async () => {
    const ctx = await unlocked();
    const target = temp.path('typed-backup.iomdb');
    const token = ctx.session.files.grant(target, 'write').token;
    expect(await dispatchCall(ctx, 'maintenance.backup', { file: token })).toMatchObject({ ok: true, value: { state: 'saved', path: target } });
    expectRefused(await dispatchCall(ctx, 'maintenance.backup', { file: token, replace: true }), 'file_not_chosen', /./);
    const pending = ctx.session.files.grant(temp.path('after-lock.iomdb'), 'workspace-create').token;
    ctx.session.lock('user');
    expectRefused(await dispatchCall(ctx, 'workspace.create', { file: pending, name: 'After lock', passphrase: TEST_PASSPHRASE, confirmation: TEST_PASSPHRASE }), 'file_not_chosen', /./);
  });
});
