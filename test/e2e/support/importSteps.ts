import { join } from 'node:path';
import { beforeAll } from 'vitest';
import { writeFixtureSet, type FixtureSet } from '../../fixtures/writeFixtures';
import { usePreviewApp, type PreviewApp } from './previewApp';
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
  const preview = usePreviewApp();
  let fixtures: FixtureSet | undefined;
  beforeAll(async () => {
    fixtures = await writeFixtureSet(join(preview.app.dir, 'fixtures'));
  });
  return {
    get app() {
      return preview.app;
    },
    get fixtures() {
      if (fixtures === undefined) throw new Error('The fixtures are written in beforeAll: read them inside a test.');
      return fixtures;
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
