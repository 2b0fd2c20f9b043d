import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { runCli } from '../support/runCli';
import { SEED_SHAPE } from '../../shared/workspace/syntheticCohort';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';

/** The seed's projection table (004, "Estimating the impact of cohort expansion"), by its own inputs. */
const SEED_SCENARIO = {
  name: 'Seed table',
  referenceDate: '2013-10-31',
  windowMonths: 24,
  reductionRate: 884 / 2432.5,
  crimeTypes: [
    { id: 'all', label: 'All crime', allegationsPerArrest: 5, boroughOffencesPerYear: 23300 },
    { id: 'residential_burglary', label: 'Residential burglary', allegationsPerArrest: 11.6, boroughOffencesPerYear: 3000, unitCost: 5930 },
    { id: 'robbery', label: 'Robbery', allegationsPerArrest: 3.0, boroughOffencesPerYear: 885, unitCost: 11320 },
  ],
};

interface ProjectionRowJson {
  crimeType: string;
  arrests: number;
  arrestsPerYear: number;
  allegationsPerArrest: number;
  offencesPerYear: number;
  offencesPerYearAfter: number;
  reductionPerYear: number;
  shareOfBorough: number | null;
  costSavingPerYear: number | null;
  working: { arrestsPerYear: string };
}

describe('analysis through the CLI on the synthetic seed-shaped workspace', () => {
  let temp: TempDir;
  let workspace: string;
  const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };
  beforeAll(() => {
    temp = makeTempDir();
    workspace = temp.path('demo.iomdb');
    const demo = runCli(['demo', workspace], env);
    expect(demo.status, demo.stderr).toBe(0);
  });
  afterAll(() => temp.remove());

  it('builds the demo with the seed shape: 170 people and the priority-group counts', () => {
    const summary = JSON.parse(runCli(['summary', workspace, '--json'], env).stdout) as { people: number; flags: Record<string, number> };
    expect(summary.people).toBe(SEED_SHAPE.people);
    expect(summary.flags).toEqual(SEED_SHAPE.flags);
  });

  it('reproduces the seed projection table from the imported arrests', () => {
    writeFileSync(temp.path('scenario.json'), JSON.stringify(SEED_SCENARIO));
    const run = runCli(['project', workspace, '--scenario', temp.path('scenario.json'), '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as ProjectionRowJson[];
    const [all, burglary, robbery] = rows;
    expect(rows.map((r) => r.crimeType)).toEqual(['all', 'residential_burglary', 'robbery']);
    expect([all!.arrests, burglary!.arrests, robbery!.arrests]).toEqual([973, 44, 87]);
    expect([all!.arrestsPerYear, burglary!.arrestsPerYear, robbery!.arrestsPerYear]).toEqual([486.5, 22, 43.5]);
    expect(all!.offencesPerYear).toBeCloseTo(2432.5, 9);
    expect(burglary!.offencesPerYear).toBeCloseTo(255.2, 9);
    expect(robbery!.offencesPerYear).toBeCloseTo(130.5, 9);
    // After IOM: the seed prints 1548 / 162 / 83 and reductions 884 / 93 / 48 (rounded).
    expect(all!.reductionPerYear).toBeCloseTo(884, 9);
    expect(Math.round(all!.offencesPerYearAfter)).toBe(1549);
    expect(Math.round(burglary!.offencesPerYearAfter)).toBe(162);
    expect(Math.round(robbery!.offencesPerYearAfter)).toBe(83);
    expect(Math.round(burglary!.reductionPerYear)).toBe(93);
    expect(Math.round(robbery!.reductionPerYear)).toBe(47);
    expect((all!.shareOfBorough! * 100).toFixed(1)).toBe('3.8');
    expect((burglary!.shareOfBorough! * 100).toFixed(1)).toBe('3.1');
    expect((robbery!.shareOfBorough! * 100).toFixed(1)).toBe('5.4');
    expect(burglary!.costSavingPerYear).toBeCloseTo(burglary!.reductionPerYear * 5930, 6);
    expect(all!.working.arrestsPerYear).toBe('486.5 = 973 × 12 / 24');
  });

  it('prints a readable table with the working when not asked for JSON', () => {
    const run = runCli(['project', workspace, '--scenario', temp.path('scenario.json')], env);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/residential_burglary\s+44\s+22\s+11\.6\s+255\.2/);
    expect(run.stdout).toContain('22 = 44 × 12 / 24');
  });

  it('refuses an invalid scenario file with one clear line', () => {
    writeFileSync(temp.path('bad.json'), JSON.stringify({ ...SEED_SCENARIO, windowMonths: 0 }));
    const run = runCli(['project', workspace, '--scenario', temp.path('bad.json')], env);
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/windowMonths/);
  });

  it('makes a shortlist to capacity: priority groups first, exclusions with reasons, the rest ranked', () => {
    writeFileSync(temp.path('rules.json'), JSON.stringify(DEFAULT_SELECTION_RULE_SET));
    const run = runCli(['shortlist', workspace, '--rules', temp.path('rules.json'), '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as {
      ruleSet: { version: number };
      summary: { capacity: number; counts: Record<string, number> };
      selected: number[];
      results: Array<{ personId: number; status: string; reason: string; priorityGroups: string[] }>;
    };
    // 100 places less the demo's 42 current clients plus 3 expected to leave over Jan–May 2014.
    expect(out.summary.capacity).toBe(61);
    expect(out.summary.counts.included).toBe(61);
    expect(out.selected).toHaveLength(61);
    const byId = new Map(out.results.map((r) => [r.personId, r]));
    // Every DTOA person who is not excluded is included, and before anyone chosen by rank.
    const firstRanked = out.selected.findIndex((id) => byId.get(id)!.priorityGroups.length === 0);
    expect(out.selected.slice(0, firstRanked).every((id) => byId.get(id)!.reason.startsWith('included: '))).toBe(true);
    for (const r of out.results) {
      if (r.status === 'excluded') expect(r.reason).toMatch(/^excluded: (already on IOM \(started \d{4}-\d{2}-\d{2}\)|in custody|not living in borough|fewer than 3 arrests)/);
      if (r.status === 'over_capacity') expect(r.reason).toMatch(/^over capacity: ranked \d+ of \d+ by arrests$/);
    }
    expect(out.results.filter((r) => r.reason.startsWith('excluded: in custody')).length).toBeGreaterThan(0);
    const again = JSON.parse(runCli(['shortlist', workspace, '--rules', temp.path('rules.json'), '--json'], env).stdout) as { ruleSet: { version: number }; selected: number[] };
    expect(again.ruleSet.version).toBe(out.ruleSet.version + 1);
    expect(again.selected).toEqual(out.selected);
  });
});
