import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackingView } from '../../shared/tracking/trackingSchemas';
import { toCsv } from '../../shared/domain/chartCsv';
import { trackingTrend, trackingTrendCsv } from '../../shared/tracking/trackingTrend';
import { generateFollowUp } from '../support/followUpGenerator';
import { importFollowUpByCli, writeFollowUpFiles } from '../support/followUpFiles';
import { runCli } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

/**
 * `iom-cohort track --chart-csv`: the Tracking screen's indexed arrest-rate trend as CSV, from a
 * real encrypted workspace filled through the importer with a generated follow-up.
 */
describe('track --chart-csv through the CLI', () => {
  const env = { IOM_PASSPHRASE: TEST_PASSPHRASE };
  const data = generateFollowUp({ seed: 32, people: 5000, trueReduction: 0.3 });
  let temp: TempDir;
  let workspace: string;

  beforeAll(() => {
    temp = makeTempDir();
    workspace = temp.path('tracking-chart.iomdb');
    const files = writeFollowUpFiles(temp.path('.'), data, '2013-12-31');
    importFollowUpByCli(workspace, files, env, true);
  }, 120_000);
  afterAll(() => temp.remove());

  it('writes the same CSV as the screen, from the counts the tracking call returns', () => {
    const out = temp.path('trend.csv');
    const run = runCli(['track', workspace, '--bootstrap', '0', '--json', '--chart-csv', out], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^Wrote .*trend\.csv: the arrest-rate trend .* \(α = 0\.3\)/);
    const view = JSON.parse(run.stdout) as TrackingView;
    const text = readFileSync(out, 'utf8');
    expect(text).toBe(`\uFEFF${toCsv(trackingTrendCsv(trackingTrend(view.result.monthly)), 'OFFICIAL-SENSITIVE')}`);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('OFFICIAL-SENSITIVE');
    const pairs = view.result.effect!.pairs;
    expect(pairs).toBeGreaterThan(50);
    // 12 months before and 12 after, each a cohort row and a comparison row; the start month is 100.
    expect(lines.filter((l) => l.startsWith('-12,'))).toHaveLength(2);
    expect(lines.find((l) => l.startsWith('0,Cohort,'))!.split(',').slice(-2)).toEqual(['100', 'yes']);
    expect(lines.find((l) => l.startsWith('0,Comparison,'))!.split(',')[2]).toBe(String(pairs));
  }, 120_000);

  it('smooths with --alpha, and never replaces a file without --force', () => {
    const out = temp.path('trend-raw.csv');
    writeFileSync(out, 'kept');
    const refused = runCli(['track', workspace, '--bootstrap', '0', '--chart-csv', out, '--alpha', '1'], env);
    expect(refused.status).toBe(73);
    expect(refused.stderr).toMatch(/already exists; nothing was written/);
    expect(readFileSync(out, 'utf8')).toBe('kept');

    const run = runCli(['track', workspace, '--bootstrap', '0', '--chart-csv', out, '--alpha', '1', '--force'], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Wrote .*\(α = 1\)/);
    // Unsmoothed, each month's smoothed rate is its own rate.
    const rows = readFileSync(out, 'utf8').slice(1).split('\r\n').slice(2).filter((l) => l).map((l) => l.split(','));
    const onChart = rows.filter((r) => r[8] === 'yes');
    expect(onChart.length).toBeGreaterThan(24);
    for (const r of onChart) expect(r[6]).toBe(r[5]);
  }, 120_000);

  it('refuses a bad --alpha, an --alpha without --chart-csv and a file that is not .csv, before asking anything', () => {
    for (const args of [
      ['--chart-csv', temp.path('x.csv'), '--alpha', '0'],
      ['--chart-csv', temp.path('x.csv'), '--alpha', 'lots'],
      ['--alpha', '0.5'],
      ['--chart-csv', temp.path('x.xlsx')],
    ]) {
      const run = runCli(['track', workspace, ...args], {});
      expect(run.status, args.join(' ')).toBe(64);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
