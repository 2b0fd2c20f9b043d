/**
 * Logs never hold personal data. Every log line is routed to a buffer at debug level (the import
 * worker and the CLI, which log to their own stderr, get IOM_LOG_LEVEL=debug and have their stderr
 * captured too), and console output and direct stderr writes are captured as well. Then a whole
 * analyst's journey runs through the same dispatcher the app uses: create a workspace, preview and
 * import the candidate list, the DTOA and other agency lists, PINS and the arrests extract in the
 * import worker, review
 * uncertain links, project, shortlist, and fail in the usual ways (a bad file, a damaged
 * workbook, an unexpected error whose message quotes a name, a wrong passphrase); the CLI imports a
 * bad file and a good one and meets a wrong passphrase. Everything captured is then searched for
 * every surname, forename, PNC (both forms), date of birth (both forms) and address of the
 * synthetic cohort, and for the passphrase. Nothing may be found. The log also goes to the
 * rotating log file the app and the preview write (installFileLog), and every file of it is
 * searched too.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dispatchCall } from '../../electron/callDispatcher';
import type { FilePurpose } from '../../shared/api/chosenFile';
import { installFileLog } from '../../electron/logFile';
import { logFileLocation, setLogFile, setLogSink } from '../../electron/logging';
import type { AppContext } from '../../electron/runtime/appContext';
import { AppSession } from '../../electron/runtime/appSession';
import { JobRegistry } from '../../electron/jobs/jobRegistry';
import type { JobState } from '../../shared/jobs/jobSchemas';
import { FLAG_NAMES, type FlagName } from '../../shared/domain/flags';
import { DEFAULT_SCENARIO } from '../../shared/analysis/projection';
import { DEFAULT_SELECTION_RULE_SET } from '../../shared/shortlist/selectionRules';
import { FORMULA_INJECTION_SURNAME, formatDmy, type SyntheticCohort } from '../../shared/workspace/syntheticCohort';
import { writeFixtureSet, type FixtureSet } from '../fixtures/writeFixtures';
import { ensureNodeBuild, IMPORT_WORKER_PATH } from '../support/nodeBuild';
import { CLI_PATH } from '../support/runCli';
import { makeTempDir, TEST_PASSPHRASE, type TempDir } from '../support/tempWorkspace';

let temp: TempDir;
let set: FixtureSet;
/** Everything logged or printed, one entry per line or write, with where it came from. */
const captured: Array<{ source: string; text: string }> = [];

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every piece of personal data in the cohort, as each list writes it, with what it is. */
function personalData(cohort: SyntheticCohort): Array<{ what: string; pattern: RegExp }> {
  const needles = new Map<string, string>();
  const name = (value: string | null | undefined, what: string): void => {
    if (!value) return;
    needles.set(value, what);
    // Each part of a multi-part name on its own, down to three letters ("Lee", "Ray").
    for (const part of value.split(/[\s-]+/)) if (part.length >= 3) needles.set(part, what);
  };
  const dob = (iso: string | null | undefined): void => {
    if (!iso) return;
    needles.set(iso, 'date of birth');
    needles.set(formatDmy(iso as never), 'date of birth');
  };
  for (const c of cohort.candidates) {
    name(c.surname, 'surname');
    name(c.forenames, 'forename');
    needles.set(c.pnc.short, 'PNC');
    needles.set(c.pnc.long, 'PNC');
    dob(c.dob);
    needles.set(c.address, 'address');
  }
  for (const rows of Object.values(cohort.agencyLists)) {
    for (const r of rows) {
      name(r.surname, 'surname');
      name(r.forename, 'forename');
      if (r.pnc) needles.set(r.pnc, 'PNC');
      dob(r.dob);
    }
  }
  for (const r of [...cohort.arrestsExtract, ...cohort.pins]) {
    name(r.surname, 'surname');
    name(r.forename, 'forename');
    needles.set(r.pnc, 'PNC');
    dob(r.dob);
  }
  needles.set(FORMULA_INJECTION_SURNAME, 'surname');
  needles.set(TEST_PASSPHRASE, 'passphrase');
  // Names are matched as whole words and in any case; the rest as they are written.
  return [...needles].map(([value, what]) => ({
    what: `${what} ${JSON.stringify(value)}`,
    pattern: what === 'surname' || what === 'forename' ? new RegExp(`(^|[^\\p{L}])${escapeRegExp(value)}($|[^\\p{L}])`, 'iu') : new RegExp(escapeRegExp(value)),
  }));
}

function capture(source: string, chunk: unknown): void {
  captured.push({ source, text: typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk) });
}

