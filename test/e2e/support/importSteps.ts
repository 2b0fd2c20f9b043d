import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { writeFixtureSet, type FixtureSet } from '../../fixtures/writeFixtures';
import { startPreviewApp, type PreviewApp } from './previewApp';
import { expectValue, expectVisible } from './uiExpect';
import { IMPORT_TIMEOUT } from './workspaceSteps';

interface PreviewWithFixtures {
  readonly app: PreviewApp;
  readonly fixtures: FixtureSet;
}

/**
 * The preview app, started before the describe's tests with the generated list files in its folder
 * and closed after them. Read its fields inside a test or hook: they exist once `beforeAll` has run.
 */
export function usePreviewWithFixtures(): PreviewWithFixtures {
  let app: PreviewApp | undefined;
  let fixtures: FixtureSet | undefined;
  beforeAll(async () => {
    app = await startPreviewApp();
    fixtures = await writeFixtureSet(join(app.dir, 'fixtures'));
  });
  afterAll(async () => {
    await app?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The preview app starts in beforeAll: read it inside a test.');
    return value;
  };
  return {
    get app() {
      return started(app);
    },
    get fixtures() {
      return started(fixtures);
    },
  };
}

/** Types a file's path on the Import screen's first step (the preview has no file dialog) and asks for its preview. */
export async function previewFile(app: PreviewApp, path: string): Promise<void> {
  await app.page.getByLabel('File to import').fill(path);
  await app.page.getByRole('button', { name: 'Preview' }).click();
}

/** Imports the file on the "Check the columns" step and waits for its result. */
export async function importPreviewed(app: PreviewApp): Promise<void> {
  await app.page.getByRole('button', { name: 'Import', exact: true }).click();
  await expectVisible(app.page.getByRole('heading', { level: 2, name: 'Imported' }), IMPORT_TIMEOUT);
}

/** The whole wizard for one file: preview, its columns step (with the kind it must recognise, when given), import, result. */
export async function importThroughWizard(app: PreviewApp, path: string, expectedKind?: string): Promise<void> {
  await previewFile(app, path);
  await expectVisible(app.page.getByRole('heading', { level: 2, name: 'Check the columns' }));
  if (expectedKind !== undefined) await expectValue(app.page.getByLabel('What kind of list is it?'), expectedKind);
  await importPreviewed(app);
}
