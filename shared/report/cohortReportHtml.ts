import type { CompositionRow, EqualityDimension } from '../analysis/equalities';
import type { FigureRange, ProjectionResult, ProjectionRow } from '../analysis/projection';
import type { CohortReportData } from './cohortReportData';
import { REPORT_CAVEATS } from './reportCaveats';
import { headlineFigures, rangeText } from './reportHeadline';
import { cssString, escapeHtml, formatCount, formatLongDate, formatMoney, formatNumber, formatPercent, formatRange } from './reportFormat';
import { CHART_FONT, groupedShareBarsSvg, lorenzCurveSvg, projectionRangesSvg, shareBarsSvg } from './svgCharts';
import { SUPPRESSED_COUNT, suppressedCompositionCells } from './smallCounts';

/**
 * The cohort report as one self-contained HTML document: inline CSS (A4 pages, the protective
 * marking at the top and bottom of every printed page through the page margin boxes, page
 * numbers), inline SVG charts, no scripts, no external resources. Electron's printToPDF, the CLI's
 * headless Chromium and Playwright's page.pdf() all print this same document.
 *
 * Rules the markup keeps, so the app's preview (a sandboxed frame under the app's CSP, which
 * refuses inline styles) shows it as printed: styles come only from the one stylesheet (`css`,
 * which the preview applies itself), never from style attributes.
 */

export interface RenderedReport {
  /** The complete document, for printing or saving. */
  html: string;
  /** The same document without its <style> element; the preview applies `css` to it. */
  previewHtml: string;
  css: string;
  title: string;
}

const h = escapeHtml;

const DIMENSION_LABELS: Record<EqualityDimension, string> = { gender: 'Gender', ageBand: 'Age band', ethnicity: 'Ethnicity' };

export function reportCss(marking: string): string {
  const mark = cssString(marking);
  const font = CHART_FONT;
  return `
@page {
  size: A4;
  margin: 19mm 15mm 17mm 15mm;
  @top-center { content: ${mark}; font: 700 9.5pt ${font}; letter-spacing: 0.08em; color: #000; }
  @bottom-center { content: ${mark}; font: 700 9.5pt ${font}; letter-spacing: 0.08em; color: #000; }
  @bottom-left { content: "IOM cohort report"; font: 8pt ${font}; color: #444; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt ${font}; color: #444; }
}
* { box-sizing: border-box; }
html { background: #e6eaf0; }
body { margin: 0; font-family: ${font}; font-size: 10pt; line-height: 1.42; color: #1f2933; }
.report { max-width: 200mm; margin: 6mm auto; padding: 10mm 13mm; background: #fff; box-shadow: 0 1px 4px rgba(0, 0, 0, 0.18); }
.screen-marking { margin: 0 0 6mm; padding: 1.5mm; text-align: center; font-weight: 700; letter-spacing: 0.08em; border: 1pt solid #000; }
.screen-marking.end { margin: 8mm 0 0; }
.cover-marking { display: inline-block; padding: 1.2mm 3mm; border: 1.5pt solid #000; font-weight: 700; letter-spacing: 0.08em; margin-bottom: 10mm; }
h1 { font-size: 24pt; line-height: 1.15; color: #1f4e79; margin: 0 0 3mm; }
.subtitle { font-size: 12pt; color: #3e4c59; margin: 0 0 8mm; }
h2 { font-size: 15pt; color: #1f4e79; margin: 0 0 4mm; padding-bottom: 1.2mm; border-bottom: 1.5pt solid #1f4e79; break-after: avoid; }
h3 { font-size: 11pt; color: #1f2933; margin: 5mm 0 2mm; break-after: avoid; }
h2 + p, h3 + p { break-before: avoid; }
p { margin: 0 0 2.5mm; }
.chapter { margin-top: 12mm; padding-top: 8mm; border-top: 1pt dashed #8a9bb0; }
.lead { font-size: 11pt; }
.muted, figcaption, .table-note { color: #4a5563; }
table { width: 100%; border-collapse: collapse; font-size: 9pt; margin: 1.5mm 0 4mm; }
th, td { padding: 1.1mm 1.5mm; border-bottom: 0.5pt solid #c8d0da; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; border-bottom: 1pt solid #8a9bb0; font-weight: 600; }
tbody th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr { break-inside: avoid; }
.range { display: block; font-size: 7.5pt; color: #4a5563; white-space: nowrap; }
.meta th { width: 34%; background: none; font-weight: 600; color: #3e4c59; }
.meta td, .meta th { border-bottom: 0.5pt solid #dfe4ea; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin: 5mm 0 5mm; }
.figure { border: 0.75pt solid #c8d0da; border-left: 3pt solid #1f4e79; background: #f5f8fc; padding: 2.4mm 3mm; break-inside: avoid; }
.figure .value { display: block; font-size: 17pt; font-weight: 700; line-height: 1.2; color: #1f2933; }
.figure .label { display: block; font-size: 8.5pt; color: #3e4c59; }
.figure .range { font-size: 8pt; }
.handling { border: 1pt solid #1f2933; padding: 2.5mm 3.5mm; margin: 5mm 0; font-size: 9pt; break-inside: avoid; }
.contents { margin: 0; padding-left: 5mm; }
.working-block { break-inside: avoid; margin: 0 0 2.5mm; }
.working-block h4 { font-size: 9.5pt; margin: 0 0 0.5mm; }
.working { font-family: Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace; font-size: 8pt; color: #1f2933; }
.working-table td, .working-table th { padding: 0.35mm 1.5mm; font-size: 8pt; }
.working-table th { width: 30%; font-weight: 600; color: #3e4c59; }
figure { margin: 2mm 0 4mm; break-inside: avoid; }
figcaption { font-size: 8.5pt; margin-top: 1mm; }
.chart { display: block; width: 100%; height: auto; }
.charts-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; }
.note { border-left: 3pt solid #b45309; background: #fff7ed; padding: 2mm 3mm; margin: 3mm 0; break-inside: avoid; }
.caveats { padding-left: 5mm; }
.caveats li { margin-bottom: 2.2mm; break-inside: avoid; }
.end-note { margin-top: 8mm; font-size: 8.5pt; color: #4a5563; }
@media print {
  html { background: none; }
  /* A hair inside the page box: a border drawn on its very edge is clipped in the PDF. */
  .report { max-width: none; margin: 0; padding: 0 0.6mm; box-shadow: none; }
  .screen-marking { display: none; }
  /* The cover is a page of its own; the chapters then flow, kept from splitting their headings,
     figures and table rows, so a short chapter does not leave most of a page blank. */
  .cover { break-after: page; }
  .chapter { margin-top: 9mm; padding-top: 0; border-top: none; }
}
`.trim();
}

