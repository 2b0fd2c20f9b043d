/**
 * The PPO (Prolific and other Priority Offender) list from file to shortlist on a real encrypted
 * workspace: recognised and imported like the other partnership lists, held in the model's 16-bit
 * flag mask, usable as a filter, as a priority group and as a term of the RFG ranking score.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterLongList, runShortlist } from '../../electron/analysis/analysisService';
import { loadAnalysisModel } from '../../electron/analysis/analysisModelLoader';
import { importFile } from '../../electron/import/importEngine';
import { previewImport } from '../../electron/import/previewImport';
import { DEFAULT_SELECTION_RULE_SET, type SelectionRuleSet } from '../../shared/shortlist/selectionRules';
import { makeSyntheticPnc } from '../../shared/workspace/syntheticCohort';
import { makeTempWorkspace } from '../support/tempWorkspace';

const ACTOR = 'test-analyst';

/** Synthetic people: every one has at least 3 arrests in the seed's window. */
const PEOPLE = [
  { forename: 'Adam', surname: 'Abbot', dob: '04/02/1985', serial: 100101, arrests: 9 },
  { forename: 'Brian', surname: 'Bexley', dob: '11/07/1990', serial: 100202, arrests: 4 },
  { forename: 'Carl', surname: 'Cooper', dob: '23/09/1988', serial: 100303, arrests: 8 },
  { forename: 'Dean', surname: 'Dorsey', dob: '30/12/1979', serial: 100404, arrests: 3 },
  { forename: 'Errol', surname: 'Evans', dob: '15/05/1992', serial: 100505, arrests: 6 },
].map((p) => ({ ...p, pnc: makeSyntheticPnc(2004, p.serial) }));

function csv(rows: string[][]): string {
  return `${rows.map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n')}\r\n`;
}

function arrestDetails(n: number): string {
  // Monthly shoplifting arrests back from October 2013, all inside the 24-month window.
  return Array.from({ length: n }, (_, k) => `${String(28 - k).padStart(2, '0')}/${String(10 - (k % 9)).padStart(2, '0')}/2013 Shoplifting`).join('; ');
}

