import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFixtureSet, type FixtureSet } from '../fixtures/writeFixtures';
import { previewImport } from '../../electron/import/previewImport';
import { readSheetRows } from '../support/workbookReading';
import { makeTempWorkspace } from '../support/tempWorkspace';
import type { OpenWorkspace } from '../../electron/workspace/workspaceFile';

describe('import preview', () => {
  let fixtures: FixtureSet;
  let workspace: OpenWorkspace;
  let cleanup: () => void;
  beforeAll(async () => {
    const temp = makeTempWorkspace();
    workspace = temp.workspace;
    cleanup = temp.cleanup;
    fixtures = await writeFixtureSet(temp.temp.path('fixtures'));
  });
  afterAll(() => cleanup());

  it('finds the header below the title, maps the seed columns and counts every row below it', async () => {
    const preview = await previewImport(workspace, { path: fixtures.files.candidatesXlsx });
    const sheet = await readSheetRows(fixtures.files.candidatesXlsx);
    expect(preview.suggestedKind).toBe('candidates');
    expect(preview.headerRow).toBe(3);
    expect(preview.dataRows).toBe(sheet.rows.length - 3);
    expect(preview.dataRows).toBeGreaterThan(170);
    expect(preview.columns.find((c) => c.header === 'PNC number')?.field).toBe('pnc');
    expect(preview.columns.find((c) => c.header === '(Mid - low)?')?.field).toBe('flag_gangMidLow');
    expect(preview.missingRequired).toEqual([]);
    expect(preview.alreadyImported).toBeNull();
    expect(preview.sheets.map((s) => s.name)).toContain(preview.sheet);
    // Date cells are shown day-first, as the analyst sees them in Excel.
    const dob = preview.columns.find((c) => c.header === 'DOB')!;
    expect(dob.sample.length).toBeGreaterThan(0);
    for (const value of dob.sample) expect(value).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });

  it('suggests the kind of an agency list from its columns and file name', async () => {
    expect((await previewImport(workspace, { path: fixtures.files.lists.dtoa })).suggestedKind).toBe('list:dtoa');
    expect((await previewImport(workspace, { path: fixtures.files.pins })).suggestedKind).toBe('pins');
    expect((await previewImport(workspace, { path: fixtures.files.arrestsExtract })).suggestedKind).toBe('arrests');
  });
});