// ---------------------------------------------------------------------------------------------


function cellWithRange(value: string, range: string): string {
  return `<td class="num">${h(value)}${range ? `<span class="range">${h(range)}</span>` : ''}</td>`;
}

function metaTable(rows: ReadonlyArray<[string, string]>): string {
  return `<table class="meta"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${h(k)}</th><td>${h(v)}</td></tr>`).join('')}</tbody></table>`;
}

function headlineRow(data: CohortReportData): ProjectionRow | null {
  return data.projection.rows.find((r) => r.crimeType === 'all') ?? data.projection.rows[0] ?? null;
}

function percentRange(rate: { low: number; central: number; high: number }): string {
  return rate.low === rate.high ? formatPercent(rate.central) : `${formatPercent(rate.central)} (range ${formatRange(rate.low, rate.high, (v) => formatPercent(v))})`;
}

function generatedDate(iso: string): string {
  return formatLongDate(iso.slice(0, 10));
}

// ---------------------------------------------------------------------------------------------
// Cover
// ---------------------------------------------------------------------------------------------

function keyFigures(data: CohortReportData): string {
  const row = headlineRow(data);
  const tiles: Array<{ value: string; label: string; range?: string }> = [
    { value: formatCount(data.cohort.people), label: 'people in the cohort' },
  ];
  if (row) {
    tiles.push({ value: formatCount(row.arrests), label: `arrests in the window (${row.label.toLowerCase()})` });
    tiles.push({ value: formatNumber(row.offencesPerYear, 1), label: 'estimated offences a year now', range: rangeText(row.ranges.offencesPerYear, (v) => formatNumber(v, 1)) });
    tiles.push({ value: formatNumber(row.reductionPerYear, 1), label: 'estimated fewer offences a year', range: rangeText(row.ranges.reductionPerYear, (v) => formatNumber(v, 1)) });
    if (row.shareOfBorough !== null) {
      tiles.push({ value: formatPercent(row.shareOfBorough), label: `of the borough’s ${row.crimeType === 'all' ? 'crime' : row.label.toLowerCase()} a year`, range: rangeText(row.ranges.shareOfBorough, (v) => formatPercent(v)) });
    }
  }
  const cost = data.projection.totalCostSavingPerYear;
  const figures = row ? headlineFigures(row, cost) : null;
  if (figures?.cost) tiles.push({ value: figures.cost, label: 'cost of crime avoided a year', range: figures.costRange });
  return `<div class="figures">${tiles
    .map((t) => `<div class="figure"><span class="value">${h(t.value)}</span><span class="label">${h(t.label)}</span>${t.range ? `<span class="range">range ${h(t.range)}</span>` : ''}</div>`)
    .join('')}</div>`;
}

function headline(data: CohortReportData): string {
  const row = headlineRow(data);
  if (!row || data.cohort.people === 0) return '<p class="lead">The cohort is empty, so there is nothing to project yet.</p>';
  const rate = data.projection.reductionRate;
  const figures = headlineFigures(row, data.projection.totalCostSavingPerYear);
  const reductionRange = row.ranges.reductionPerYear ? ` (range ${figures.reductionRange})` : '';
  const share = figures.share === null ? '' : `, about ${figures.share} of the borough’s ${row.crimeType === 'all' ? 'recorded crime' : row.label.toLowerCase()} a year`;
  return (
    `<p class="lead">If the ${formatCount(data.cohort.people)} people in this cohort reduced their offending as the initial IOM cohort did ` +
    `(a fall of ${h(rate.low === rate.high ? formatPercent(rate.central) : `${formatPercent(rate.central)}; range ${formatRange(rate.low, rate.high, (v) => formatPercent(v))}`)}), they would commit an estimated ${h(figures.reduction)} fewer ${row.crimeType === 'all' ? 'offences' : h(row.label.toLowerCase()) + ' offences'} a year${h(reductionRange)}${h(share)}.</p>`
  );
}

function cover(data: CohortReportData): string {
  const p = data.projection;
  return `<section class="cover" aria-labelledby="report-title">
