import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO } from '../../shared/analysis/projection';
import type { TrackingView } from '../../shared/tracking/trackingSchemas';
import { closeWorkspace, openWorkspaceFile } from '../../electron/workspace/workspaceFile';
import { generateFollowUp, trackGeneratedFollowUp } from '../support/followUpGenerator';
import { importFollowUpByCli, writeFollowUpFiles, type FollowUpFiles } from '../support/followUpFiles';
import { runCli } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

/**
 * `iom-cohort track` on a real encrypted workspace filled through the importer: a generated
 * follow-up (known effect 30%, regression to the mean built in) as a candidate list, the existing
 * cohort's start dates, an arrests extract to the end of 2013 and a later extract imported after it.
 */
describe('track through the CLI', () => {
  const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };
  const data = generateFollowUp({ seed: 31, people: 9000, trueReduction: 0.3 });
  let temp: TempDir;
  let workspace: string;
  let files: FollowUpFiles;
  const track = (...args: string[]): TrackingView => {
    const run = runCli(['track', workspace, '--json', ...args], env);
    expect(run.status, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as TrackingView;
  };

  beforeAll(() => {
    temp = makeTempDir();
    workspace = temp.path('tracking.iomdb');
    files = writeFollowUpFiles(temp.path('.'), data, '2013-12-31');
    importFollowUpByCli(workspace, files, env);
  }, 120_000);
  afterAll(() => temp.remove());

  it('before any follow-up is imported, follows no one and says why', () => {
    const view = track('--bootstrap', '0');
    expect(view.cohort.source).toBe('existing');
    expect(view.dataTo <= '2013-12-31').toBe(true);
    expect(view.result.people).toHaveLength(0);
    expect(view.result.leftOut).toHaveLength(data.members.length);
    expect(view.result.leftOut[0]!.reason).toMatch(/starts after the data ends/);
    expect(view.result.effect).toBeNull();
    expect(view.result.statement[0]).toMatch(/No one in the cohort can be followed yet/);
  });

  it('after the later extract goes through the same importer and linking, gives the before/after figures, the projection and the effect', () => {
    const imported = runCli(['import', workspace, files.arrestsLater, '--kind', 'arrests', '--json'], env);
    expect(imported.status, imported.stderr).toBe(0);
    const view = track('--bootstrap', '400');
    expect(view.dataTo).toBe(data.dataTo);
    expect(view.dataToSource).toBe('latestArrest');
    const r = view.result;
    expect(r.people).toHaveLength(data.members.length);

    // The same counts as the domain computes from the generated data itself.
    const pure = trackGeneratedFollowUp(data, { scenario: DEFAULT_SCENARIO });
    for (const crimeType of ['all', 'residential_burglary', 'robbery'] as const) {
      const cli = r.byCrimeType.find((c) => c.crimeType === crimeType)!.cohort;
      const expected = pure.byCrimeType.find((c) => c.crimeType === crimeType)!.cohort;
      expect([cli.beforeArrests, cli.afterArrests, cli.beforePersonMonths], crimeType).toEqual([expected.beforeArrests, expected.afterArrests, expected.beforePersonMonths]);
      expect(cli.afterPersonMonths).toBeCloseTo(expected.afterPersonMonths, 9);
    }
    expect(r.byGroup.map((g) => g.cohort.people)).toEqual(pure.byGroup.map((g) => g.cohort.people));
    expect(r.projectedVsActual.map((p) => p.crimeType)).toEqual(['all', 'residential_burglary', 'robbery']);
    expect(r.projectedVsActual[0]!.working).toMatch(/^projected .* actual /);

    // Matched in the workspace exactly as in the domain (the interval's coverage of the known effect
    // is test/unit/outcomeTracking.test.ts's; this smaller sample's own effect is what it is).
    const effect = r.effect!;
    expect(r.matching.candidates).toBe(data.candidates.length);
    expect(r.matching.balance).toEqual(pure.matching.balance);
    expect(effect.reduction!).toBeCloseTo(pure.effect!.reduction!, 12);
    expect(effect.naiveReduction!).toBeCloseTo(pure.effect!.naiveReduction!, 12);
    expect(effect.naiveReduction!).toBeGreaterThan(effect.reduction!);
    expect(effect.bootstrap!.reduction!.low).toBeLessThan(effect.reduction!);
    expect(effect.bootstrap!.reduction!.high).toBeGreaterThan(effect.reduction!);
    // Names never reach the machine output.
    expect(JSON.stringify(view)).not.toMatch(/Followup\d/);
  }, 120_000);

  it('records an exit (audited without its reason), shows it, and takes it back', () => {
    const before = track('--bootstrap', '0');
    const personId = before.result.people[0]!.personId;
    const exit = runCli(['track', workspace, 'exit', String(personId), '2014-09-30', '--reason', 'Moved out of the borough'], env);
    expect(exit.status, exit.stderr).toBe(0);
    const after = track('--bootstrap', '0');
    expect(after.result.exits).toBe(1);
    expect(after.result.people.find((p) => p.personId === personId)!.exit).toEqual({ date: '2014-09-30', reason: 'Moved out of the borough' });
    // Intention to treat: the leaver is still followed, so the figures do not move.
    expect(after.result.byCrimeType[0]!.cohort).toEqual(before.result.byCrimeType[0]!.cohort);

    const early = runCli(['track', workspace, 'start', String(personId), '2014-10-01'], env);
    expect(early.status).not.toBe(0);
    expect(early.stderr).toMatch(/exit date 2014-09-30 is before the start date 2014-10-01/);
    const noReason = runCli(['track', workspace, 'exit', String(personId), '2014-09-30'], env);
    expect(noReason.status).toBe(64);
    expect(noReason.stderr).toContain('"Moved out of the borough"');
    // The same contract as the Tracking screen's call: a reason longer than it allows is refused before anything is written.
    const tooLong = runCli(['track', workspace, 'exit', String(personId), '2014-09-30', '--reason', 'x'.repeat(501)], env);
    expect(tooLong.status).toBe(64);
    expect(tooLong.stderr).toMatch(/reason/);

    const ws = openWorkspaceFile(workspace, TEST_PASSPHRASE);
    try {
      const entries = ws.db.prepare("SELECT action, entity_id AS entityId, detail FROM audit_log WHERE action LIKE 'tracking.%'").all() as Array<{ action: string; entityId: string; detail: string }>;
      expect(entries.map((e) => e.action)).toEqual(['tracking.recordExit']);
      expect(entries[0]!.entityId).toBe(String(personId));
      expect(entries[0]!.detail).not.toMatch(/borough/i);
    } finally {
      closeWorkspace(ws);
    }
    expect(runCli(['track', workspace, 'clear-exit', String(personId)], env).status).toBe(0);
    expect(track('--bootstrap', '0').result.exits).toBe(0);
  }, 120_000);

  it('prints the tables, the effect and what the figures cannot show as text', () => {
    const run = runCli(['track', workspace, '--bootstrap', '200'], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/By crime type/);
    expect(run.stdout).toMatch(/Projected vs actual offences a year since joining/);
    expect(run.stdout).toMatch(/Difference in differences: -?\d/);
    expect(run.stdout).toMatch(/regression to the mean/);
    expect(run.stdout).toMatch(/Arrests are not convictions/);
  }, 120_000);

  it('refuses bad options with one line and exit 64', () => {
    const run = runCli(['track', workspace, '--before', '99'], env);
    expect(run.status).toBe(64);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
