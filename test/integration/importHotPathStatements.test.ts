import { afterAll, describe, expect, it, vi } from 'vitest';
import { FLAG_NAMES } from '../../shared/domain/flags';
import type { ImportKindId } from '../../shared/domain/importKinds';
import { importFile } from '../../electron/import/importEngine';
import { writeFixtureSet } from '../fixtures/writeFixtures';
import { makeTempDir, makeTempWorkspace } from '../support/tempWorkspace';

/**
 * The import's statements live in the data layer (issue 19) and are prepared once per import, not
 * per row: importing ten times the people prepares exactly as many statements.
 */
const temp = makeTempDir('iom-hot-path-');
afterAll(() => temp.remove());

interface Run {
  prepares: number;
  rows: number;
}

/** A candidate list, one agency list and the arrests extract, each imported into a fresh workspace; prepares counted. */
async function importAll(people: number): Promise<Run> {
  const fixtures = await writeFixtureSet(temp.path(`set-${people}`), { people });
  const { workspace, cleanup } = makeTempWorkspace();
  try {
    const prepare = vi.spyOn(workspace.db, 'prepare');
    const files: Array<[string, ImportKindId]> = [
      [fixtures.files.candidatesCsv, 'candidates'],
      [fixtures.files.lists[FLAG_NAMES[0]!], FLAG_NAMES[0]! as ImportKindId],
      [fixtures.files.arrestsExtract, 'arrests'],
    ];
    let rows = 0;
    for (const [path, kind] of files) {
      const report = await importFile(workspace, { path, kind }, { actor: 'tester', privateConnection: true });
      expect(report.status).toBe('imported');
      rows += report.rowsRead;
    }
    return { prepares: prepare.mock.calls.length, rows };
  } finally {
    cleanup();
  }
}

describe('the import hot path', () => {
  it('prepares the same statements however many rows the files hold', async () => {
    const small = await importAll(60);
    const large = await importAll(600);
    expect(large.rows).toBeGreaterThan(small.rows * 5);
    expect(large.prepares).toBe(small.prepares);
    expect(large.prepares).toBeLessThan(large.rows / 10);
  }, 120_000);
});
