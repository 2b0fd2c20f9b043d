import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

/**
 * The offence and borough wordings of the arrests, each distinct text once, by id (migration 012).
 * An arrest row holds only the ids.
 */

/**
 * Ids for wordings, adding the ones the workspace does not have yet. Use it inside the transaction
 * that writes the arrests, and only there: a term it adds is rolled back with them.
 */
export class ArrestTermIds {
  private readonly ids = new Map<string, number>();
  private readonly insert: Statement;

  constructor(db: Database) {
    for (const [id, text] of arrestTermTexts(db)) this.ids.set(text, id);
    this.insert = db.prepare('INSERT INTO arrest_terms (text) VALUES (?)');
  }

  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = Number(this.insert.run(text).lastInsertRowid);
      this.ids.set(text, id);
    }
    return id;
  }
}

/** Every term's text by id: a few hundred rows, read at once. */
export function arrestTermTexts(db: Database): Map<number, string> {
  return new Map(db.prepare('SELECT id, text FROM arrest_terms').raw().all() as Array<[number, string]>);
}

/**
 * Removes the wordings no arrest uses any more, after arrests have been removed: an offence
 * description can be as personal as the arrest it described. Returns how many went.
 */
export function deleteUnusedArrestTerms(db: Database): number {
  return db
    .prepare(
      `DELETE FROM arrest_terms WHERE id NOT IN (SELECT offence_id FROM arrests)
         AND id NOT IN (SELECT borough_id FROM arrests WHERE borough_id IS NOT NULL)`,
    )
    .run().changes;
}
