import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { closeWorkspace, openWorkspaceFile } from '../../electron/workspace/workspaceFile';
import { demoFiles } from '../../electron/workspace/demoWorkspace';
import type { ImportReport } from '../../shared/import/importSchemas';
import type { LinkReview } from '../../shared/links/linkSchemas';
import type { IntakePlanReport } from '../../shared/intake/intakeSchemas';
import type { PanelCohort, PanelSession } from '../../shared/panel/panelSchemas';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';
import { generateSyntheticCohort } from '../../shared/workspace/syntheticCohort';
import { ensureNodeBuild } from '../support/nodeBuild';
import { runCli } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

/**
 * Issue 16 point 8: a whole round without a window, every step a CLI command as a script would run
 * it: import the lists, review the uncertain match, propose the shortlist (net of the existing
 * cohort), hold the panel from a decisions CSV, plan the intake, project, export and report.
 * Files are read back from disk; the workspace is opened directly only to check what the commands
 * claim.
 */

const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };
function cli(args: string[]): string {
  const run = runCli(args, env);
  expect(run.status, `${args.slice(0, 3).join(' ')}: ${run.stderr}`).toBe(0);
  return run.stdout;
}
const json = <T,>(args: string[]): T => JSON.parse(cli([...args, '--json'])) as T;

const SCENARIO = {
  name: 'Seed table',
  referenceDate: '2013-10-31',
  windowMonths: 24,
  reductionRate: 0.36,
  crimeTypes: [
    { id: 'all', label: 'All crime', allegationsPerArrest: 5, boroughOffencesPerYear: 23300 },
    { id: 'residential_burglary', label: 'Residential burglary', allegationsPerArrest: 11.6, boroughOffencesPerYear: 3000, unitCost: 5930 },
  ],
};

interface ShortlistJson {
  summary: { capacity: number; capacityWorking: string; newEntrants: { teamCapacity: number; currentCaseload: number; expectedExits: number; places: number }; counts: Record<string, number> };
  selected: number[];
  results: Array<{ personId: number; pnc: string | null; status: string; reason: string }>;
}

