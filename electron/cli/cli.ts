import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { basename, resolve } from 'node:path';
import { closeWorkspace, type OpenWorkspace } from '../workspace/workspaceFile';
import { ChangePassphraseInputSchema, CreateWorkspaceInputSchema, changeWorkspacePassphrase, createAuditedWorkspace } from '../workspace/workspaceAccess';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { summariseWorkspace } from '../workspace/workspaceSummary';
import { FLAG_NAMES } from '../../shared/domain/flags';
import { CliError, parseCliInput } from './cliError';
import { parseMapOptions, readMappingFile } from './mappingOptions';
import { importFile } from '../import/importEngine';
import { ReadingWorkerStart } from '../import/codedCsvRows';
import { previewImport } from '../import/previewImport';
import type { DemoMaker } from '../workspace/demoMaker';
import { IMPORT_KINDS, importKindLabel, isImportKindId } from '../../shared/domain/importKinds';
import type { ImportReport } from '../../shared/import/importSchemas';
import { ScenarioSchema, type BoroughCountingResult } from '../../shared/analysis/projection';
import type { ProjectionCrimeTypeId } from '../../shared/domain/crimeTypes';
import { SelectionRuleSetSchema } from '../../shared/shortlist/selectionRules';
import { projectPopulation, runShortlist, type Population } from '../analysis/analysisService';
import { allPeopleRefs } from '../data/people';
import { withWorkspaceUnitCosts } from '../settings/scenarioUnitCosts';
import { passphraseFromEnvironment, promptHidden, takePassphraseVariables, type PassphraseVariable } from './passphrasePrompt';
import { EXPORT_USAGE, exportCommand } from './exportCommand';
import { AGENCY_RETURN_USAGE, agencyReturnCommand } from './agencySheetsCommand';
import { AUDIT_USAGE, auditCommand } from './auditCommand';
import { REPORT_USAGE, reportCommand } from './reportCommand';
import { PANEL_USAGE, panelCommand } from './panelCommand';
import { LINKS_USAGE, linksCommand } from './linksCommand';
import { INTAKE_USAGE, intakeCommand } from './intakeCommand';
import { CALIBRATION_USAGE, attributionCommand, calibrateCommand } from './calibrationCommand';
import { printTable } from './textTable';
import { TRACK_USAGE, trackCommand } from './trackCommand';
import { QUARTERLY_RETURN_USAGE, quarterlyReturnCommand } from './quarterlyReturnCommand';
import { cliActor, withCliWorkspace } from './cliWorkspace';
import { MAINTENANCE_USAGE, backupCommand, purgeCommand, restoreCommand, retentionCommand } from './maintenanceCommand';
import { DUPLICATE_PNCS_USAGE, duplicatePncsCommand } from './duplicatePncsCommand';
import { UNDO_IMPORT_USAGE, importIdOf, printRemovedPeople, undoImportCommand } from './importUndoCommand';

const USAGE = `Usage: iom-cohort <command> <workspace> [options]

Commands:
  init <workspace> [--name NAME]     create a new encrypted workspace
  summary <workspace> [--json]       people, arrests, imports and flag counts
  rekey <workspace>                  change the workspace passphrase
  demo <workspace>                   create a workspace filled with a synthetic, seed-shaped cohort
  import <workspace> <file> [--kind candidates|arrests|list:<flag>|pins] [--sheet NAME] [--json]
         [--map "HEADER=FIELD"]... [--mapping mapping.json]
                                     import a spreadsheet (one transaction; same file twice changes nothing);
                                     a later list adds to the earlier ones; --map names a column's field
                                     (or "ignore"), remembered for these headers
  import <workspace> <file> --replace IMPORT_ID [--yes]
                                     replace an earlier import of the same kind: shows what goes; --yes does it
${UNDO_IMPORT_USAGE}
${DUPLICATE_PNCS_USAGE}
  project <workspace> --scenario scenario.json [--population longList|all|shortlist|accepted|tranche:YYYY-MM] [--json]
                                     crime-reduction projection, a row per crime type with its working
  shortlist <workspace> --rules rules.json [--json]
                                     apply selection rules to capacity and save the shortlist
${LINKS_USAGE}
${PANEL_USAGE}
${INTAKE_USAGE}
${CALIBRATION_USAGE}
${TRACK_USAGE}
${QUARTERLY_RETURN_USAGE}
${EXPORT_USAGE}
${AGENCY_RETURN_USAGE}
${AUDIT_USAGE}
${REPORT_USAGE}
${MAINTENANCE_USAGE}

The passphrase comes from IOM_PASSPHRASE or is asked for; a new one (init, rekey) from
IOM_NEW_PASSPHRASE or is asked for twice. It is never taken from the command line.`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const actor = cliActor;