beforeAll(async () => {
  ensureNodeBuild();
  temp = makeTempDir('iom-logscan-');
  set = await writeFixtureSet(temp.path('fixtures'));
}, 120_000);

afterAll(() => {
  temp?.remove();
});

describe('logs and stderr after a full journey', () => {
  it('hold no name, PNC, date of birth, address or passphrase', async () => {
    const previousLevel = process.env.IOM_LOG_LEVEL;
    process.env.IOM_LOG_LEVEL = 'debug';
    // As the app does, into a log file in its data folder, the console side captured.
    const logFile = installFileLog(temp.path('userData'), { console: (line) => capture('log', line), level: 'debug' });
    expect(logFile).toBe(join(temp.path('userData'), 'logs', 'app.log'));
    const spies = [
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => (capture('stderr', chunk), true)),
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((method) => vi.spyOn(console, method).mockImplementation((...args: unknown[]) => capture(`console.${method}`, args.map(String).join(' ')))),
    ];
    const ctx: AppContext = {
      session: new AppSession(),
      // The host's file dialog fails with a message that quotes a name: only its kind may be logged.
      host: { kind: 'test', chooseFile: () => Promise.reject(new Error(`could not open ${set.cohort.candidates[0]!.surname}.xlsx`)) },
      actor: 'log-scan',
      jobs: new JobRegistry(),
      importWorkerPath: IMPORT_WORKER_PATH,
    };
    const call = async (name: string, input: unknown) => dispatchCall(ctx, name, input);
    const value = async <T>(name: string, input: unknown): Promise<T> => {
      const result = await call(name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
      return result.value as T;
    };
    // What the host's dialog hands the page for a file (issue 17.4).
    const chosen = (path: string, purpose: FilePurpose) => ctx.session.files.grant(path, purpose).token;
    const importAndSettle = async (path: string, kind: string): Promise<JobState> => {
      const { jobId } = await value<{ jobId: string }>('import.start', { file: chosen(path, 'read'), kind });
      return ctx.jobs.settle(jobId);
    };

    let cliStderr = '';
    try {
      const workspacePath = temp.path('journey.iomdb');
      await value('workspace.create', { file: chosen(workspacePath, 'workspace-create'), name: 'Log scan', passphrase: TEST_PASSPHRASE, confirmation: TEST_PASSPHRASE });
      await value('import.preview', { file: chosen(set.files.candidatesXlsx, 'read') });
      expect(await importAndSettle(set.files.candidatesXlsx, 'candidates')).toMatchObject({ state: 'done' });
      // The DTOA list first, then every other agency list (their misspellings queue reviews), PINS and arrests.
      for (const flag of ['dtoa', ...FLAG_NAMES.filter((f) => f !== 'dtoa')]) {
        expect(await importAndSettle(set.files.lists[flag as FlagName], `list:${flag}`), flag).toMatchObject({ state: 'done' });
      }
      expect(await importAndSettle(set.files.pins, 'pins')).toMatchObject({ state: 'done' });
      expect(await importAndSettle(set.files.arrestsExtract, 'arrests')).toMatchObject({ state: 'done' });
      const imports = await value<Array<{ id: number }>>('import.list', {});
      for (const { id } of imports) {
        await value('import.issues', { importId: id });
        await value('import.rejectedRowsCsv', { importId: id });
      }

      const pending = await value<{ total: number; reviews: Array<{ id: number }> }>('links.pending', { limit: 50 });
      expect(pending.total, 'the agency lists leave an uncertain match to review').toBeGreaterThanOrEqual(1);
      await value('links.decide', { reviewId: pending.reviews[0]!.id, decision: 'link' });
      if (pending.reviews[1]) await value('links.decide', { reviewId: pending.reviews[1].id, decision: 'reject' });

      await value('analysis.project', { scenario: DEFAULT_SCENARIO, population: { kind: 'longList' } });
      await value('analysis.filter', { filter: { referenceDate: '2013-10-31', windowMonths: 24, flags: { any: ['dtoa'] } } });
      await value('shortlist.run', { ruleSet: DEFAULT_SELECTION_RULE_SET });
      await value('workspace.summary', {});

      // Error paths: a file that is no spreadsheet, a damaged workbook, an unexpected error, a
      // request that fails validation with a name in it, and a wrong passphrase.
      const junk = temp.path('junk.xlsx');
      writeFileSync(junk, Buffer.from([0x00, 0x01, 0x02, 0xff]));
      expect(await importAndSettle(junk, 'arrests')).toMatchObject({ state: 'failed', error: { code: 'bad_file' } });
      const cut = temp.path('cut.xlsx');
      writeFileSync(cut, readFileSync(set.files.candidatesXlsx).subarray(0, 3000));
      expect(await importAndSettle(cut, 'candidates')).toMatchObject({ state: 'failed' });
      expect(await call('import.preview', { file: chosen(junk, 'read') })).toMatchObject({ ok: false });
      // The unexpected error's message points to the log file, which the scan below reads.
      expect(await call('import.chooseFile', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining(`The app log (${logFileLocation()!})`) } });
      expect(await call('links.decide', { reviewId: 999_999, decision: 'link' })).toMatchObject({ ok: false });
      expect(await call('workspace.unlock', { file: chosen(workspacePath, 'workspace-open'), passphrase: TEST_PASSPHRASE, [set.cohort.candidates[1]!.surname]: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      await value('workspace.lock', {});
      const reopen = chosen(workspacePath, 'workspace-open');
      expect(await call('workspace.unlock', { file: reopen, passphrase: `${TEST_PASSPHRASE}x` })).toMatchObject({ ok: false, error: { code: 'wrong_passphrase' } });
      await value('workspace.unlock', { file: reopen, passphrase: TEST_PASSPHRASE });
      await value('workspace.lock', {});

      // The CLI, logging at debug to its stderr: a bad file, a good file, a wrong passphrase.
      const cli = (args: string[], passphrase: string) =>
        spawnSync(process.execPath, [CLI_PATH, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, IOM_PASSPHRASE: passphrase, IOM_LOG_LEVEL: 'debug' }, input: '', timeout: 60_000 });
      const runs = [
        cli(['import', workspacePath, junk, '--kind', 'arrests'], TEST_PASSPHRASE),
        cli(['import', workspacePath, cut, '--kind', 'candidates'], TEST_PASSPHRASE),
        cli(['import', workspacePath, set.files.pins, '--kind', 'pins'], TEST_PASSPHRASE),
        cli(['summary', workspacePath], `${TEST_PASSPHRASE}x`),
      ];
      // Refused, refused, imported, refused.
      expect(runs.map((r) => r.status === 0), runs.map((r) => r.stderr).join('\n')).toEqual([false, false, true, false]);
      cliStderr = runs.map((r) => r.stderr).join('\n');
      expect(runs[0]!.stderr, 'the CLI reports the bad file on stderr').toMatch(/not a spreadsheet|empty|spreadsheet/i);
    } finally {
      ctx.session.lock('user');
      for (const spy of spies) spy.mockRestore();
      setLogSink((line) => process.stderr.write(`${line}\n`), 'warn');
      setLogFile(null);
      if (previousLevel === undefined) delete process.env.IOM_LOG_LEVEL;
      else process.env.IOM_LOG_LEVEL = previousLevel;
    }
    captured.push({ source: 'cli stderr', text: cliStderr });
    const logDir = temp.path('userData/logs');
    const logFileLines: string[] = [];
    for (const file of readdirSync(logDir)) {
      for (const line of readFileSync(join(logDir, file), 'utf8').split('\n').filter(Boolean)) {
        logFileLines.push(line);
        captured.push({ source: `log file ${file}`, text: line });
      }
    }
    // The file holds what the console side got, in the same order.
    expect(logFileLines).toEqual(captured.filter((c) => c.source === 'log').map((c) => c.text));

    // The capture worked: the dispatcher logged every call at debug, and the CLI said what failed.
    expect(captured.filter((c) => c.source === 'log').length).toBeGreaterThan(20);
    expect(captured.some((c) => c.source === 'log' && c.text.includes('"level":"error"') && c.text.includes('import.chooseFile'))).toBe(true);
    expect(cliStderr.length).toBeGreaterThan(20);

    const needles = personalData(set.cohort);
    expect(needles.length).toBeGreaterThan(500);
    // The search itself finds what it should, in the shapes a slip would log it.
    const someone = set.cohort.candidates[0]!;
    for (const slip of [`{"surname":"${someone.surname.toUpperCase()}"}`, `pnc=${someone.pnc.long}`, `row for ${someone.pnc.short}`, `dob ${formatDmy(someone.dob)}`, `"dob":"${someone.dob}"`, `key ${TEST_PASSPHRASE}`]) {
      expect(needles.some((n) => n.pattern.test(slip)), slip).toBe(true);
    }
    const leaks: string[] = [];
    for (const { source, text } of captured) {
      for (const needle of needles) {
        if (needle.pattern.test(text)) leaks.push(`${needle.what} in ${source}: ${text.slice(0, 200)}`);
      }
    }
    expect(leaks.slice(0, 20)).toEqual([]);
  }, 120_000);
});