describe('a whole round through the CLI: import, links, shortlist, panel, intake, projection, export, report', () => {
  let temp: TempDir;
  let workspace: string;
  let shortlist: ShortlistJson;
  let session: PanelSession;
  let cohort: PanelCohort;
  const clientIds = new Set<number>();

  beforeAll(() => {
    ensureNodeBuild();
    temp = makeTempDir('iom-cli-round-');
    workspace = temp.path('round.iomdb');
  }, 120_000);
  afterAll(() => temp?.remove());

  it('creates the workspace and imports every list, the existing IOM cohort included', () => {
    cli(['init', workspace, '--name', 'Round by script']);
    const files = demoFiles(generateSyntheticCohort());
    for (const file of files) {
      const path = temp.path(file.name);
      writeFileSync(path, file.text, 'utf8');
      const report = json<ImportReport>(['import', workspace, path, '--kind', file.kind]);
      expect(report.status, file.name).toBe('imported');
      expect(report.rowsRead).toBeGreaterThan(0);
    }
    const summary = json<{ people: number }>(['summary', workspace]);
    expect(summary.people).toBe(170);
    const check = openWorkspaceFile(workspace, TEST_PASSPHRASE);
    try {
      for (const id of check.db.prepare('SELECT id FROM people WHERE cohort_start_date IS NOT NULL').pluck().all() as number[]) clientIds.add(id);
    } finally {
      closeWorkspace(check);
    }
    expect(clientIds.size).toBe(42);
  }, 120_000);

  it('lists the uncertain match with its evidence and links it', () => {
    const pending = json<{ total: number; reviews: LinkReview[] }>(['links', workspace, 'list']);
    expect(pending.total).toBe(1);
    const review = pending.reviews[0]!;
    expect(review.fields.map((f) => f.field)).toEqual(['pnc', 'surname', 'forenames', 'dob']);
    expect(review.fields.find((f) => f.field === 'dob')!.left).toBe(review.fields.find((f) => f.field === 'dob')!.right);
    const text = cli(['links', workspace, 'list']);
    expect(text).toContain(`Review ${review.id}:`);
    expect(text).toMatch(/dob\s+exact/);
    expect(text).toContain('+ same date of birth');
    // A decision can be taken back, and made again.
    expect(json<LinkReview>(['links', workspace, 'decide', String(review.id), 'link']).status).toBe('linked');
    expect(cli(['links', workspace, 'undo', String(review.id)])).toMatch(/^Undone: import \d+ row \d+ waits for review again/);
    expect(json<{ total: number }>(['links', workspace, 'list']).total).toBe(1);
    const decided = json<LinkReview>(['links', workspace, 'decide', String(review.id), 'link']);
    expect(decided.status).toBe('linked');
    expect(json<{ total: number }>(['links', workspace, 'list']).total).toBe(0);
    // Deciding twice is refused with one line and a non-zero exit.
    const again = runCli(['links', workspace, 'decide', String(review.id), 'reject'], env);
    expect(again.status).not.toBe(0);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
  }, 120_000);

  it('proposes a shortlist that leaves out the existing cohort and fills only the places net of it', () => {
    writeFileSync(temp.path('rules.json'), JSON.stringify(DEFAULT_SELECTION_RULE_SET));
    shortlist = json<ShortlistJson>(['shortlist', workspace, '--rules', temp.path('rules.json')]);
    // 100 − 42 + ⌊42 × (1 − (1 − 0.0176)^5)⌋ = 100 − 42 + 3 = 61.
    expect(shortlist.summary.newEntrants).toMatchObject({ teamCapacity: 100, currentCaseload: 42, expectedExits: 3, places: 61 });
    expect(shortlist.summary.capacity).toBe(61);
    expect(shortlist.selected).toHaveLength(61);
    expect(shortlist.selected.filter((id) => clientIds.has(id))).toEqual([]);
    const clients = shortlist.results.filter((r) => clientIds.has(r.personId));
    expect(clients).toHaveLength(42);
    expect(clients.every((r) => r.status === 'excluded' && /^excluded: already on IOM \(started \d{4}-\d{2}-\d{2}\)/.test(r.reason))).toBe(true);
  });

  it('holds the panel from a decisions CSV: a bad file records nothing, a good one everything, then closes', () => {
    session = json<PanelSession>(['panel', workspace, 'start', '--title', 'Partnership cohort selection panel', '--held-on', '2013-12-16', '--member', 'DI Example=police', '--member', 'Senior probation officer=probation', '--reserves', '2']);
    expect(session.progress).toMatchObject({ agenda: 63, proposed: 61, reserves: 2, decided: 0, capacity: 61 });
    const pncOf = new Map(shortlist.results.map((r) => [r.personId, r.pnc]));
    const proposed = shortlist.selected;

    // A reject without a reason and an unknown PNC: refused whole, naming both rows.
    writeFileSync(temp.path('bad.csv'), ['pnc,decision,reason,note', `${pncOf.get(proposed[0]!)},accept,,`, `${pncOf.get(proposed[1]!)},reject,,`, '99/1234567Z,accept,,'].join('\n'));
    const bad = runCli(['panel', workspace, 'decide', '--session', String(session.id), '--decisions', temp.path('bad.csv')], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('nothing was recorded; 2 rows to fix');
    expect(bad.stderr).toContain('row 3:');
    expect(bad.stderr).toContain('row 4:');
    expect(json<PanelCohort>(['panel', workspace, 'cohort', '--session', String(session.id)]).counts.undecided).toBe(61);

    // Every proposed person: the 3rd rejected (moved away), the 5th deferred (tactical), the 8th rejected with "other" and a note.
    const rows = proposed.map((id, i) =>
      i === 2 ? `${pncOf.get(id)},reject,No longer living in the borough,`
      : i === 4 ? `${pncOf.get(id)},defer,tactical_concern,awaiting the DV check`
      : i === 7 ? `${pncOf.get(id)},Rejected,other,"Declined, said so at interview"`
      : `${pncOf.get(id)},accept,,`,
    );
    writeFileSync(temp.path('decisions.csv'), ['PNC,Decision,Reason,Note', ...rows].join('\r\n'));
    const recorded = json<{ recorded: unknown[]; progress: PanelSession['progress'] }>(['panel', workspace, 'decide', '--session', String(session.id), '--decisions', temp.path('decisions.csv')]);
    expect(recorded.recorded).toHaveLength(61);
    expect(recorded.progress).toMatchObject({ decided: 61, accepted: 58, rejected: 2, deferred: 1 });

    const closed = json<PanelSession>(['panel', workspace, 'close', '--session', String(session.id)]);
    expect(closed.status).toBe('closed');
    const late = runCli(['panel', workspace, 'decide', '--session', String(session.id), '--decisions', temp.path('decisions.csv')], env);
    expect(late.status).not.toBe(0);
    expect(late.stderr).toContain('closed');

    cohort = json<PanelCohort>(['panel', workspace, 'cohort']);
    // The two reserves were not walked; undecided counts the proposed people only.
    expect(cohort.counts).toEqual({ accepted: 58, rejected: 2, deferred: 1, undecided: 0 });
    expect(cohort.capacity).toBe(61);
    expect(cohort.placesLeft).toBe(3);
    expect(cohort.reasons.reject).toMatchObject({ no_longer_in_borough: 1, other: 1 });
    expect(cohort.accepted.some((p) => clientIds.has(p.personId))).toBe(false);
  });

  it('plans the intake with the same places the shortlist counted, then with the doubled team, and exports it', () => {
    const plan = json<IntakePlanReport>(['intake', workspace, 'plan']);
    expect(plan.params).toMatchObject({ existingCaseload: 42, exitRatePerMonth: 0.0176 });
    expect(plan.plan.newEntrants.places).toBe(shortlist.summary.capacity);
    expect(plan.plan.totals).toMatchObject({ cohort: 58, planned: 58, notFitting: 0 });

    // The seed's 72 on the books and no exits: 100 − 72 = 28 places, so 30 of the 58 wait.
    const tight = json<IntakePlanReport>(['intake', workspace, 'plan', '--existing-caseload', '72', '--exit-rate', '0']);
    expect(tight.plan.newEntrants.places).toBe(28);
    expect(tight.plan.totals).toMatchObject({ planned: 28, notFitting: 30 });
    // The doubled team from March (5 offender managers, 4 police leads): 200 − 72 = 128 places, everyone starts.
    writeFileSync(temp.path('intake.json'), JSON.stringify({ ...tight.params, staffChanges: [{ month: '2014-03', offenderManagers: 5, policeLeads: 4 }] }));
    const doubled = json<IntakePlanReport>(['intake', workspace, 'plan', '--params', temp.path('intake.json'), '--save']);
    expect(doubled.plan.newEntrants.places).toBe(128);
    expect(doubled.plan.totals).toMatchObject({ planned: 58, notFitting: 0 });
    // Saved: the next plan starts from them.
    expect(json<IntakePlanReport>(['intake', workspace, 'plan']).plan.newEntrants.places).toBe(128);

    const out = temp.path('intake plan.csv');
    cli(['intake', workspace, 'export', out]);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('\uFEFFOFFICIAL-SENSITIVE\r\nIntake plan\r\n')).toBe(true);
    expect(text).toContain('Places for new entrants,128 places for new entrants = team capacity 200 − 72 current clients on the books + 0 (no exits expected)');
    const refused = runCli(['intake', workspace, 'export', out], env);
    expect(refused.status).toBe(73);
    expect(bad(['intake', workspace, 'plan', '--pace', 'fast'])).toContain('--pace must be one of even, asap');
  });

  it('projects the proposed shortlist, exports the decided cohort and writes the report', () => {
    writeFileSync(temp.path('scenario.json'), JSON.stringify(SCENARIO));
    const rows = json<Array<{ crimeType: string; arrests: number; reductionPerYear: number }>>(['project', workspace, '--scenario', temp.path('scenario.json'), '--population', 'shortlist']);
    expect(rows.map((r) => r.crimeType)).toEqual(['all', 'residential_burglary']);
    expect(rows[0]!.arrests).toBeGreaterThan(0);

    const out = temp.path('OFFICIAL-SENSITIVE cohort.xlsx');
    cli(['export', workspace, '--shortlist', out, '--columns', 'position,surname,forenames,pnc,panelDecision']);
    const book = XLSX.read(readFileSync(out), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['Cohort', 'Metadata', 'Intake plan']);
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Cohort!, { header: 1, defval: null, blankrows: true });
    const people = sheet.slice(4, 4 + cohort.accepted.length);
    expect(people.map((r) => r[3])).toEqual(cohort.accepted.map((p) => p.pnc));
    expect(people.every((r) => r[4] === 'Accept')).toBe(true);

    // The long list's own columns, as the candidate list gave them (issue 16 point 7).
    const listOut = temp.path('OFFICIAL-SENSITIVE long list columns.xlsx');
    cli(['export', workspace, '--shortlist', listOut, '--columns', 'pnc,addressDate,listArrestsLast10,listArrestsLast22,listArrestDetails']);
    const listRows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(readFileSync(listOut), { type: 'buffer' }).Sheets.Cohort!, { header: 1, defval: null, blankrows: true });
    expect(listRows[3]).toEqual(['PNC', 'Address date', 'Arrests in last 10 months (list)', 'Arrests in last 22 months (list)', 'Arrest details (list)']);
    const source = new Map(generateSyntheticCohort().candidates.map((c) => [c.pnc.long, c]));
    const exported = listRows.slice(4, 4 + cohort.accepted.length);
    expect(exported).toHaveLength(58);
    for (const [pnc, addressDate, last10, last22, details] of exported) {
      const c = source.get(pnc as string)!;
      expect([addressDate, last10, last22]).toEqual([c.addressDate, c.arrestsLast10Months, c.arrestsLast22Months]);
      const expected = [...c.arrests].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0)).map((a) => `${a.date} ${a.offence}`);
      expect((details as string).split('; ').sort()).toEqual(expected.sort());
    }

    const html = temp.path('report.html');
    cli(['report', workspace, '--html', html]);
    expect(existsSync(html)).toBe(true);
    expect(readFileSync(html, 'utf8')).toContain(`${cohort.accepted.length} people`);
  }, 120_000);

  it('has audited every step in one unbroken chain', () => {
    expect(json<{ ok: boolean }>(['audit', workspace, '--verify']).ok).toBe(true);
    const check = openWorkspaceFile(workspace, TEST_PASSPHRASE);
    try {
      const count = new Map((check.db.prepare('SELECT action, COUNT(*) AS n FROM audit_log GROUP BY action').all() as Array<{ action: string; n: number }>).map((a) => [a.action, a.n]));
      expect(count.get('link.link')).toBe(2);
      expect(count.get('link.undo')).toBe(1);
      expect(count.get('panel.create')).toBe(1);
      expect(count.get('panel.decide')).toBe(61);
      expect(count.get('panel.close')).toBe(1);
      expect(count.get('intake.saveParams')).toBe(1);
      expect(count.get('intake.export')).toBe(1);
      expect(count.get('export.shortlist')).toBe(2);
    } finally {
      closeWorkspace(check);
    }
  });

  function bad(args: string[]): string {
    const run = runCli(args, env);
    expect(run.status).not.toBe(0);
    return run.stderr;
  }
});
