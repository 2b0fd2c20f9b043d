import { describe, expect, it } from 'vitest';
import { projectFromCounts } from '../../shared/analysis/projection';
import { concentrationFromCounts } from '../../shared/analysis/concentration';
import { compareCompositions } from '../../shared/analysis/equalities';
import type { AnalysisPerson } from '../../shared/domain/analysisModel';
import type { CohortReportData } from '../../shared/report/cohortReportData';
import { renderCohortReport, reportCss } from '../../shared/report/cohortReportHtml';
import { REPORT_CAVEATS } from '../../shared/report/reportCaveats';
import { cssString, escapeHtml, formatMoney, formatNumber, formatPercent } from '../../shared/report/reportFormat';
import { groupedShareBarsSvg, lorenzCurveSvg, projectionRangesSvg, shareBarsSvg } from '../../shared/report/svgCharts';
import { analysisPerson } from '../support/analysisPeople';
import { SEED_RANGE_SCENARIO } from '../support/seedScenarios';

const SCENARIO = SEED_RANGE_SCENARIO;

function person(id: number, gender: 'M' | 'F', dob: string): AnalysisPerson {
  return analysisPerson(id, { surname: `Surname${id}`, forenames: `Forename${id}`, dob, gender, borough: 'Barnet', livesInBorough: true });
}

function reportData(overrides: Partial<CohortReportData> = {}): CohortReportData {
  const projection = projectFromCounts(SCENARIO, { all: 973, byType: { residential_burglary: 44, robbery: 87 }, arrestedPeople: 170, people: 170 });
  const counts = Array.from({ length: 300 }, (_, i) => (i < 10 ? 15 : i < 100 ? 6 : 1));
  const concentration = concentrationFromCounts(counts, counts.map((_, i) => i + 1), { allegationsPerArrest: 5, boroughOffences: 46600 });
  const longList = Array.from({ length: 20 }, (_, i) => person(i + 1, i % 4 === 0 ? 'F' : 'M', `19${80 + (i % 15)}-0${1 + (i % 9)}-15`));
  return {
    title: 'IOM cohort report',
    marking: 'OFFICIAL-SENSITIVE',
    workspaceName: 'Barnet 2013',
    generatedAt: '2026-11-23T10:00:00.000Z',
    generatedBy: 'analyst',
    scenario: {
      name: SCENARIO.name,
      notes: null,
      crimeTypes: SCENARIO.crimeTypes.map((c) => ({
        crimeType: c.id,
        label: c.label,
        allegationsPerArrest: { low: c.allegationsPerArrest as number, central: c.allegationsPerArrest as number, high: c.allegationsPerArrest as number },
        boroughOffencesPerYear: c.boroughOffencesPerYear ?? null,
        unitCost: c.unitCost ?? null,
        unitCostSource: c.unitCost ? 'Home Office (2018), Table 1' : null,
      })),
    },
    cohort: {
      source: 'shortlist',
      description: 'Proposed shortlist, not yet decided by a panel',
      people: 170,
      panel: null,
      shortlist: { included: 170, capacity: 180 },
      statutory: { statutory: 90, nonStatutory: 70, notRecorded: 10 },
      priorityGroups: [{ label: 'DTOA (drug test on arrest)', count: 6 }],
      custody: { inCustody: 0, notInCustody: 160, unknown: 10 },
    },
    counts: { workspacePeople: 300, workspaceArrests: 1400, longList: 170, longListIsEveryone: false },
    projection,
    concentration: {
      population: 'everyone in the workspace arrested in the window',
      arrestedPeople: concentration.arrestedPeople,
      totalArrests: concentration.totalArrests,
      allegationsPerArrest: 5,
      boroughOffences: 46600,
      boroughOffencesWorking: '46600 = 23300 × 24 / 12',
      rows: concentration.rows.map(({ personIds, ...row }) => ({ ...row, inCohort: Math.min(personIds.length, 50) })),
      lorenz: concentration.lorenz,
      gini: concentration.gini,
      giniWorking: concentration.giniWorking,
    },
    composition: compareCompositions([{ name: 'Long list', people: longList }, { name: 'Shortlist', people: longList.slice(0, 12) }], '2013-10-31'),
    dataNotes: ['Custody status has not been checked (PINS) for 10 of the 170 people in the cohort.'],
    ...overrides,
  };
}

