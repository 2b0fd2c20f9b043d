import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ymdOfIso, type IsoDate } from '../../shared/domain/isoDate';
import { ArrestTermIds } from '../../electron/workspace/arrestTerms';
import { lastArrestId, recordLastArrestId } from '../../electron/workspace/rowIds';

interface ArrestRowWriter {
  /**
   * Adds one arrest as the importer would store it; returns its id (0 when it was already there).
   * A number for the date is stored as it is, for a YYYYMMDD that is no calendar date.
   */
  add(arrest: { personId: number; date: IsoDate | number; offence: string; importId: number; rowNumber: number; borough?: string | null }): number;
  /** Records the ids given, as an import does at its end. */
  finish(): void;
}

/**
 * Writes fixture arrests straight into the coded table (migration 012), giving ids from the
 * workspace's counter and wordings their terms. Use inside one transaction, like an import.
 */
export function arrestRowWriter(db: Database): ArrestRowWriter {
  const terms = new ArrestTermIds(db);
  const insert = db.prepare('INSERT OR IGNORE INTO arrests (person_id, arrest_ymd, offence_id, id, borough_id, import_id, row_number) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let id = lastArrestId(db);
  return {
    add({ personId, date, offence, importId, rowNumber, borough = null }) {
      const changes = insert.run(personId, typeof date === 'number' ? date : ymdOfIso(date), terms.idOf(offence), id + 1, borough === null ? null : terms.idOf(borough), importId, rowNumber).changes;
      if (changes === 0) return 0;
      id += 1;
      return id;
    },
    finish() {
      recordLastArrestId(db, id);
    },
  };
}