<div class="cover-marking">${h(data.marking)}</div>
<h1 id="report-title">${h(data.title)}</h1>
<p class="subtitle">Projected crime reduction, concentration of offending and equality composition: aggregate figures for the multi-agency panel.</p>
${metaTable([
  ['Workspace', data.workspaceName],
  ['Cohort', `${data.cohort.description} — ${formatCount(data.cohort.people)} people`],
  ['Scenario', data.scenario.name],
  ['Counting window', p.windowDescription],
  ['Reduction rate', p.reductionRateUsed],
  ['Produced', `${generatedDate(data.generatedAt)} by ${data.generatedBy}`],
])}
${keyFigures(data)}
${headline(data)}
<div class="handling"><strong>Handling: ${h(data.marking)}.</strong> This report holds aggregate figures only: no names, PNC numbers, dates of birth or addresses.
It must remain within secure systems, not be disseminated externally, and be disposed of securely. Every figure is an estimate built on
arrests, not convictions: read it with the caveats in section 5.</div>
<h2 class="contents-title">Contents</h2>
<ol class="contents">
<li>The cohort</li>
<li>Projected impact, with the working of every figure</li>
<li>Concentration of arrests</li>
<li>Equality composition</li>
<li>Caveats and method</li>
</ol>
</section>`;
}

// ---------------------------------------------------------------------------------------------
// 1. The cohort
// ---------------------------------------------------------------------------------------------

function cohortSection(data: CohortReportData): string {
  const c = data.cohort;
  const rows: Array<[string, string]> = [];
  rows.push([data.counts.longListIsEveryone ? 'People in the workspace (no long list imported)' : 'Potential Candidate List (long list)', formatCount(data.counts.longList)]);
  if (c.shortlist) rows.push(['Proposed shortlist', `${formatCount(c.shortlist.included)} of a capacity of ${formatCount(c.shortlist.capacity)}`]);
  if (c.panel) {
    rows.push(['Panel session', `${formatLongDate(c.panel.heldOn)} (${c.panel.status})`]);
    rows.push(['Panel decisions', `${formatCount(c.panel.accepted)} accepted, ${formatCount(c.panel.rejected)} rejected, ${formatCount(c.panel.deferred)} deferred, ${formatCount(c.panel.undecided)} not yet decided`]);
    rows.push(['Accepted against capacity', `${formatCount(c.panel.accepted)} of ${formatCount(c.panel.capacity)}`]);
  }
  rows.push(['People in this report’s cohort', formatCount(c.people)]);
  rows.push(['Statutory / non-statutory / not recorded', `${formatCount(c.statutory.statutory)} / ${formatCount(c.statutory.nonStatutory)} / ${formatCount(c.statutory.notRecorded)}`]);
  rows.push(['Custody (PINS): in custody / not in custody / not checked', `${formatCount(c.custody.inCustody)} / ${formatCount(c.custody.notInCustody)} / ${formatCount(c.custody.unknown)}`]);
  const groups = c.priorityGroups
    .map((g) => `<tr><th scope="row">${h(g.label)}</th><td class="num">${formatCount(g.count)}</td><td class="num">${c.people === 0 ? '–' : h(formatPercent(g.count / c.people))}</td></tr>`)
    .join('');
  return `<section class="chapter" aria-labelledby="s1">
