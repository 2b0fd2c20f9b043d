import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { runCli } from '../support/runCli';
import { FIXTURE_REFERENCE_DATE, writeExistingCohortFixture } from '../support/existingCohortFixture';
import { DEFAULT_UNIT_COSTS } from '../../shared/analysis/costsOfCrime';

/**
 * Calibration, attribution and unit-cost defaults through the built CLI, on a small existing cohort
 * whose figures are worked by hand in test/support/existingCohortFixture.ts.
 */
describe('calibrate, attribution and project through the CLI', () => {
  let temp: TempDir;
  let workspace: string;
  const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };
  beforeAll(() => {
    temp = makeTempDir();
    workspace = temp.path('cohort.iomdb');
    const files = writeExistingCohortFixture(temp.path('.'));
    for (const run of [
      runCli(['init', workspace], env),
      runCli(['import', workspace, files.arrests, '--kind', 'arrests'], env),
      runCli(['import', workspace, files.cohort, '--kind', 'cohort'], env),
    ]) expect(run.status, run.stderr + run.stdout).toBe(0);
  });
  afterAll(() => temp.remove());

  it('prints the before and after rates, n, the fall and its interval (12 / 48 → 2 / 24: 66.67%)', () => {
    const run = runCli(['calibrate', workspace, '--reference-date', FIXTURE_REFERENCE_DATE, '--bootstrap', '0', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as {
      people: number;
      before: { arrests: number; personMonths: number; monthlyRate: number };
      after: { arrests: number; personMonths: number; monthlyRate: number };
      reduction: number;
      poisson: { reduction: { low: number; high: number } };
      source: string;
    };
    expect(out.people).toBe(4);
    expect([out.before.arrests, out.before.personMonths, out.after.arrests, out.after.personMonths]).toEqual([12, 48, 2, 24]);
    expect(out.before.monthlyRate).toBeCloseTo(0.25, 12);
    expect(out.after.monthlyRate).toBeCloseTo(1 / 12, 12);
    expect(out.reduction).toBeCloseTo(2 / 3, 12);
    // By hand: SE = √(1/2 + 1/12) = 0.763763; 1.959964 × 0.763763 = 1.496949; RR bounds
    // (1/3) × exp(∓1.496949) = 0.074604 … 1.489343, so the fall is −48.93% to 92.54%.
    expect(out.poisson.reduction.low).toBeCloseTo(1 - 1.489343, 4);
    expect(out.poisson.reduction.high).toBeCloseTo(1 - 0.074604, 4);
    expect(out.source).toContain('Calibrated from the existing cohort: 4 people');
    expect(out.source).toContain('a fall of 66.67%');
    expect(run.stdout).not.toMatch(/Ashdown|Brooke|1990\//);

    const text = runCli(['calibrate', workspace, '--reference-date', FIXTURE_REFERENCE_DATE, '--bootstrap', '200'], env);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('0.25 = 12 arrests / 48 person-months in the 12 months before joining');
    expect(text.stdout).toMatch(/95% interval \(bootstrap\)/);
    expect(text.stdout).toMatch(/Suggested reduction rate: 66\.67%/);
  });

  it('refuses a malformed date before asking for the passphrase', () => {
    const run = runCli(['calibrate', workspace, '--reference-date', '31/10/2013'], {});
    expect(run.status).toBe(64);
    expect(run.stderr).toMatch(/YYYY-MM-DD/);
  });

  it("works the seed's attribution: (2.5 − 1.6) × 11.6 = 10.44 a month, 62.64 over six months, 18.64% of 336", () => {
    const run = runCli(['attribution', '--json'], {});
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { fewerOffencesPerMonth: number; fewerOffencesOverPeriod: number; shareOfAreaFall: number; inputsFromSeed: string[] };
    expect(out.fewerOffencesPerMonth).toBeCloseTo(10.44, 12);
    expect(out.fewerOffencesOverPeriod).toBeCloseTo(62.64, 12);
    expect(out.shareOfAreaFall).toBeCloseTo(62.64 / 336, 12);
    expect(out.inputsFromSeed).toHaveLength(5);
    const text = runCli(['attribution', '--before', '3', '--after', '1', '--ratio', '2', '--months', '12', '--area-fall', '100'], {});
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('4 = (3 − 1) × 2');
    expect(text.stdout).toContain('48 = 4 × 12');
    expect(text.stdout).toContain('48% = 48 / 100');
    expect(text.stdout).not.toContain('Inputs from the seed');
  });

  it("costs a scenario without unit costs at the workspace's defaults, and says so", () => {
    writeFileSync(
      temp.path('no-costs.json'),
      JSON.stringify({
        name: 'No costs given',
        referenceDate: FIXTURE_REFERENCE_DATE,
        windowMonths: 24,
        reductionRate: 0.36,
        crimeTypes: [
          { id: 'residential_burglary', label: 'Residential burglary', allegationsPerArrest: 11.6 },
          { id: 'robbery', label: 'Robbery', allegationsPerArrest: 3, unitCost: null },
        ],
      }),
    );
    const burglaryCost = DEFAULT_UNIT_COSTS.find((c) => c.crimeType === 'residential_burglary')!.unitCost!;
    const json = runCli(['project', workspace, '--scenario', temp.path('no-costs.json'), '--population', 'all', '--json'], env);
    expect(json.status, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as Array<{ crimeType: string; arrests: number; reductionPerYear: number; unitCost: number | null; unitCostFrom: string | null; costSavingPerYear: number | null; reductionRateUsed: string }>;
    const [burglary, robbery] = rows;
    expect(burglary).toMatchObject({ arrests: 7, unitCost: burglaryCost, unitCostFrom: 'workspace' });
    // 7 × 12 / 24 = 3.5 a year × 11.6 = 40.6 offences × 0.36 = 14.616 fewer.
    expect(burglary!.reductionPerYear).toBeCloseTo(14.616, 9);
    expect(burglary!.costSavingPerYear).toBeCloseTo(14.616 * burglaryCost, 6);
    // An explicit null stays "no cost".
    expect(robbery).toMatchObject({ arrests: 4, unitCost: null, unitCostFrom: null, costSavingPerYear: null });
    expect(burglary!.reductionRateUsed).toBe('36%: entered by the analyst (no source given)');
    const text = runCli(['project', workspace, '--scenario', temp.path('no-costs.json'), '--population', 'all'], env);
    expect(text.stdout).toMatch(/Unit costs not in the scenario, so the workspace's defaults \(Settings › Unit costs\) were used: residential_burglary £/);
  });

  it('counts only the arrests in the borough when the scenario asks, naming those elsewhere', () => {
    writeFileSync(
      temp.path('barnet.json'),
      JSON.stringify({
        name: 'Barnet only',
        referenceDate: FIXTURE_REFERENCE_DATE,
        windowMonths: 24,
        reductionRate: 0.36,
        boroughCounting: { borough: 'Barnet' },
        crimeTypes: [
          { id: 'all', label: 'All crime', allegationsPerArrest: 5 },
          { id: 'residential_burglary', label: 'Residential burglary', allegationsPerArrest: 11.6, unitCost: null },
          { id: 'robbery', label: 'Robbery', allegationsPerArrest: 3, unitCost: null },
        ],
      }),
    );
    const run = runCli(['project', workspace, '--scenario', temp.path('barnet.json'), '--population', 'all', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<{ crimeType: string; arrests: number; outOfBoroughArrests: number; boroughNotRecordedArrests?: number; arrestsPerYear: number }>;
    // 14 arrests in the window, 4 in Enfield: 10 counted (5 burglary, 3 robbery); 2, 1 left out.
    expect(rows.map((r) => [r.crimeType, r.arrests, r.outOfBoroughArrests])).toEqual([
      ['all', 10, 4],
      ['residential_burglary', 5, 2],
      ['robbery', 3, 1],
    ]);
    expect(rows[0]!.boroughNotRecordedArrests).toBe(0);
    expect(rows[0]!.arrestsPerYear).toBe(5);
    const text = runCli(['project', workspace, '--scenario', temp.path('barnet.json'), '--population', 'all'], env);
    expect(text.stdout).toContain('Borough counting: 10 of 14 arrests in the window were in Barnet; 4 elsewhere and 0 with no borough recorded are not counted (elsewhere: Enfield 4)');
  });
});