describe('the PPO list from import to ranking', () => {
  const temp = makeTempWorkspace('PPO');
  const { workspace } = temp;
  const candidatesPath = temp.temp.path('candidates.csv');
  const ppoPath = temp.temp.path('PPO nominals Nov13.csv');
  const ids = new Map<string, number>();
  const rules = (patch: Partial<SelectionRuleSet>): SelectionRuleSet => ({ ...DEFAULT_SELECTION_RULE_SET, exclusions: { inCustody: true, notLivingInBorough: false, minArrests: 3 }, existingCohort: undefined, ...patch });

  beforeAll(async () => {
    writeFileSync(
      candidatesPath,
      csv([
        ['First Name(s)', 'Surname', 'DOB', 'PNC number', 'address borough', 'arrest details (offence type and date)'],
        ...PEOPLE.map((p) => [p.forename, p.surname, p.dob, p.pnc.short, 'Barnet', arrestDetails(p.arrests)]),
      ]),
    );
    // The PPO list as a scheme sends it: long PNCs, its own status column naming the list.
    writeFileSync(
      ppoPath,
      csv([
        ['PNC', 'Surname', 'Forename', 'DOB', 'PPO status'],
        ...[PEOPLE[1]!, PEOPLE[3]!].map((p) => [p.pnc.long, p.surname.toUpperCase(), p.forename, p.dob, 'PPO']),
      ]),
    );
    const report = await importFile(workspace, { path: candidatesPath, kind: 'candidates' }, { actor: ACTOR });
    expect(report.rowsImported).toBe(PEOPLE.length);
    for (const row of workspace.db.prepare('SELECT id, surname FROM people').all() as Array<{ id: number; surname: string }>) ids.set(row.surname, row.id);
  });
  afterAll(() => temp.cleanup());

  it('recognises a PPO list by its file name and its "PPO status" header', async () => {
    const preview = await previewImport(workspace, { path: ppoPath });
    expect(preview.suggestedKind).toBe('list:ppo');
    expect(preview.columns.find((c) => c.header === 'PPO status')?.field).toBe('flag_ppo');
  });

  it('imports the list, linking both rows by PNC, and holds the flag in the model', async () => {
    const report = await importFile(workspace, { path: ppoPath, kind: 'list:ppo' }, { actor: ACTOR });
    expect(report).toMatchObject({ status: 'imported', rowsRead: 2, rowsImported: 2, rowsRejected: 0, flagsSet: 2 });
    const flagged = workspace.db.prepare("SELECT person_id FROM person_flags WHERE flag = 'ppo' AND active = 1 ORDER BY person_id").pluck().all();
    expect(flagged).toEqual([ids.get('Bexley'), ids.get('Dorsey')]);
    const model = loadAnalysisModel(workspace);
    const onPpo = model.people.filter((p) => p.flags.includes('ppo')).map((p) => p.surname);
    expect(onPpo.sort()).toEqual(['Bexley', 'Dorsey']);
    const summary = filterLongList(workspace, { referenceDate: '2013-10-31', windowMonths: 24 }).counts.perFlag;
    expect(summary.ppo).toBe(2);
  });

  it('filters on the PPO flag', () => {
    const any = filterLongList(workspace, { referenceDate: '2013-10-31', windowMonths: 24, flags: { any: ['ppo'] } });
    expect(any.personIds.sort()).toEqual([ids.get('Bexley'), ids.get('Dorsey')].sort());
    const none = filterLongList(workspace, { referenceDate: '2013-10-31', windowMonths: 24, flags: { none: ['ppo'] } });
    expect(none.personIds).toHaveLength(3);
  });

  it('takes PPO as a priority group, with the reason on the row', () => {
    const run = runShortlist(workspace, rules({ name: 'PPO first', capacity: { mode: 'fixed', clients: 3 }, priorityGroups: ['ppo'], ranking: { method: 'arrestCount' } }), ACTOR);
    expect(run.shortlist.selected).toEqual([ids.get('Bexley'), ids.get('Dorsey'), ids.get('Abbot')]);
    const reasons = workspace.db.prepare('SELECT person_id, reason FROM shortlist_members WHERE shortlist_id = ?').all(run.shortlistId) as Array<{ person_id: number; reason: string }>;
    expect(reasons.find((r) => r.person_id === ids.get('Dorsey'))!.reason).toBe('included: PPO');
  });

  it('ranks on PPO as a weighted term of the RFG score, the term in the stored working', () => {
    const withoutPpo = runShortlist(workspace, rules({ name: 'Frequency', capacity: { mode: 'fixed', clients: 2 }, priorityGroups: [], ranking: { method: 'rfg', weights: { recency: 0, frequency: 1, gravity: 0 } } }), ACTOR);
    expect(withoutPpo.shortlist.selected).toEqual([ids.get('Abbot'), ids.get('Cooper')]);
    const withPpo = runShortlist(workspace, rules({ name: 'Frequency and PPO', capacity: { mode: 'fixed', clients: 2 }, priorityGroups: [], ranking: { method: 'rfg', weights: { recency: 0, frequency: 1, gravity: 0, ppo: 1 } } }), ACTOR);
    // (F + P) / 2, F = arrests / 9: Abbot 0.5, Bexley (4/9 + 1)/2 ≈ 0.72, Cooper 0.44, Dorsey (3/9 + 1)/2 ≈ 0.67, Evans 0.33.
    expect(withPpo.shortlist.selected).toEqual([ids.get('Bexley'), ids.get('Dorsey')]);
    const stored = workspace.db.prepare('SELECT reason, score FROM shortlist_members WHERE shortlist_id = ? AND person_id = ?').get(withPpo.shortlistId, ids.get('Dorsey')) as { reason: string; score: number };
    expect(stored.score).toBeCloseTo((3 / 9 + 1) / 2, 12);
    expect(stored.reason).toBe('included: ranked 2 of 5 by RFG and PPO score: 0.667 = (0·0.989 + 1·0.333 + 0·0.333 + 1·1) / 2');
    expect(withPpo.shortlist.summary.rankingFormula).toContain('P = 1 on the PPO list, else 0');
    expect(withPpo.shortlist.summary.rankingFormula).toContain('source: ONS Crime Severity Score weights (29 Nov 2016)');
  });
});
