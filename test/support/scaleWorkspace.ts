import type { OpenWorkspace } from '../../electron/workspace/workspaceFile';
import { arrestRowWriter } from './arrestRows';
import { mulberry32 } from '../../shared/domain/seededRandom';
import { dayNumber, isoFromDayNumber } from '../../shared/domain/analysisModel';
import { FLAG_NAMES } from '../../shared/domain/flags';
import { ALL_OFFENCE_WORDINGS, makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';

const BOROUGHS = ['Barnet', 'Barnet', 'Barnet', 'Barnet', 'Enfield', 'Brent', 'Harrow', 'Camden'];

/**
 * Fills an open workspace with a large synthetic long list by direct inserts (the import pipeline
 * has its own benchmark): `people` people on the long list, about 3% on each agency list, and
 * `arrestsPerPerson × people` arrests over 2009–2013, skewed so a few people hold many of them.
 * Deterministic (seeded), so timings compare run to run.
 */
export function fillScaleWorkspace(workspace: OpenWorkspace, people: number, arrestsPerPerson: number): void {
  const { db } = workspace;
  db.pragma('cache_size = -262144');
  const random = mulberry32(100_000);
  const now = new Date().toISOString();
  const insertImport = db.prepare("INSERT INTO imports (kind, file_name, sha256, mapping, imported_by, imported_at, rows_read, rows_imported, rows_linked, rows_rejected) VALUES (?, ?, ?, '[]', 'test', ?, ?, ?, 0, 0)");
  db.transaction(() => {
    const importId = Number(insertImport.run('candidates', 'scale-candidates.csv', 'scale', now, people, people).lastInsertRowid);
    const flagImports = FLAG_NAMES.map((flag) => Number(insertImport.run(`list:${flag}`, `scale-${flag}.csv`, `scale-${flag}`, now, 0, 0).lastInsertRowid));
    const person = db.prepare("INSERT INTO people (id, pnc, surname, forenames, dob, gender, borough, custody, ogrs_score, on_long_list, created_import_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)");
    const source = db.prepare('INSERT INTO person_field_sources (person_id, field, value, import_id, row_number) VALUES (?, ?, ?, ?, ?)');
    const arrests = arrestRowWriter(db);
    const flag = db.prepare('INSERT INTO person_flags (person_id, flag, import_id, row_number) VALUES (?, ?, ?, ?)');
    const firstDob = dayNumber('1960-01-01');
    const firstArrest = dayNumber('2009-01-01');
    for (let id = 1; id <= people; id++) {
      const surname = `Surname${(id * 7919) % people}`;
      const pnc = makeSyntheticPnc(1990 + (id % 20), id).long;
      person.run(id, pnc, surname, `Forename${id % 500}`, isoFromDayNumber(firstDob + Math.floor(random() * 16000)), random() < 0.85 ? 'M' : 'F', BOROUGHS[id % BOROUGHS.length]!, random() < 0.05 ? 'in_custody' : 'unknown', random() < 0.2 ? Math.round(random() * 1000) / 10 : null, importId, now);
      source.run(id, 'surname', surname, importId, id + 1);
      source.run(id, 'pnc', pnc, importId, id + 1);
      FLAG_NAMES.forEach((name, i) => {
        if (random() < 0.03) flag.run(id, name, flagImports[i]!, id + 1);
      });
    }
    // Written in (person, date) order, as the import engine batches them: random order would cost
    // a page of the arrests' B-tree per row and make the fill, not the explorer, the slow part.
    const count = people * arrestsPerPerson;
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const personId = 1 + Math.floor(people * random() ** 2);
      const day = Math.floor(random() * 1800);
      const offence = Math.floor(random() * ALL_OFFENCE_WORDINGS.length);
      keys[i] = (personId * 4096 + day) * 64 + offence;
    }
    keys.sort();
    for (const key of keys) {
      const personId = Math.floor(key / 64 / 4096);
      arrests.add({ personId, date: isoFromDayNumber(firstArrest + (Math.floor(key / 64) % 4096)), offence: ALL_OFFENCE_WORDINGS[key % 64]!, importId, rowNumber: personId + 1 });
    }
    arrests.finish();
  })();
  db.pragma('cache_size = -2000');
}
