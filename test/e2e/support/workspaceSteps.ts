import { join } from 'node:path';
import type { Download, Page } from 'playwright-core';
import type { AppContext } from '../../../electron/runtime/appContext';
import { includedPeopleOnShortlist } from '../../../electron/data/shortlists';
import { JobRegistry } from '../../../electron/jobs/jobRegistry';
import type { OpenWorkspace } from '../../../electron/workspace/workspaceFile';
import { buildDemoWorkspace } from '../../../electron/workspace/demoWorkspace';
import type { PreviewApp } from './previewApp';
import { expectVisible } from './uiExpect';

export const E2E_PASSPHRASE = 'correct horse battery 42';
/** Who the preview's bridge and the tests' service calls record in the audit trail. */
export const E2E_ACTOR = 'e2e-tester';
/** An import runs in the worker and can take a while on the shared build machines. */
export const IMPORT_TIMEOUT = 60_000;

/**
 * Makes a workspace through the Unlock page's "Create a new workspace" tab, as an analyst would,
 * and waits for its home page. The file goes in the app's folder; its path is returned.
 */
export async function createWorkspace(app: PreviewApp, name: string, fileName = `${name.replace(/\W+/g, '-')}.iomdb`): Promise<string> {
  const { page } = app;
  const path = join(app.dir, fileName);
  await page.getByRole('tab', { name: 'Create a new workspace' }).click();
  await page.getByLabel('Workspace name').fill(name);
  await page.getByLabel('Save as').fill(path);
  await page.getByLabel('Passphrase', { exact: true }).fill(E2E_PASSPHRASE);
  await page.getByLabel('Repeat passphrase').fill(E2E_PASSPHRASE);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name }));
  return path;
}

/** A new workspace (as `createWorkspace` makes it) holding the seed-shaped demo, imported through the real pipeline. */
export async function openDemoWorkspace(app: PreviewApp, name: string): Promise<OpenWorkspace> {
  await createWorkspace(app, name);
  const workspace = app.session.requireWorkspace();
  await buildDemoWorkspace(workspace, E2E_ACTOR);
  return workspace;
}

/** Types the passphrase on the Unlock page and unlocks the workspace it offers. */
export async function unlockWorkspace(page: Page, passphrase = E2E_PASSPHRASE): Promise<void> {
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

/** Clicks and waits for the download the click starts; says what the page reported if none comes. */
export async function downloadFrom(app: PreviewApp, click: () => Promise<void>): Promise<Download> {
  const download = app.page.waitForEvent('download', { timeout: 15_000 });
  await click();
  try {
    return await download;
  } catch (error) {
    throw new Error(`no download: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}; page errors: ${app.pageErrors.join(' | ') || 'none'}`);
  }
}

/** A context for `dispatchCall`, to set the stage through the services the UI calls (shortlists, notes, settings). */
export function serviceContext(app: PreviewApp): AppContext {
  return { session: app.session, host: { kind: 'test' }, actor: E2E_ACTOR, jobs: new JobRegistry() };
}

/**
 * The 12 December 2013 panel, written as rows (the panel's own screens are tested on their own):
 * it accepts the first `count` people the shortlist included, in shortlist order. Returns the
 * session and the people accepted.
 */
export function acceptFirstOnPanel(workspace: OpenWorkspace, shortlistId: number, count: number, status: 'open' | 'closed'): { sessionId: number; accepted: number[] } {
  const accepted = includedPeopleOnShortlist(workspace.db, shortlistId).slice(0, count);
  const sessionId = Number(
    workspace.db
      .prepare("INSERT INTO panel_sessions (shortlist_id, held_on, title, members, status, created_by, created_at) VALUES (?, '2013-12-12', 'Cohort selection panel', '[]', ?, 'e2e', '2013-12-12T10:00:00Z')")
      .run(shortlistId, status).lastInsertRowid,
  );
  const decide = workspace.db.prepare("INSERT INTO panel_decisions (session_id, person_id, decision, decided_by, decided_at) VALUES (?, ?, 'accept', 'chair', '2013-12-12T11:00:00Z')");
  for (const id of accepted) decide.run(sessionId, id);
  return { sessionId, accepted };
}
