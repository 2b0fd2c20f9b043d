import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';
import { runCli } from '../support/runCli';
import { chromiumPrintArgs, findChromiumBinary } from '../../electron/report/headlessChromium';
import { pdfPageTexts, pdfSkipReason } from '../support/pdfTools';

const PDF_SKIP_REASON = await pdfSkipReason();
import { closeWorkspace, openWorkspaceFile } from '../../electron/workspace/workspaceFile';

/**
 * `iom-cohort report` end to end: the built CLI, a real encrypted demo workspace and the system's
 * Chromium printing the PDF, read back with poppler's pdftotext.
 */
describe('iom-cohort report', () => {
  let temp: TempDir;
  let workspace: string;
  /** The CLI's own temp folder, so the test can see that nothing is left in it. */
  let tmp: string;
  let env: Record<string, string>;

  beforeAll(() => {
    temp = makeTempDir();
    workspace = temp.path('demo.iomdb');
    tmp = temp.path('tmp');
    mkdirSync(tmp);
    env = { IOM_PASSPHRASE: TEST_PASSPHRASE, TMPDIR: tmp };
    const demo = runCli(['demo', workspace], env);
    expect(demo.status, demo.stderr).toBe(0);
  });
  afterAll(() => temp?.remove());

  it('checks its arguments before asking for anything', () => {
    const none = runCli(['report', workspace], env);
    expect(none.status).toBe(64);
    expect(none.stderr.trim()).toBe('iom-cohort: Say where to write the report: --pdf out.pdf or --html out.html (one of them).');
    const wrong = runCli(['report', workspace, '--pdf', temp.path('report.txt')], env);
    expect(wrong.status).toBe(64);
    expect(wrong.stderr).toContain('the file name must end in .pdf');
  });

  it('says in one line when no browser is installed, and writes nothing', () => {
    const out = temp.path('no-browser.pdf');
    const result = runCli(['report', workspace, '--pdf', out], { ...env, CHROME_PATH: temp.path('no-such-chromium') });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('No Chromium, Chrome or Edge was found to print the PDF');
    expect(existsSync(out)).toBe(false);
  });

  it('writes the self-contained HTML without a browser', () => {
    const out = temp.path('report.html');
    const result = runCli(['report', workspace, '--html', out, '--scenario', 'Seed: Barnet IOM expansion (Nov 2013)'], env);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Wrote');
    expect(result.stdout).toContain('potential candidate list (no shortlist made yet) (170 people)');
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('486.5 = 973 × 12 / 24');
    expect(html).not.toMatch(/<script/i);
    const unknown = runCli(['report', workspace, '--html', temp.path('other.html'), '--scenario', 'Nope'], env);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('No saved scenario is called “Nope”');
  });

  it.skipIf(PDF_SKIP_REASON !== null)(
    `prints a marked PDF with real Chromium, refuses to replace it without --force, and leaves no temporary files${PDF_SKIP_REASON ? ` — SKIPPED: ${PDF_SKIP_REASON}` : ''}`,
    async () => {
      const out = temp.path('OFFICIAL-SENSITIVE report.pdf');
      const result = runCli(['report', workspace, '--pdf', out], env);
      expect(result.status, result.stderr).toBe(0);
      const bytes = readFileSync(out);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pages = await pdfPageTexts(out);
      expect(pages.length).toBeGreaterThanOrEqual(4);
      // The marking heads and foots every page (the @page margin boxes), with "Page n of N".
      pages.forEach((text, i) => {
        const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
        expect(lines[0], `page ${i + 1} header`).toBe('OFFICIAL-SENSITIVE');
        expect(lines.at(-1), `page ${i + 1} footer`).toMatch(new RegExp(`IOM cohort report\\s+OFFICIAL-SENSITIVE\\s+Page ${i + 1} of ${pages.length}$`));
      });
      const all = pages.join('\n');
      expect(all).toContain('486.5 = 973 × 12 / 24');
      expect(all).toContain('255.2 = 22 × 11.6');
      expect(all).toContain('Arrests are not convictions');
      expect(all).toContain('Addresses may be out of date');
      expect(all).toContain('police CRIS system');

      const again = runCli(['report', workspace, '--pdf', out], env);
      expect(again.status).not.toBe(0);
      expect(again.stderr).toContain('already exists');
      const before = statSync(out).mtimeMs;
      const forced = runCli(['report', workspace, '--pdf', out, '--force'], env);
      expect(forced.status, forced.stderr).toBe(0);
      expect(statSync(out).mtimeMs).toBeGreaterThanOrEqual(before);

      // The private folder the HTML was printed from, and the browser profile in it, are gone.
      expect(readdirSync(tmp).filter((name) => name.startsWith('iom-report-'))).toEqual([]);
      // Each delivered report is in the audit trail, with counts only.
      const opened = openWorkspaceFile(workspace, TEST_PASSPHRASE);
      try {
        const details = (opened.db.prepare("SELECT detail FROM audit_log WHERE action = 'export.report' ORDER BY id").pluck().all() as string[]).map((d) => JSON.parse(d) as unknown);
        expect(details).toEqual([
          { format: 'html', source: 'longList', people: 170, via: 'cli' },
          { format: 'pdf', source: 'longList', people: 170, via: 'cli' },
          { format: 'pdf', source: 'longList', people: 170, via: 'cli' },
        ]);
      } finally {
        closeWorkspace(opened);
      }
    },
  );

  it('runs the browser headless over a pipe, with its own throwaway profile and crash reporting off, sandboxed unless run as root', () => {
    const args = chromiumPrintArgs({ profileDir: '/tmp/x/profile', runningAsRoot: false });
    expect(args).toContain('--headless');
    expect(args).toContain('--remote-debugging-pipe');
    expect(args).not.toContain('--remote-debugging-port');
    expect(args).toContain('--user-data-dir=/tmp/x/profile');
    expect(args).toContain('--disable-crash-reporter');
    expect(args).toContain('--disable-breakpad');
    expect(args).not.toContain('--no-sandbox');
    expect(args.at(-1)).toBe('about:blank');
    expect(chromiumPrintArgs({ profileDir: '/p', runningAsRoot: true })).toContain('--no-sandbox');
    writeFileSync(temp.path('marker'), '');
    expect(findChromiumBinary({ CHROME_PATH: temp.path('marker') })).toBe(temp.path('marker'));
    expect(findChromiumBinary({ CHROME_PATH: temp.path('absent') })).toBeNull();
    expect(findChromiumBinary({}, () => false)).toBeNull();
  });
});
