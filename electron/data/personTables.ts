/**
 * The tables that name a person, declared once: what a link merge does with each, what an undone
 * import looks at before removing a person it created, and what a purge, retention and a link
 * decision's undo must cover. `personTables.test.ts` fails when a migration adds a table naming a
 * person (a foreign key to `people`, or a `person_id` column) that is not declared here, so a new
 * table cannot be forgotten by one of them.
 *
 * Part of the workspace data layer (see workspaceDb.ts).
 */

import type { WorkspaceDb } from './workspaceDb';

/**
 * What a merge of a removed person into the kept one does with the removed person's rows. Rows it
 * leaves on the removed person go with that person (the foreign keys cascade); a link decision's
 * snapshot (linkDecisionUndo.ts) puts them back if the decision is undone.
 * - `move`: every row goes to the kept person.
 * - `moveUnlessKeptHasOne`: every row goes to the kept person, except where the kept person already
 *   holds the same key (the same arrest, shortlist place, long-list entry, panel place or recorded
 *   start): the kept person's own row stands.
 * - `movePending`: only the rows still waiting (link reviews); a decided review stays with its history.
 * - `provenance`: the field sources, both people's, including the values each was created with.
 */
type PersonMergeRule = 'move' | 'moveUnlessKeptHasOne' | 'movePending' | 'provenance';

interface PersonTable {
  table: string;
  /** The column holding the person's id (every table so far calls it person_id). */
  column: 'person_id';
  merge: PersonMergeRule;
  /**
   * The analyst's or the panel's own work: a person an import created stays when the import is
   * undone if a row here names them (undoing a list must not take a panel decision or a note with it).
   */
  analystWork: boolean;
  /**
   * How a link decision's snapshot saves the table: whole rows, or (link reviews, whose `record`
   * holds earlier decisions' snapshots) only the columns a decision changes.
   */
  decisionSnapshot: 'rows' | 'decisionColumns';
}

/**
 * One table's declaration. Most tables hold what imports brought (not the analyst's work) and are
 * snapshotted as whole rows, so only the exceptions are written out.
 */
function personTable(table: string, merge: PersonMergeRule, exceptions: Partial<Pick<PersonTable, 'analystWork' | 'decisionSnapshot'>> = {}): PersonTable {
  return { table, column: 'person_id', merge, analystWork: false, decisionSnapshot: 'rows', ...exceptions };
}

const ANALYST_WORK = { analystWork: true } as const;

export const PERSON_TABLES: readonly PersonTable[] = [
  personTable('arrests', 'moveUnlessKeptHasOne'),
  personTable('person_flags', 'move'),
  personTable('person_field_sources', 'provenance'),
  personTable('long_list_entries', 'moveUnlessKeptHasOne'),
  personTable('link_reviews', 'movePending', { decisionSnapshot: 'decisionColumns' }),
  personTable('person_notes', 'move', ANALYST_WORK),
  personTable('shortlist_members', 'moveUnlessKeptHasOne', ANALYST_WORK),
  personTable('panel_session_people', 'moveUnlessKeptHasOne', ANALYST_WORK),
  personTable('panel_decisions', 'move', ANALYST_WORK),
  // A sheet's row keeps pointing at whoever the panel knows the person as now.
  personTable('agency_sheet_rows', 'move'),
  personTable('agency_comments', 'move', ANALYST_WORK),
  personTable('agency_comment_history', 'move'),
  // A recorded start or exit (outcome tracking) moves too, unless the kept person has their own.
  personTable('cohort_membership', 'moveUnlessKeptHasOne', ANALYST_WORK),
];

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A column that holds a person's id, as the schema itself says. */
export interface PersonColumn {
  table: string;
  column: string;
}

/**
 * Every column the schema points at a person: foreign keys to `people` and any `person_id` column.
 * Read from the schema, not the declaration, to check the declaration against (the purge's last
 * check, and personTables.test.ts).
 */
export function personColumnsInSchema(db: WorkspaceDb): PersonColumn[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'people' ORDER BY name").pluck().all() as string[];
  const found: PersonColumn[] = [];
  for (const table of tables) {
    const columns = new Set<string>();
    for (const fk of db.pragma(`foreign_key_list(${quoteIdentifier(table)})`) as Array<{ table: string; from: string }>) {
      if (fk.table === 'people') columns.add(fk.from);
    }
    for (const info of db.pragma(`table_info(${quoteIdentifier(table)})`) as Array<{ name: string }>) {
      if (info.name === 'person_id') columns.add(info.name);
    }
    for (const column of columns) found.push({ table, column });
  }
  return found;
}
