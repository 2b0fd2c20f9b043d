import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDemoContext, type DemoContext } from '../support/demoContext';
import { dispatchCall } from '../../electron/callDispatcher';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';
import { assembleCohortReportData } from '../../electron/report/cohortReportData';
import { DEFAULT_SCENARIO } from '../../shared/analysis/projection';
import { SEED_TABLE_SCENARIO } from '../support/seedScenarios';
import type { ReportPreview } from '../../shared/report/reportSchemas';
import type { ExportDelivery } from '../../shared/exports/exportDelivery';
import type { AppContext } from '../../electron/runtime/appContext';
import { REPORT_CAVEATS } from '../../shared/report/reportCaveats';
import { makeTempWorkspace, TEST_PASSPHRASE } from '../support/tempWorkspace';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';

const OUTPUT_DIR = resolve(__dirname, '../../test-output/report');

interface PersonRow {
  forenames: string | null;
  surname: string | null;
  pnc: string | null;
  dob: string | null;
}

/** Every way a person's identity could show up in text: full name, PNC, date of birth in both forms. */
function identifyingStrings(people: readonly PersonRow[]): string[] {
  const out = new Set<string>();
  for (const p of people) {
    if (p.forenames && p.surname) {
      out.add(`${p.forenames} ${p.surname}`);
      out.add(`${p.surname}, ${p.forenames}`);
    }
    if (p.pnc) out.add(p.pnc);
    if (p.dob) {
      out.add(p.dob);
      const [y, m, d] = p.dob.split('-');
      out.add(`${d}/${m}/${y}`);
    }
  }
  return [...out];
}