const withWorkspace = <T>(path: string, run: (workspace: OpenWorkspace) => T | Promise<T>): Promise<T> => withCliWorkspace(path, (workspace) => run(workspace));

async function newPassphrase(envVariable: PassphraseVariable): Promise<{ passphrase: string; confirmation: string }> {
  const fromEnv = passphraseFromEnvironment(envVariable);
  if (fromEnv) return { passphrase: fromEnv, confirmation: fromEnv };
  const passphrase = await promptHidden('New passphrase: ');
  const confirmation = await promptHidden('Repeat the new passphrase: ');
  return { passphrase, confirmation };
}

export interface CliRunOptions {
  /**
   * The script an import's CSV reading worker starts from. The built CLI starts one from itself;
   * the app's executable (`--cli`) names its import worker, since its main bundle cannot be a worker.
   */
  readonly lineWorkerScript?: string;
  /** How `report --pdf` prints inside the app's executable: its own Chromium, no other browser needed. */
  readonly printPdf?: (html: string) => Promise<Uint8Array>;
  /**
   * How `demo` makes the demo workspace: in this thread for the built CLI (cliMain.ts), in the demo
   * worker for the app's executable, whose main bundle does not carry the synthetic-cohort generator.
   */
  readonly makeDemo?: DemoMaker;
}

type Command = (args: string[], io: CliIo, options: CliRunOptions) => Promise<void>;

function requireWorkspacePath(positionals: string[]): string {
  const path = positionals[0];
  if (!path) throw new CliError(`Missing <workspace> path.\n${USAGE}`, 64);
  return resolve(path);
}

function printImportReport(report: ImportReport, io: CliIo): void {
  io.out(`${report.fileName}${report.sheet ? ` [${report.sheet}]` : ''} as ${importKindLabel(report.kind)}${report.status === 'duplicate' ? '' : ` (import ${report.importId})`}`);
  for (const message of report.messages) io.out(`  ${message}`);
  const shown = report.issues.filter((i) => i.disposition !== 'skipped' || !i.reason.startsWith('blank')).slice(0, 20);
  for (const issue of shown) io.out(`  row ${issue.rowNumber} ${issue.disposition}: ${issue.reason}`);
  if (report.issues.length > shown.length || report.issuesTruncated) io.out('  (more rows in the workspace; see the Import screen)');
}

