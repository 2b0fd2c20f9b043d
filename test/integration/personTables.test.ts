/**
 * The tables that name a person are declared once (electron/data/personTables.ts, issue 19 point
 * 1): the declaration covers every column a migrated workspace's schema points at a person, so a
 * migration adding such a table fails here until merge, purge and undo know what to do with it.
 * (That a merge keeps every field is shown in linkDecisionUndo.test.ts.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PERSON_TABLES, personColumnsInSchema } from '../../electron/data/personTables';
import { makeTempWorkspace } from '../support/tempWorkspace';

const { workspace, cleanup } = makeTempWorkspace('Person tables');
afterAll(() => cleanup());

describe('the tables that name a person', () => {
  it('are all declared: every column of the migrated schema pointing at a person, and nothing else', () => {
    const inSchema = personColumnsInSchema(workspace.db).map((c) => `${c.table}.${c.column}`).sort();
    const declared = PERSON_TABLES.map((t) => `${t.table}.${t.column}`).sort();
    // A new table naming a person must be declared with how a merge treats it (personTables.ts).
    expect(declared).toEqual(inSchema);
    expect(inSchema.length).toBeGreaterThanOrEqual(13);
  });
});