describe('cohort report assembled from the demo workspace', () => {
  let demo: DemoContext;
  let people: PersonRow[];
  let scenarioId: number;

  beforeAll(async () => {
    demo = await openDemoContext('Report demo');
    const workspace = demo.ctx.session.requireWorkspace();
    people = workspace.db.prepare('SELECT forenames, surname, pnc, dob FROM people').all() as PersonRow[];
    const saved = await demo.value<{ id: number }>('scenarios.save', { id: null, scenario: SEED_TABLE_SCENARIO });
    scenarioId = saved.id;
    mkdirSync(OUTPUT_DIR, { recursive: true });
  });
  afterAll(() => demo?.cleanup());

  it('before any shortlist describes the long list, with the seed figures and their working', async () => {
    const workspace = demo.ctx.session.requireWorkspace();
    const { data, source, people: count } = assembleCohortReportData(workspace, { scenario: SEED_TABLE_SCENARIO, actor: 'tester', now: new Date('2026-11-23T10:00:00Z') });
    expect(source).toBe('longList');
    expect(count).toBe(170);
    expect(data.cohort.description).toBe('Potential Candidate List (no shortlist made yet)');
    const all = data.projection.rows.find((r) => r.crimeType === 'all')!;
    expect(all.arrests).toBe(973);
    expect(all.working.arrestsPerYear).toBe('486.5 = 973 × 12 / 24');
    expect(data.projection.rows.find((r) => r.crimeType === 'residential_burglary')!.working.offencesPerYear).toBe('255.2 = 22 × 11.6');
    expect(data.projection.rows.find((r) => r.crimeType === 'robbery')!.offencesPerYear).toBeCloseTo(130.5, 10);
    expect(Math.round(all.reductionPerYear)).toBe(884);
    // Concentration over everyone arrested; ids are counted, never carried.
    expect(data.concentration!.rows.map((r) => r.n)).toEqual([10, 20, 100, 200]);
    expect(JSON.stringify(data.concentration)).not.toContain('personIds');
    expect(data.concentration!.boroughOffencesWorking).toBe('46600 = 23300 × 24 / 12');
    // The composition has the long list only (no shortlist yet), by the scenario's reference date.
    expect(data.composition.populations.map((p) => p.name)).toEqual(['Long list']);
    expect(data.composition.populations[0]!.total).toBe(170);
    expect(data.composition.referenceDate).toBe('2013-10-31');
    expect(data.marking).toBe('OFFICIAL-SENSITIVE');
  });

  it('report.html: a marked, self-contained document with no personal data in it', async () => {
    const preview = await demo.value<ReportPreview>('report.html', { scenarioId });
    writeFileSync(resolve(OUTPUT_DIR, 'demo-longlist.html'), preview.html);
    expect(preview.scenarioName).toBe('Seed table');
    expect(preview.cohortSource).toBe('longList');
    expect(preview.people).toBe(170);
    expect(preview.pdfAvailable).toBe(false);
    expect(preview.pdfFileName).toMatch(/^OFFICIAL-SENSITIVE IOM cohort report \d{4}-\d{2}-\d{2}\.pdf$/);
    const { html } = preview;
    expect(html).toContain('486.5 = 973 × 12 / 24');
    expect(html).toContain('2,432.5 = 486.5 × 5');
    expect(html).toContain('255.2 = 22 × 11.6');
    expect(html).toContain('@top-center { content: "OFFICIAL-SENSITIVE"');
    for (const caveat of REPORT_CAVEATS) expect(html).toContain(`data-caveat="${caveat.id}"`);
    expect(html).not.toMatch(/<script|\ssrc=|\shref=|url\(|@import/i);
    const identifying = identifyingStrings(people);
    expect(identifying.length).toBeGreaterThan(300);
    for (const text of identifying) expect(html, 'personal data in the report').not.toContain(text);
    expect(preview.previewHtml).not.toContain('<style');
    expect(preview.previewHtml).toContain('486.5 = 973 × 12 / 24');
  });

  it('follows the cohort: the proposed shortlist, then the panel’s accepted people', async () => {
    const run = await demo.value<{ shortlistId: number; shortlist: { selected: number[] } }>('shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
    const shortlisted = await demo.value<ReportPreview>('report.html', { scenarioId });
    expect(shortlisted.cohortSource).toBe('shortlist');
    expect(shortlisted.people).toBe(run.shortlist.selected.length);
    expect(shortlisted.html).toContain('Proposed shortlist, not yet decided by a panel');

    // A session with no decisions yet still describes the proposed shortlist.
    const session = await demo.value<{ id: number }>('panel.create', { shortlistId: run.shortlistId, heldOn: '2013-12-16', title: 'Selection panel', members: [{ name: 'Chair', agency: 'police' }] });
    expect((await demo.value<ReportPreview>('report.html', { scenarioId })).cohortSource).toBe('shortlist');

    const [first, second, third] = run.shortlist.selected;
    await demo.value('panel.decide', { sessionId: session.id, personId: first, decision: 'accept', reason: null, note: '' });
    await demo.value('panel.decide', { sessionId: session.id, personId: second, decision: 'accept', reason: null, note: '' });
    await demo.value('panel.decide', { sessionId: session.id, personId: third, decision: 'reject', reason: 'no_longer_in_borough', note: '' });
    const decided = await demo.value<ReportPreview>('report.html', { scenarioId });
    writeFileSync(resolve(OUTPUT_DIR, 'demo-panel.html'), decided.html);
    expect(decided.cohortSource).toBe('panel');
    expect(decided.people).toBe(2);
    expect(decided.cohortDescription).toBe('Accepted by the selection panel of 16 Dec 2013 (session still open)');
    expect(decided.html).toContain('2 accepted, 1 rejected, 0 deferred');
    expect(decided.html).toContain('The panel session is still open');
    const workspace = demo.ctx.session.requireWorkspace();
    const { data } = assembleCohortReportData(workspace, { scenario: DEFAULT_SCENARIO, actor: 'tester' });
    expect(data.composition.populations.map((p) => p.name)).toEqual(['Long list', 'Shortlist', 'Accepted']);
    expect(data.composition.populations.map((p) => p.total)).toEqual([170, run.shortlist.selected.length, 2]);
  });

  it('saves as HTML and (where the host can print) as PDF, auditing counts only; PDF is refused without a printer', async () => {
    const workspace = demo.ctx.session.requireWorkspace();
    const auditBefore = workspace.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'export.report'").pluck().get() as number;

    const refused = await dispatchCall(demo.ctx, 'report.pdf', { scenarioId });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/needs the desktop app.*save it as HTML/);

    const html = await demo.value<ExportDelivery>('report.saveHtml', { scenarioId });
    expect(html.delivered).toBe('download');
    if (html.delivered === 'download') {
      expect(html.fileName).toMatch(/^OFFICIAL-SENSITIVE IOM cohort report \d{4}-\d{2}-\d{2}\.html$/);
      expect(Buffer.from(html.base64, 'base64').toString('utf8')).toContain('<!DOCTYPE html>');
    }

    const printed: string[] = [];
    const printingCtx: AppContext = { ...demo.ctx, host: { kind: 'test', printPdf: async (doc) => (printed.push(doc), new TextEncoder().encode('%PDF-1.7 stub')) } };
    const pdf = await dispatchCall(printingCtx, 'report.pdf', { scenarioId });
    expect(pdf.ok).toBe(true);
    const delivered = (pdf.ok ? pdf.value : null) as ExportDelivery | null;
    expect(delivered?.delivered).toBe('download');
    if (delivered?.delivered === 'download') {
      expect(delivered.fileName).toMatch(/\.pdf$/);
      expect(delivered.mime).toBe('application/pdf');
      expect(Buffer.from(delivered.base64, 'base64').toString('latin1')).toBe('%PDF-1.7 stub');
    }
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('<style>');

    const entries = workspace.db.prepare("SELECT entity, entity_id AS entityId, detail FROM audit_log WHERE action = 'export.report' ORDER BY id").all() as Array<{ entity: string; entityId: string; detail: string }>;
    expect(entries.length - auditBefore).toBe(2);
    const details = entries.slice(-2).map((e) => JSON.parse(e.detail) as Record<string, unknown>);
    expect(details.map((d) => d.format)).toEqual(['html', 'pdf']);
    expect(details[1]).toEqual({ format: 'pdf', source: 'panel', people: 2, via: 'app' });
    expect(entries.at(-1)!.entityId).toBe(String(scenarioId));
  });

  it('refuses a scenario that does not exist and inputs outside the contract', async () => {
    const missing = await dispatchCall(demo.ctx, 'report.html', { scenarioId: 999_999 });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.code).toBe('not_found');
    const stray = await dispatchCall(demo.ctx, 'report.html', { scenarioId: null, people: [1] });
    expect(stray.ok).toBe(false);
    if (!stray.ok) expect(stray.error.code).toBe('invalid_input');
  });
});

describe('cohort report of an empty workspace', () => {
  it('still makes a marked report that says there is nothing to project', async () => {
    const temp = makeTempWorkspace('Empty');
    const ctx: AppContext = { session: new AppSession(), host: { kind: 'test' }, actor: 'tester', jobs: new JobRegistry() };
    ctx.session.adopt(temp.workspace, TEST_PASSPHRASE);
    try {
      const result = await dispatchCall(ctx, 'report.html', { scenarioId: null });
      expect(result.ok).toBe(true);
      const preview = (result.ok ? result.value : null) as ReportPreview | null;
      expect(preview?.people).toBe(0);
      expect(preview?.cohortSource).toBe('longList');
      expect(preview?.html).toContain('The cohort is empty, so there is nothing to project yet.');
      expect(preview?.html).toContain('No one in the workspace was arrested in the counting window');
      expect(preview?.html).not.toMatch(/NaN|Infinity|undefined/);
    } finally {
      ctx.session.lock('user');
      temp.temp.remove();
    }
  });
});