function readJsonFile<T>(file: string, schema: z.ZodType<T>, what: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (error) {
    throw new CliError(`Cannot read the ${what} file ${file}: ${error instanceof SyntaxError ? 'it is not valid JSON' : 'it could not be opened'}.`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new CliError(`The ${what} file ${file} is not valid: ${issues}.`);
  }
  return parsed.data;
}

/** `--population`: longList, all, shortlist, accepted (the panel's accepted cohort) or tranche:YYYY-MM. */
function projectionPopulationArgument(text: string): Population {
  if (text === 'longList' || text === 'all' || text === 'shortlist' || text === 'accepted') return { kind: text };
  const tranche = /^tranche:(\d{4}-(0[1-9]|1[0-2]))$/.exec(text);
  if (tranche) return { kind: 'tranche', month: tranche[1]! };
  throw new CliError('--population must be longList, all, shortlist, accepted or tranche:YYYY-MM (an intake month).', 64);
}

/** With borough counting, each row says how many of its arrests were outside the borough and not counted. */
function outOfBorough(counting: BoroughCountingResult | null, crimeType: ProjectionCrimeTypeId): { borough?: string; outOfBoroughArrests?: number; boroughNotRecordedArrests?: number } {
  if (!counting) return {};
  return {
    borough: counting.borough,
    outOfBoroughArrests: crimeType === 'all' ? counting.outOfBorough : (counting.outOfBoroughByType[crimeType] ?? 0),
    ...(crimeType === 'all' ? { boroughNotRecordedArrests: counting.notRecorded } : {}),
  };
}

const PROJECTION_COLUMNS = ['crimeType', 'arrests', 'arrestsPerYear', 'allegationsPerArrest', 'offencesPerYear', 'offencesPerYearAfter', 'reductionPerYear', 'shareOfBorough', 'costSavingPerYear'] as const;

function formatFigure(value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
}

const commands: Record<string, Command> = {
  async init(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' } } });
    const path = requireWorkspacePath(positionals);
    const { passphrase, confirmation } = passphraseFromEnvironment('IOM_PASSPHRASE') !== undefined ? await newPassphrase('IOM_PASSPHRASE') : await newPassphrase('IOM_NEW_PASSPHRASE');
    const input = parseCliInput(CreateWorkspaceInputSchema, { name: values.name ?? basename(path).replace(/\.iomdb$/i, ''), passphrase, confirmation });
    const workspace = createAuditedWorkspace(path, input, { actor: actor(), via: 'cli' });
    closeWorkspace(workspace);
    io.out(`Created encrypted workspace ${path} (schema ${workspace.schemaVersion}).`);
  },

  async summary(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
    const summary = await withWorkspace(requireWorkspacePath(positionals), (workspace) => summariseWorkspace(workspace));
    if (values.json) {
      io.out(JSON.stringify(summary, null, 2));
      return;
    }
    io.out(`${summary.name} (schema ${summary.schemaVersion})`);
    io.out(`  people    ${summary.people}`);
    io.out(`  arrests   ${summary.arrests}`);
    io.out(`  imports   ${summary.imports}`);
    for (const flag of FLAG_NAMES) io.out(`  ${flag.padEnd(14)}${summary.flags[flag]}`);
    if (summary.pendingLinkReviews) io.out(`  link reviews pending: ${summary.pendingLinkReviews}`);
  },

  async import(args, io, options) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { kind: { type: 'string' }, sheet: { type: 'string' }, map: { type: 'string', multiple: true }, mapping: { type: 'string' }, json: { type: 'boolean', default: false }, replace: { type: 'string' }, yes: { type: 'boolean', default: false } },
    });
    const path = requireWorkspacePath(positionals);
    const file = positionals[1];
    const replaceImportId = values.replace === undefined ? undefined : importIdOf(values.replace);
    // Replacing takes data away: without --yes it is worked out, shown and rolled back.
    const dryRun = replaceImportId !== undefined && !values.yes;
    if (!file) throw new CliError('Missing <file> to import.', 64);
    if (values.kind !== undefined && !isImportKindId(values.kind)) throw new CliError(`Unknown --kind "${values.kind}". Use one of: ${IMPORT_KINDS.join(', ')}.`, 64);
    // The mapping file first, then each --map, so a --map can correct one line of a shared file.
    const overrides = [...(values.mapping ? readMappingFile(values.mapping) : []), ...parseMapOptions(values.map ?? [])];
    const sheet = values.sheet ? { sheet: values.sheet } : {};
    // The built CLI reads a large CSV in a worker started from itself (see cliMain.ts), started
    // now so that it is ready by the time the workspace's key is derived.
    const lineWorkerScript = options.lineWorkerScript ?? (__filename.endsWith('.js') ? __filename : undefined);
    const readingWorker = lineWorkerScript ? new ReadingWorkerStart(lineWorkerScript) : undefined;
    const report = await withWorkspace(path, async (workspace) => {
      // Without --kind the file's columns and name decide, as on the Import screen.
      const kind = values.kind !== undefined && isImportKindId(values.kind) ? values.kind : (await previewImport(workspace, { path: resolve(file), ...sheet, overrides })).suggestedKind;
      if (!kind) throw new CliError(`Cannot tell what kind of list ${file} is; say --kind (one of: ${IMPORT_KINDS.join(', ')}).`, 64);
      return importFile(workspace, { path: resolve(file), kind, ...sheet, overrides, ...(replaceImportId !== undefined ? { replaceImportId, dryRun } : {}) }, {
        actor: actor(),
        readingWorker,
        privateConnection: true,
        onProgress: values.json || !process.stderr.isTTY ? undefined : (p) => process.stderr.write(`\r  ${p.phase}: ${p.rows.toLocaleString('en-GB')} rows${p.fraction === null ? '' : ` (${Math.round(p.fraction * 100)}%)`}   `),
      });
    }).finally(() => readingWorker?.stop());
    if (!values.json && process.stderr.isTTY) process.stderr.write('\n');
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printImportReport(report, io);
    if (report.replaced && !values.json) printRemovedPeople(report.replaced, io);
    if (dryRun) throw new CliError(`Nothing was changed: run again with --yes to replace import ${replaceImportId} with this file.`, 2);
  },

  async demo(args, io, options) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const path = requireWorkspacePath(positionals);
    if (!options.makeDemo) throw new CliError('This build cannot make the demo workspace.', 70);
    const { passphrase, confirmation } = passphraseFromEnvironment('IOM_PASSPHRASE') !== undefined ? await newPassphrase('IOM_PASSPHRASE') : await newPassphrase('IOM_NEW_PASSPHRASE');
    const { workspace, files } = await options.makeDemo(path, { passphrase, confirmation }, { actor: actor(), via: 'cli' }, (name) => io.err(`  importing ${name}`));
    try {
      const summary = summariseWorkspace(workspace);
      io.out(`Created demo workspace ${path}: ${summary.people} people, ${summary.arrests} arrests from ${files} synthetic files (no real data).`);
    } finally {
      closeWorkspace(workspace);
    }
  },

  async project(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { scenario: { type: 'string' }, population: { type: 'string', default: 'longList' }, json: { type: 'boolean', default: false } } });
    const path = requireWorkspacePath(positionals);
    if (!values.scenario) throw new CliError('Missing --scenario scenario.json.', 64);
    const scenario = readJsonFile(values.scenario, ScenarioSchema, 'scenario');
    const population = projectionPopulationArgument(values.population);
    const { result, filled } = await withWorkspace(path, (workspace) => {
      const costed = withWorkspaceUnitCosts(workspace, scenario);
      return { result: projectPopulation(workspace, costed.scenario, population), filled: costed.filled };
    });
    const fromWorkspace = new Map(filled.map((f) => [f.crimeType, f.source]));
    if (values.json) {
      io.out(JSON.stringify(result.rows.map((r) => ({ ...Object.fromEntries(PROJECTION_COLUMNS.map((c) => [c, r[c]])), label: r.label, reductionRate: r.reductionRate, reductionRateUsed: result.reductionRateUsed, boroughOffencesPerYear: r.boroughOffencesPerYear, unitCost: r.unitCost, unitCostFrom: r.unitCost === null ? null : fromWorkspace.has(r.crimeType) ? 'workspace' : 'scenario', ...outOfBorough(result.boroughCounting ?? null, r.crimeType), working: r.working, ranges: r.ranges })), null, 2));
      return;
    }
    io.out(`${result.scenarioName}: ${result.population}, ${result.windowDescription}, reduction ${formatFigure(result.reductionRate.central * 100)}% (range ${formatFigure(result.reductionRate.low * 100)}–${formatFigure(result.reductionRate.high * 100)}%)`);
    io.out(`Reduction rate used: ${result.reductionRateUsed}`);
    if (result.boroughCounting) io.out(`Borough counting: ${result.boroughCounting.working}${result.boroughCounting.elsewhere.length ? ` (elsewhere: ${result.boroughCounting.elsewhere.map((e) => `${e.borough} ${e.arrests}`).join(', ')})` : ''}`);
    if (filled.length > 0) io.out(`Unit costs not in the scenario, so the workspace's defaults (Settings › Unit costs) were used: ${filled.map((f) => `${f.crimeType} £${formatFigure(f.unitCost)} (${f.source})`).join('; ')}`);
    printTable(PROJECTION_COLUMNS, result.rows.map((r) => PROJECTION_COLUMNS.map((c) => {
      const v = r[c];
      if (c === 'shareOfBorough') return v === null ? '—' : `${formatFigure((v as number) * 100)}%`;
      if (c === 'costSavingPerYear') return v === null ? '—' : `£${formatFigure(Math.round(v as number))}`;
      return formatFigure(v as number | string | null);
    })), io);
    io.out('Working:');
    for (const r of result.rows) io.out(`  ${r.crimeType}: ${r.working.arrestsPerYear}; ${r.working.offencesPerYear}; ${r.working.reductionPerYear}`);
    if (result.totalCostSavingPerYear) io.out(`Cost of crime avoided per year: £${formatFigure(Math.round(result.totalCostSavingPerYear.value))} (${result.totalCostSavingPerYear.working})`);
  },

  async shortlist(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { rules: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const path = requireWorkspacePath(positionals);
    if (!values.rules) throw new CliError('Missing --rules rules.json.', 64);
    const ruleSet = readJsonFile(values.rules, SelectionRuleSetSchema, 'rules');
    const { run, people } = await withWorkspace(path, (workspace) => {
      const run = runShortlist(workspace, ruleSet, actor());
      const people = new Map(allPeopleRefs(workspace.db).map((p) => [p.id, p]));
      return { run, people };
    });
    const { summary, results } = run.shortlist;
    const rows = results.map((r) => {
      const p = people.get(r.personId);
      return { personId: r.personId, ref: p?.ref ?? null, pnc: p?.pnc ?? null, surname: p?.surname ?? null, forenames: p?.forenames ?? null, status: r.status, reason: r.reason, rank: r.rank ?? null, score: r.score ?? null, priorityGroups: r.priorityGroups, arrestsInWindow: r.arrestsInWindow };
    });
    if (values.json) {
      io.out(JSON.stringify({ shortlistId: run.shortlistId, ruleSet: { id: run.ruleSetId, name: ruleSet.name, version: run.ruleSetVersion }, summary, selected: run.shortlist.selected, results: rows }, null, 2));
      return;
    }
    io.out(`Shortlist ${run.shortlistId} from "${ruleSet.name}" v${run.ruleSetVersion}: ${summary.counts.included} included of capacity ${summary.capacity} (${summary.capacityWorking})`);
    io.out(`  excluded ${summary.counts.excluded}, over capacity ${summary.counts.over_capacity}, not eligible ${summary.counts.not_eligible}; ranking: ${summary.rankingFormula}`);
    const byPosition = new Map(run.shortlist.selected.map((id, i) => [id, i + 1]));
    const ordered = [...rows].sort((a, b) => (byPosition.get(a.personId) ?? 1e9) - (byPosition.get(b.personId) ?? 1e9) || a.personId - b.personId);
    printTable(['#', 'PNC', 'Name', 'Arrests', 'Status', 'Reason'], ordered.map((r) => [String(byPosition.get(r.personId) ?? ''), r.pnc ?? '', `${r.surname ?? ''}, ${r.forenames ?? ''}`, String(r.arrestsInWindow), r.status, r.reason]), io);
  },

  calibrate: (args, io) => calibrateCommand(args, io, { withWorkspace }),

  attribution: (args, io) => attributionCommand(args, io),

  track: (args, io) => trackCommand(args, io, { withWorkspace, actor }),
  'quarterly-return': (args, io) => quarterlyReturnCommand(args, io, { withWorkspace, actor }),

  export: (args, io) => exportCommand(args, io, { withWorkspace, actor }),

  panel: (args, io) => panelCommand(args, io, { withWorkspace, actor }),
  links: (args, io) => linksCommand(args, io, { withWorkspace, actor }),
  intake: (args, io) => intakeCommand(args, io, { withWorkspace, actor }),

  'agency-return': (args, io) => agencyReturnCommand(args, io, { withWorkspace, actor }),

  audit: (args, io) => auditCommand(args, io, { withWorkspace, actor }),

  report: (args, io, options) => reportCommand(args, io, { withWorkspace, actor, ...(options.printPdf ? { printPdf: options.printPdf } : {}) }),

  purge: (args, io) => purgeCommand(args, io, { actor }),
  'undo-import': (args, io) => undoImportCommand(args, io, actor),
  'duplicate-pncs': (args, io) => duplicatePncsCommand(args, io),
  retention: (args, io) => retentionCommand(args, io, { actor }),
  backup: (args, io) => backupCommand(args, io, { actor }),
  restore: (args, io) => restoreCommand(args, io, { actor }),

  async rekey(args, io) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const path = requireWorkspacePath(positionals);
    await withCliWorkspace(path, async (workspace, current) => {
      const { passphrase: next, confirmation } = await newPassphrase('IOM_NEW_PASSPHRASE');
      changeWorkspacePassphrase(workspace, parseCliInput(ChangePassphraseInputSchema, { current, next, confirmation }), { actor: actor(), via: 'cli' });
    });
    io.out('Passphrase changed.');
  },
};

export async function runCli(argv: string[], io: CliIo, options: CliRunOptions = {}): Promise<number> {
  takePassphraseVariables();
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(USAGE);
    return command ? 0 : 64;
  }
  const run = commands[command];
  if (!run) {
    io.err(`iom-cohort: unknown command "${command}". Run iom-cohort --help.`);
    return 64;
  }
  try {
    await run(rest, io, options);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`iom-cohort: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof WorkspaceError) {
      io.err(`iom-cohort: ${error.message}`);
      return 2;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`iom-cohort: ${error.message}`);
      return 64;
    }
    const kind = error instanceof Error ? error.name : typeof error;
    io.err(`iom-cohort: unexpected ${kind}; nothing further was done.`);
    return 70;
  }
}
