/**
 * Filter + projection recompute over 200,000 people and 2,000,000 arrests (issue 5's goal: p95 under
 * 100 ms after the first load), against a peer in the same run: the same counts computed by SQLite
 * with an indexed GROUP BY over an in-memory table, which is what a hand-written query would do.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { type AnalysisArrest, type AnalysisPerson } from '../shared/domain/analysisModel';
import { buildArrestIndex } from '../test/support/arrestIndex';
import { CRIME_TYPE_IDS, type CrimeTypeId } from '../shared/domain/crimeTypes';
import { FLAG_NAMES, type FlagName } from '../shared/domain/flags';
import { evaluateFilter, type FilterInput } from '../shared/shortlist/filterModel';
import { DEFAULT_SCENARIO, projectCohortFromIndex } from '../shared/analysis/projection';
import { mulberry32 } from '../shared/domain/seededRandom';
import { isoFromDayNumber, dayNumber } from '../shared/domain/analysisModel';
import { goalLine, percentile, printBenchReport } from './benchReport';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 200_000);
const ARRESTS = Number(process.env.BENCH_ARRESTS ?? 2_000_000);
const RUNS = 40;

function generate(): { people: AnalysisPerson[]; arrests: AnalysisArrest[] } {
  const random = mulberry32(2013);
  const people: AnalysisPerson[] = [];
  for (let id = 1; id <= PEOPLE; id++) {
    const flags: FlagName[] = FLAG_NAMES.filter(() => random() < 0.03);
    people.push({
      id, surname: `S${id}`, forenames: `F${id}`, pnc: null, dob: isoFromDayNumber(dayNumber('1970-01-01') + Math.floor(random() * 14000)),
      gender: random() < 0.85 ? 'M' : 'F', ethnicity: null, borough: random() < 0.9 ? 'Barnet' : 'Enfield', livesInBorough: null,
      custody: random() < 0.05 ? 'in_custody' : 'unknown', ogrsScore: random() < 0.1 ? Math.round(random() * 100) : null, flags, lists: [], statutory: null, cohortStartDate: null,
    });
  }
  const start = dayNumber('2009-01-01');
  const arrests: AnalysisArrest[] = [];
  for (let i = 0; i < ARRESTS; i++) {
    // Skewed like real offending: a few people hold many of the arrests.
    const personId = 1 + Math.floor(PEOPLE * random() ** 3);
    arrests.push({ personId, date: isoFromDayNumber(start + Math.floor(random() * 1826)), offence: '', crimeType: CRIME_TYPE_IDS[Math.floor(random() * CRIME_TYPE_IDS.length)] as CrimeTypeId });
  }
  return { people, arrests };
}

function filterFor(i: number): FilterInput {
  return {
    referenceDate: '2013-10-31',
    windowMonths: 24,
    flags: { any: i % 2 ? ['dtoa', 'gangHigh'] : [], all: [], none: [] },
    arrests: { min: 2 + (i % 5), max: null },
    crimeTypes: i % 3 ? ['residential_burglary', 'robbery'] : [],
    custody: ['unknown'],
  };
}

function main(): void {
  const t0 = performance.now();
  const { people, arrests } = generate();
  const t1 = performance.now();
  const index = buildArrestIndex(people, arrests);
  const t2 = performance.now();
  // First load (cold): includes building the per-window counts.
  evaluateFilter(filterFor(0), people, index);
  const t3 = performance.now();

  const ours: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const result = evaluateFilter(filterFor(i), people, index);
    projectCohortFromIndex(DEFAULT_SCENARIO, index, result.personIds);
    ours.push(performance.now() - started);
  }
  ours.sort((a, b) => a - b);

  const db = new Database(':memory:');
  db.exec('CREATE TABLE arrests (person_id INTEGER, arrest_date TEXT, crime_type TEXT); CREATE TABLE people (id INTEGER PRIMARY KEY, custody TEXT, flags TEXT);');
  const insertArrest = db.prepare('INSERT INTO arrests VALUES (?, ?, ?)');
  const insertPerson = db.prepare('INSERT INTO people VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const a of arrests) insertArrest.run(a.personId, a.date, a.crimeType);
    for (const p of people) insertPerson.run(p.id, p.custody, p.flags.join(','));
  })();
  db.exec('CREATE INDEX arrests_date ON arrests(arrest_date, person_id, crime_type)');
  const peerQuery = db.prepare(`
    WITH counts AS (
      SELECT person_id, COUNT(*) AS n, SUM(crime_type IN ('residential_burglary', 'robbery')) AS typed
      FROM arrests WHERE arrest_date > '2011-10-31' AND arrest_date <= '2013-10-31' GROUP BY person_id)
    SELECT crime_type, COUNT(*) FROM arrests a JOIN counts c ON c.person_id = a.person_id JOIN people p ON p.id = a.person_id
    WHERE a.arrest_date > '2011-10-31' AND a.arrest_date <= '2013-10-31' AND c.n >= ? AND p.custody = 'unknown' AND (? = 0 OR c.typed > 0)
      AND (? = 0 OR p.flags LIKE '%dtoa%' OR p.flags LIKE '%gangHigh%')
    GROUP BY crime_type`);
  const peer: number[] = [];
  for (let i = 0; i < Math.min(RUNS, 10); i++) {
    const started = performance.now();
    peerQuery.all(2 + (i % 5), i % 3 ? 1 : 0, i % 2);
    peer.push(performance.now() - started);
  }
  peer.sort((a, b) => a - b);
  db.close();

  const p50 = percentile(ours, 50);
  const p95 = percentile(ours, 95);
  const peerP50 = percentile(peer, 50);
  const lines = [
    `# Analysis recompute benchmark`,
    '',
    `${PEOPLE.toLocaleString('en-GB')} people, ${ARRESTS.toLocaleString('en-GB')} arrests (generated, skewed), ${RUNS} filter + projection recomputes with varying filters.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| generate data | ${(t1 - t0).toFixed(0)} ms |`,
    `| build arrest index (first load) | ${(t2 - t1).toFixed(0)} ms |`,
    `| first filter (builds window counts) | ${(t3 - t2).toFixed(1)} ms |`,
    `| recompute p50 | ${p50.toFixed(1)} ms |`,
    `| recompute p95 | ${p95.toFixed(1)} ms (goal < 100 ms: ${p95 < 100 ? 'met' : 'NOT met'}) |`,
    `| peer: SQLite GROUP BY, same filter, in-memory, p50 | ${peerP50.toFixed(1)} ms |`,
    `| ratio ours p50 / peer p50 | ${(p50 / peerP50).toFixed(3)} (below 1 = faster than the peer) |`,
    '',
    goalLine('analysis', `recompute p95 ${p95.toFixed(1)} ms, p50 ${(p50 / peerP50).toFixed(3)}× SQLite GROUP BY`, '< 100 ms p95', p95 < 100),
  ];
  printBenchReport('analysis', lines);
  if (p95 >= 100) process.exitCode = 1;
}

main();