<h2 id="s1">1. The cohort</h2>
<p>${h(c.description)}. ${c.source === 'panel' ? 'The cohort is the people whose latest panel decision is “accept”.' : c.source === 'tranche' ? 'The figures describe one month’s starters in the intake plan of the people the panel accepted.' : c.source === 'shortlist' ? 'No panel decision has been recorded, so the figures describe the proposed shortlist.' : 'No shortlist has been made, so the figures describe the whole long list.'}</p>
${metaTable(rows)}
<h3>Agency lists and priority groups in the cohort</h3>
<p class="table-note">A person on several agency lists is counted under each.</p>
<table><thead><tr><th scope="col">Agency list</th><th scope="col" class="num">People</th><th scope="col" class="num">Share of the cohort</th></tr></thead><tbody>${groups}</tbody></table>
</section>`;
}

// ---------------------------------------------------------------------------------------------
// 2. Projection
// ---------------------------------------------------------------------------------------------

function assumptionsTable(data: CohortReportData): string {
  const rows = data.scenario.crimeTypes
    .map((c) => {
      const a = c.allegationsPerArrest;
      const allegations = a.low === a.high ? formatNumber(a.central) : `${formatNumber(a.central)} (${formatRange(a.low, a.high)})`;
      const cost = c.unitCost === null ? '–' : formatMoney(c.unitCost);
      return `<tr><th scope="row">${h(c.label)}</th><td class="num">${h(allegations)}</td><td class="num">${c.boroughOffencesPerYear === null ? '–' : h(formatCount(c.boroughOffencesPerYear))}</td><td class="num">${h(cost)}</td><td>${h(c.unitCostSource ?? (c.unitCost === null ? '' : 'Set in the scenario'))}</td></tr>`;
    })
    .join('');
  return `<table><thead><tr><th scope="col">Crime type</th><th scope="col" class="num">Offences per arrest</th><th scope="col" class="num">Borough offences a year</th><th scope="col" class="num">Unit cost</th><th scope="col">Unit cost source</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function projectionTable(rows: readonly ProjectionRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr><th scope="row">${h(r.label)}</th>` +
        `<td class="num">${h(formatCount(r.arrests))}</td>` +
        `<td class="num">${h(formatNumber(r.arrestsPerYear))}</td>` +
        cellWithRange(formatNumber(r.offencesPerYear), rangeText(r.ranges.offencesPerYear)) +
        cellWithRange(formatNumber(r.offencesPerYearAfter), rangeText(r.ranges.offencesPerYearAfter)) +
        cellWithRange(formatNumber(r.reductionPerYear), rangeText(r.ranges.reductionPerYear)) +
        cellWithRange(r.shareOfBorough === null ? '–' : formatPercent(r.shareOfBorough), rangeText(r.ranges.shareOfBorough, (v) => formatPercent(v))) +
        cellWithRange(r.costSavingPerYear === null ? '–' : formatMoney(r.costSavingPerYear), rangeText(r.ranges.costSavingPerYear, formatMoney)) +
        '</tr>',
    )
    .join('');
  return (
    '<table class="projection-table"><thead><tr><th scope="col">Crime type</th><th scope="col" class="num">Arrests in window</th><th scope="col" class="num">Arrests a year</th>' +
    '<th scope="col" class="num">Offences a year now</th><th scope="col" class="num">Offences a year after IOM</th><th scope="col" class="num">Fewer offences a year</th>' +
    `<th scope="col" class="num">Share of borough crime</th><th scope="col" class="num">Cost avoided a year</th></tr></thead><tbody>${body}</tbody></table>`
  );
}

function workingBlock(r: ProjectionRow): string {
  const lines: Array<[string, string]> = [
    ['Arrests', r.working.arrests],
    ['Arrests a year', r.working.arrestsPerYear],
    ['Offences a year now', r.working.offencesPerYear],
    ['Fewer offences a year', r.working.reductionPerYear],
    ['Offences a year after', r.working.offencesPerYearAfter],
  ];
  if (r.working.shareOfBorough) lines.push(['Share of borough crime', r.working.shareOfBorough]);
  if (r.working.costSavingPerYear) lines.push(['Cost avoided a year', r.working.costSavingPerYear]);
  const ranges: Array<[string, FigureRange | undefined]> = [
    ['Offences a year now', r.ranges.offencesPerYear],
    ['Fewer offences a year', r.ranges.reductionPerYear],
    ['Share of borough crime', r.ranges.shareOfBorough],
    ['Cost avoided a year', r.ranges.costSavingPerYear],
  ];
  for (const [name, range] of ranges) {
    if (range && range.high > range.low) lines.push([`${name}, low – high`, `${range.lowWorking}  …  ${range.highWorking}`]);
  }
  return `<div class="working-block"><h4>${h(r.label)}</h4><table class="working-table"><tbody>${lines
    .map(([k, v]) => `<tr><th scope="row">${h(k)}</th><td class="working">${h(v)}</td></tr>`)
    .join('')}</tbody></table></div>`;
}

function projectionSection(data: CohortReportData): string {
  const p = data.projection;
  const cost = p.totalCostSavingPerYear;
  const chart = projectionRangesSvg(
    p.rows.map((r) => ({
      label: r.label,
      now: r.offencesPerYear,
      after: r.offencesPerYearAfter,
      afterLow: r.ranges.offencesPerYearAfter?.low ?? null,
      afterHigh: r.ranges.offencesPerYearAfter?.high ?? null,
    })),
    {
      id: 'chart-projection',
      title: 'Estimated offences a year now and after IOM, by crime type',
      description: p.rows
        .map((r) => `${r.label}: now ${formatNumber(r.offencesPerYear)}, after ${formatNumber(r.offencesPerYearAfter)}${r.ranges.offencesPerYearAfter ? ` (range ${rangeText(r.ranges.offencesPerYearAfter)})` : ''}`)
        .join('; '),
    },
  );
  return `<section class="chapter" aria-labelledby="s2">
<h2 id="s2">2. Projected impact</h2>
<p>For each crime type: arrests in the window, turned into arrests a year (× 12 / ${p.windowMonths}), into estimated offences a year (× offences per arrest),
less the reduction rate (${h(percentRange(p.reductionRate))}). Ranges come from the scenario’s low and high inputs. Counting window: ${h(p.windowDescription)};
${formatCount(p.arrestedPeople)} of the cohort’s people were arrested in it.</p>
<p class="table-note" data-rate-used>Reduction rate used: ${h(p.reductionRateUsed)}.</p>
<h3>Assumptions (scenario “${h(data.scenario.name)}”)</h3>
${assumptionsTable(data)}
${data.scenario.notes ? `<p class="table-note">Scenario notes: ${h(data.scenario.notes)}</p>` : ''}
<h3>Results</h3>
${projectionTable(p.rows)}
<figure>${chart}<figcaption>Each crime type on its own scale, from zero to its offences a year now; the orange bar is the low–high range of the figure after IOM.</figcaption></figure>
<h3>Cost of crime avoided</h3>
${
  cost
    ? `<p>${h(formatMoney(cost.value))} a year${cost.low !== undefined && cost.high !== undefined && cost.high > cost.low ? ` (range ${h(formatRange(cost.low, cost.high, formatMoney))})` : ''}, the sum over the costed crime types other than “all crime”, which overlaps them.</p>
<p class="working">${h(cost.working)}</p>`
    : '<p>No crime type in the scenario has a unit cost, so no cost saving is estimated.</p>'
}
${splitSections(p)}
<h3>Working</h3>
<p class="table-note">Every figure above with the arithmetic that produced it, to two decimals.</p>
${p.rows.map(workingBlock).join('\n')}
</section>`;
}

/** Borough counting, the split by statutory group and the saving by agency, when the scenario asks for them. */
function splitSections(p: ProjectionResult): string {
  const parts: string[] = [];
  if (p.boroughCounting) parts.push(`<p class="table-note">Counted only in ${h(p.boroughCounting.borough)}: ${h(p.boroughCounting.working)}.</p>`);
  const g = p.byGroup;
  if (g) {
    const types = g.combined;
    const head = `<tr><th scope="col">Group</th><th scope="col" class="num">People</th><th scope="col" class="num">Reduction</th>${types.map((t) => `<th scope="col" class="num">${h(t.label)}: fewer a year</th>`).join('')}<th scope="col" class="num">Cost avoided a year</th></tr>`;
    const rows = g.groups
      .map((grp) => `<tr><th scope="row">${h(grp.label)}</th><td class="num">${formatCount(grp.people)}</td><td class="num">${h(formatPercent(grp.reductionRate, 2))}</td>${types.map((t) => `<td class="num">${h(formatNumber(grp.rows.find((r) => r.crimeType === t.crimeType)?.reductionPerYear ?? 0))}</td>`).join('')}<td class="num">${grp.totalCostSavingPerYear === null ? '—' : h(formatMoney(grp.totalCostSavingPerYear))}</td></tr>`)
      .join('');
    const total = `<tr><th scope="row" colspan="3">All groups</th>${types.map((t) => `<td class="num">${h(formatNumber(t.reductionPerYear))}</td>`).join('')}<td class="num">${g.combinedCostSavingPerYear ? h(formatMoney(g.combinedCostSavingPerYear.value)) : '—'}</td></tr>`;
    parts.push(`<h3>By statutory status</h3><p>${h(g.statutoryShare.text)}</p><table><thead>${head}</thead><tbody>${rows}</tbody><tfoot>${total}</tfoot></table><p class="table-note">Group rates: ${h(g.source)}. ${g.groups.map((grp) => `${h(grp.label)}: ${h(grp.rateWorking)}`).join('; ')}.</p>`);
  }
  const a = p.agencySplit;
  if (a) {
    parts.push(
      `<h3>Cost of crime avoided by agency</h3><table><thead><tr><th scope="col">Agency</th><th scope="col" class="num">Share</th><th scope="col" class="num">Saving a year</th></tr></thead><tbody>${a.rows
        .map((r) => `<tr><th scope="row">${h(r.agency)}</th><td class="num">${h(formatPercent(r.share, 2))}</td><td class="num">${h(formatMoney(r.saving))}</td></tr>`)
        .join('')}</tbody></table><p class="table-note">Shares: ${h(a.source)}.</p>`,
    );
  }
  return parts.join('\n');
}

// ---------------------------------------------------------------------------------------------
// 3. Concentration
// ---------------------------------------------------------------------------------------------

function concentrationSection(data: CohortReportData): string {
  const c = data.concentration;
  if (!c || c.arrestedPeople === 0) {
    return `<section class="chapter" aria-labelledby="s3"><h2 id="s3">3. Concentration of arrests</h2><p>No one in the workspace was arrested in the counting window, so there is no concentration to show.</p></section>`;
  }
  const rows = c.rows
    .map(
      (r) =>
        `<tr><th scope="row">Top ${formatCount(r.n)}${r.tiesAtCutoff > 0 ? '*' : ''}</th><td class="num">${formatCount(r.people)}</td><td class="num">${h(formatPercent(r.shareOfArrestedPeople, 2))}</td>` +
        `<td class="num">${formatCount(r.arrests)}</td><td class="num">${h(formatPercent(r.shareOfArrests))}</td><td class="num">${h(formatNumber(r.estimatedOffences, 0))}</td>` +
        `<td class="num">${r.shareOfBoroughOffences === null ? '–' : h(formatPercent(r.shareOfBoroughOffences))}</td><td class="num">${formatCount(r.inCohort)}</td></tr>`,
    )
    .join('');
  const ties = c.rows.filter((r) => r.tiesAtCutoff > 0);
  const marks = c.rows.map((r) => ({ label: `Top ${formatCount(r.n)}`, peopleShare: r.shareOfArrestedPeople, arrestShare: r.shareOfArrests }));
  const lorenz = lorenzCurveSvg(c.lorenz, marks, {
    id: 'chart-lorenz',
    title: 'Lorenz curve of arrests among the people arrested',
    description: `Gini coefficient ${formatNumber(c.gini, 3)}. ${c.rows.map((r) => `Top ${r.n}: ${formatPercent(r.shareOfArrestedPeople, 2)} of people, ${formatPercent(r.shareOfArrests)} of arrests`).join('; ')}.`,
  });
  const bars = shareBarsSvg(
    c.rows.map((r) => ({ label: `Top ${formatCount(r.n)}`, share: r.shareOfArrests, detail: `${formatCount(r.arrests)} arrests` })),
    { id: 'chart-topn', title: 'Share of all arrests by the most-arrested people', description: c.rows.map((r) => `Top ${r.n}: ${formatCount(r.arrests)} arrests, ${formatPercent(r.shareOfArrests)}`).join('; ') },
  );
  return `<section class="chapter" aria-labelledby="s3">
<h2 id="s3">3. Concentration of arrests</h2>
<p>A small proportion of offenders commit a disproportionately large share of offences. People are ranked by arrests in the window (${h(c.population)}:
${formatCount(c.arrestedPeople)} people, ${formatCount(c.totalArrests)} arrests). Offences are estimated at ${h(formatNumber(c.allegationsPerArrest))} per arrest${
    c.boroughOffences === null ? '' : `, against ${h(formatCount(c.boroughOffences))} borough offences over the window (${h(c.boroughOffencesWorking ?? '')})`
  }.</p>
<table><thead><tr><th scope="col">Most-arrested</th><th scope="col" class="num">People</th><th scope="col" class="num">Share of people arrested</th><th scope="col" class="num">Arrests</th><th scope="col" class="num">Share of arrests</th><th scope="col" class="num">Estimated offences</th><th scope="col" class="num">Share of borough offences</th><th scope="col" class="num">Of them in the cohort</th></tr></thead><tbody>${rows}</tbody></table>
${ties.length ? `<p class="table-note">* The last place is shared: ${ties.map((r) => `${formatCount(r.tiesAtCutoff)} more ${r.tiesAtCutoff === 1 ? 'person has' : 'people have'} as many arrests as the last of the top ${formatCount(r.n)}`).join('; ')}.</p>` : ''}
<div class="charts-2">
<figure>${lorenz}<figcaption>The further the curve bows above the dashed line, the more concentrated the arrests. Gini coefficient ${h(formatNumber(c.gini, 3))}.</figcaption></figure>
<figure>${bars}<figcaption>Share of all arrests in the window made by the top 10, 20, 100 and 200 people.</figcaption></figure>
</div>
<p class="working">Gini ${h(c.giniWorking)}</p>
</section>`;
}

// ---------------------------------------------------------------------------------------------
// 4. Equality composition
// ---------------------------------------------------------------------------------------------

function compositionChart(data: CohortReportData, dimension: EqualityDimension, hidden: ReadonlySet<string>): string {
  const rows = data.composition.rows.flatMap((row, index) => (row.dimension === dimension ? [{ row, index }] : []));
  const populations = data.composition.populations;
  const isHidden = (index: number, column: number) => hidden.has(`${index}:${column}`);
  return groupedShareBarsSvg(
    rows.map(({ row }) => row.category),
    populations.map((p, i) => ({
      name: `${p.name} (${formatCount(p.total)})`,
      shares: rows.map(({ row, index }) => (isHidden(index, i) ? null : (row.cells[i]?.share ?? null))),
      counts: rows.map(({ row, index }) => (isHidden(index, i) ? 0 : (row.cells[i]?.count ?? 0))),
      labels: rows.map(({ index }) => (isHidden(index, i) ? SUPPRESSED_COUNT : null)),
    })),
    {
      id: `chart-${dimension}`,
      title: `${DIMENSION_LABELS[dimension]} composition`,
      description: rows
        .map(({ row, index }) => `${row.category}: ${populations.map((p, i) => `${p.name} ${isHidden(index, i) ? SUPPRESSED_COUNT : row.cells[i]?.share === null || row.cells[i] === undefined ? '–' : formatPercent(row.cells[i]!.share!)}`).join(', ')}`)
        .join('; '),
    },
  );
}

function compositionTable(data: CohortReportData, hidden: ReadonlySet<string>): string {
  const populations = data.composition.populations;
  const head = `<tr><th scope="col">Category</th>${populations.map((p) => `<th scope="col" class="num">${h(p.name)} (${formatCount(p.total)})</th>`).join('')}</tr>`;
  const groups = (['gender', 'ageBand', 'ethnicity'] as const).map((dimension) => {
    const rows = data.composition.rows.flatMap((row, index) => (row.dimension === dimension ? [{ row, index }] : []));
    const cell = (row: CompositionRow, index: number, i: number) => {
      const c = row.cells[i];
      if (hidden.has(`${index}:${i}`)) return `<td class="num">${SUPPRESSED_COUNT}</td>`;
      return `<td class="num">${c ? `${formatCount(c.count)} <span class="muted">(${c.share === null ? '–' : h(formatPercent(c.share))})</span>` : '–'}</td>`;
    };
    return `<tr><th scope="colgroup" colspan="${populations.length + 1}">${h(DIMENSION_LABELS[dimension])}</th></tr>${rows
      .map(({ row, index }) => `<tr><th scope="row">${h(row.category)}</th>${populations.map((_, i) => cell(row, index, i)).join('')}</tr>`)
      .join('')}`;
  });
  return `<table class="composition-table"><thead>${head}</thead><tbody>${groups.join('')}</tbody></table>`;
}

function compositionSection(data: CohortReportData): string {
  const hidden = suppressedCompositionCells(data.composition);
  const names = data.composition.populations.map((p) => p.name.toLowerCase());
  return `<section class="chapter" aria-labelledby="s4">
<h2 id="s4">4. Equality composition</h2>
<p>For the public sector equality duty (Equality Act 2010, s.149): the make-up of the ${h(names.join(', the '))} by gender, age band (age on ${h(formatLongDate(data.composition.referenceDate))})
and ethnicity where an import supplied it, coded to the 2021 Census groups. Shares are of each group’s own total, so the columns compare like with like; “Not recorded” is shown so a gap in the data is visible.
Counts of 1 to 4 people, and any count that would give one of them away, are shown as “${SUPPRESSED_COUNT}”.</p>
<h3>Gender</h3>
<figure>${compositionChart(data, 'gender', hidden)}</figure>
<h3>Age band</h3>
<figure>${compositionChart(data, 'ageBand', hidden)}</figure>
<h3>All categories</h3>
${compositionTable(data, hidden)}
</section>`;
}

// ---------------------------------------------------------------------------------------------
// 5. Caveats and method
// ---------------------------------------------------------------------------------------------

function caveatsSection(data: CohortReportData): string {
  const p = data.projection;
  return `<section class="chapter" aria-labelledby="s5">
<h2 id="s5">5. Caveats and method</h2>
<h3>Caveats</h3>
<ol class="caveats">${REPORT_CAVEATS.map((c) => `<li data-caveat="${h(c.id)}"><strong>${h(c.heading)}.</strong> ${h(c.text)}</li>`).join('')}</ol>
${data.dataNotes.length ? `<h3>About this workspace’s data</h3><ul class="caveats">${data.dataNotes.map((note) => `<li>${h(note)}</li>`).join('')}</ul>` : ''}
<h3>Method</h3>
<table class="working-table"><tbody>
<tr><th scope="row">Counting window</th><td>An arrest counts when the reference date minus ${p.windowMonths} months &lt; arrest date ≤ the reference date: ${h(p.windowDescription)}.</td></tr>
<tr><th scope="row">Arrests a year</th><td class="working">arrests × 12 / ${p.windowMonths}</td></tr>
<tr><th scope="row">Offences a year now</th><td class="working">arrests a year × offences per arrest</td></tr>
<tr><th scope="row">Fewer offences a year</th><td class="working">offences a year × reduction rate</td></tr>
<tr><th scope="row">Offences a year after IOM</th><td class="working">offences a year − fewer offences a year</td></tr>
<tr><th scope="row">Share of borough crime</th><td class="working">fewer offences a year / borough offences a year</td></tr>
<tr><th scope="row">Cost avoided a year</th><td class="working">fewer offences a year × unit cost</td></tr>
<tr><th scope="row">Offences per arrest</th><td>${h(p.allegationsNote)}</td></tr>
</tbody></table>
<p class="end-note">Produced by the IOM Cohort Expansion Workbench on ${h(generatedDate(data.generatedAt))}. End of report. ${h(data.marking)}.</p>
</section>`;
}

// ---------------------------------------------------------------------------------------------

/**
 * The report's own policy, so wherever its HTML is opened or printed (the app's hidden window, the
 * CLI's browser, a saved file in any browser) no script runs and nothing is fetched or submitted.
 */
const REPORT_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The `<meta>` that carries it; first in `<head>` so it governs everything after. */
export const REPORT_CSP_META = `<meta http-equiv="Content-Security-Policy" content="${REPORT_CONTENT_SECURITY_POLICY}">`;

function documentHtml(title: string, css: string | null, body: string): string {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
${REPORT_CSP_META}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
${css === null ? '' : `<style>\n${css}\n</style>\n`}</head>
<body>
${body}
</body>
</html>
`;
}

export function renderCohortReport(data: CohortReportData): RenderedReport {
  const title = `${data.marking} – ${data.title} – ${data.generatedAt.slice(0, 10)}`;
  const css = reportCss(data.marking);
  const body = `<main class="report">
${cover(data)}
${cohortSection(data)}
${projectionSection(data)}
${concentrationSection(data)}
${compositionSection(data)}
${caveatsSection(data)}
<div class="screen-marking end" aria-hidden="true">${h(data.marking)}</div>
</main>`;
  return { html: documentHtml(title, css, body), previewHtml: documentHtml(title, null, body), css, title };
}