describe('report number formats', () => {
  it('prints figures as the seed report does', () => {
    expect(formatNumber(2432.5)).toBe('2,432.5');
    expect(formatNumber(92.74277492)).toBe('92.74');
    expect(formatNumber(-0.0001)).toBe('0');
    expect(formatPercent(884 / 23300)).toBe('3.8%');
    expect(formatMoney(549964.6553)).toBe('£549,965');
  });

  it('escapes text for HTML and for CSS strings inside <style>', () => {
    expect(escapeHtml('<b>"O\'Brien" & co</b>')).toBe('&lt;b&gt;&quot;O&#39;Brien&quot; &amp; co&lt;/b&gt;');
    const css = cssString('A"B\\C</style><script>');
    expect(css).not.toContain('</style>');
    expect(css.slice(1, -1)).not.toMatch(/(^|[^\\])"/);
  });
});

describe('renderCohortReport', () => {
  const report = renderCohortReport(reportData());

  it('is one self-contained document: inline CSS, no scripts, nothing fetched, no style attributes', () => {
    expect(report.html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(report.html).toContain('<html lang="en-GB">');
    expect(report.html).toContain(`<style>\n${report.css}\n</style>`);
    expect(report.html).not.toMatch(/<script|<link|<img|<iframe|<object|\ssrc=|\shref=|url\(|@import|javascript:/i);
    // The app's CSP refuses style attributes, and the preview must show what is printed.
    expect(report.html).not.toMatch(/\sstyle=/i);
    expect(report.previewHtml).not.toContain('<style');
    expect(report.previewHtml.replace(/<title>.*<\/title>/, '')).toBe(report.html.replace(`<style>\n${report.css}\n</style>\n`, '').replace(/<title>.*<\/title>/, ''));
    expect(report.title).toBe('OFFICIAL-SENSITIVE – IOM cohort report – 2026-11-23');
  });

  it('carries its own CSP: no script, nothing fetched, inline styles only (issue 17.8)', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(report.html)?.[1];
    expect(csp).toBeDefined();
    const directives = new Map(csp!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('style-src')).toBe("'unsafe-inline'");
    expect(directives.has('script-src')).toBe(false); // falls back to default-src 'none'
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    // The CSP comes first in <head>, before anything it governs.
    expect(report.html.indexOf('Content-Security-Policy')).toBeLessThan(report.html.indexOf('<title>'));
    expect(report.previewHtml).toContain('Content-Security-Policy');
  });

  it('prints the protective marking at the top and bottom of every A4 page, and on the cover', () => {
    expect(report.css).toMatch(/@page \{\s*size: A4;/);
    expect(report.css).toContain('@top-center { content: "OFFICIAL-SENSITIVE"');
    expect(report.css).toContain('@bottom-center { content: "OFFICIAL-SENSITIVE"');
    expect(report.css).toContain('counter(page) " of " counter(pages)');
    expect(report.html).toContain('<div class="cover-marking">OFFICIAL-SENSITIVE</div>');
    // The cover is a page of its own; headings, figures and table rows are never split.
    expect(report.css).toMatch(/@media print \{[^@]*\.cover \{ break-after: page; \}/);
    expect(report.css).toMatch(/h2 \{[^}]*break-after: avoid;/);
    expect(report.css).toMatch(/figure \{[^}]*break-inside: avoid;/);
    expect(report.css).toMatch(/tr \{ break-inside: avoid; \}/);
    expect(report.html.match(/<section class="chapter"/g)).toHaveLength(5);
    const other = reportCss('RESTRICTED');
    expect(other).toContain('@top-center { content: "RESTRICTED"');
    expect(other).not.toContain('OFFICIAL');
  });

  it('shows every figure with its working, ranges and the cost saved', () => {
    expect(report.html).toContain('486.5 = 973 × 12 / 24');
    expect(report.html).toContain('2,432.5 = 486.5 × 5');
    expect(report.html).toContain('255.2 = 22 × 11.6');
    expect(report.html).toContain('130.5 = 43.5 × 3');
    expect(report.html).toContain('875.7 = 2,432.5 × 36%');
    // Low–high from the 30%–43% rates: 729.75 and 1045.975 fewer offences a year, to two decimals.
    expect(report.html).toContain('729.75 = 2,432.5 × 30%');
    expect(report.html).toContain('1,045.98 = 2,432.5 × 43%');
    expect(report.html).toContain('£544,801 = 91.87 × £5,930');
    // No unrounded rate or share is left in the projection's working.
    const blocks = report.html.match(/<div class="working-block">.*?<\/div>/g) ?? [];
    expect(blocks.length).toBeGreaterThan(2);
    for (const block of blocks) expect(block).not.toMatch(/\d\.\d{3,}/);
    expect(report.html).toContain('<span class="range">729.75–1,045.98</span>');
    expect(report.html).toContain('£1,076,615'); // 91.872 × £5,930 + 46.98 × £11,320: the costed types, without "all"
    expect(report.html).toContain('Gini ');
    expect(report.html).toContain('46600 = 23300 × 24 / 12');
  });

  it('prints every caveat of the seed, and the data notes', () => {
    for (const caveat of REPORT_CAVEATS) {
      expect(report.html).toContain(`data-caveat="${caveat.id}"`);
      expect(report.html).toContain(escapeHtml(caveat.text));
    }
    expect(report.html).toContain('arrests, which are not equivalent to convictions');
    expect(report.html).toContain('police CRIS system');
    expect(report.html).toContain('may since have moved');
    expect(report.html).toContain('Custody status has not been checked (PINS)');
  });

  it('carries no personal data even when the data it is given does', () => {
    const leaky = { ...reportData(), people: [{ surname: 'Quartermaine', forenames: 'Zebedee', pnc: '13/1234567X', dob: '1990-02-03' }] } as CohortReportData;
    const html = renderCohortReport(leaky).html;
    for (const text of ['Quartermaine', 'Zebedee', '13/1234567X', '1990-02-03', '03/02/1990', 'Surname1', 'Forename1']) expect(html).not.toContain(text);
    // The composition's people had names and dates of birth; only their counts are printed.
    expect(html).toContain('Long list (20)');
  });

  it('escapes everything that came from the workspace', () => {
    const html = renderCohortReport(reportData({ workspaceName: '<img src=x onerror=alert(1)>', marking: 'OFFICIAL </style><script>' })).html;
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('</style><script>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('says so when the cohort is empty or nobody was arrested', () => {
    const empty = reportData({
      cohort: { ...reportData().cohort, people: 0 },
      concentration: null,
      projection: projectFromCounts(SCENARIO, { all: 0, byType: {}, arrestedPeople: 0, people: 0 }),
    });
    const html = renderCohortReport(empty).html;
    expect(html).toContain('The cohort is empty, so there is nothing to project yet.');
    expect(html).toContain('No one in the workspace was arrested in the counting window');
  });
});

describe('SVG charts', () => {
  const label = { id: 'c1', title: 'A chart', description: 'What it shows' };

  it('are accessible images with a title and description, drawn with attributes only', () => {
    const charts = [
      lorenzCurveSvg([{ peopleShare: 0, arrestShare: 0 }, { peopleShare: 0.5, arrestShare: 0.8 }, { peopleShare: 1, arrestShare: 1 }], [{ label: 'Top 10', peopleShare: 0.1, arrestShare: 0.3 }], label),
      shareBarsSvg([{ label: 'Top 10', share: 0.128, detail: '153 arrests' }], label),
      groupedShareBarsSvg(['Male', 'Female'], [{ name: 'Long list', shares: [0.8, 0.2], counts: [8, 2] }], label),
      projectionRangesSvg([{ label: 'All crime', now: 2432.5, after: 1556.8, afterLow: 1386.5, afterHigh: 1702.75 }], label),
    ];
    for (const chart of charts) {
      expect(chart).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="chart" viewBox="0 0 \d+ \d+"/);
      expect(chart).toContain('role="img" aria-labelledby="c1-title c1-desc"');
      expect(chart).toContain('<title id="c1-title">A chart</title><desc id="c1-desc">What it shows</desc>');
      expect(chart).not.toMatch(/\sstyle=|<style|<script|href/);
      expect(chart).not.toMatch(/NaN|Infinity|undefined/);
    }
    expect(charts[1]).toContain('12.8% · 153 arrests');
    expect(charts[3]).toContain('after 1,556.8 (1,386.5–1,702.75)');
  });

  it('scale bars to their share and a Lorenz curve to the unit square', () => {
    const bars = shareBarsSvg([{ label: 'Top 10', share: 0.5, detail: 'x' }, { label: 'Top 20', share: 1, detail: 'y' }], label);
    const widths = [...bars.matchAll(/<rect x="62" y="[\d.]+" width="([\d.]+)" height="16" fill="#1f4e79"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([75, 150]);
    const lorenz = lorenzCurveSvg([{ peopleShare: 0, arrestShare: 0 }, { peopleShare: 1, arrestShare: 1 }], [], label);
    expect(lorenz).toContain('<polyline points="46,222 246,12"');
  });

  it('keep close labels apart and never draw outside the view box', () => {
    const marks = [10, 20, 100, 200].map((n, i) => ({ label: `Top ${n}`, peopleShare: 0.001 * (i + 1), arrestShare: 0.1 + i * 0.005 }));
    const svg = lorenzCurveSvg([{ peopleShare: 0, arrestShare: 0 }, { peopleShare: 1, arrestShare: 1 }], marks, label);
    const ys = [...svg.matchAll(/<text x="255" y="([\d.]+)" font-size="10">Top/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    expect(ys).toHaveLength(4);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(12.9);
    const long = groupedShareBarsSvg(['Other / not stated as male or female'], [{ name: 'Long list', shares: [1], counts: [3] }], label);
    const x = Number(/<text x="([\d.]+)" y="[\d.]+" text-anchor="end">Other/.exec(long)![1]);
    expect(x - 'Other / not stated as male or female'.length * 5.7).toBeGreaterThanOrEqual(0);
  });

  it('show a message instead of an empty plot', () => {
    expect(lorenzCurveSvg([], [], label)).toContain('No arrests in the window');
    expect(projectionRangesSvg([], label)).toContain('No crime types in the scenario');
  });
});
