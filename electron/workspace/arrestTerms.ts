import type { Database } from 'better-sqlite3-multiple-ciphers';
import { arrestTermRows, deleteArrestTermsNotInUse, insertArrestTerm } from '../data/arrests';

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

  constructor(private readonly db: Database) {
    for (const [id, text] of arrestTermTexts(db)) this.ids.set(text, id);
  }

  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = insertArrestTerm(this.db, text);
      this.ids.set(text, id);
    }
    return id;
  }
}

/** Every term's text by id: a few hundred rows, read at once. */
export function arrestTermTexts(db: Database): Map<number, string> {
  return new Map(arrestTermRows(db));
}

/**
 * Removes the wordings no arrest uses any more, after arrests have been removed: an offence
 * description can be as personal as the arrest it described. Returns how many went.
 */
export function deleteUnusedArrestTerms(db: Database): number {
  return deleteArrestTermsNotInUse(db);
}
