import { parseArgs } from 'node:util';
import { basename, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { createWorkspaceFile, openWorkspaceFile, closeWorkspace, rekeyWorkspace, type OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { summariseWorkspace } from '../services/workspaceSummary';
import { checkNewPassphrase } from '../../shared/passphrasePolicy';
import { FLAG_NAMES } from '../../shared/domain/flags';
import { CliError } from './cliError';
import { importFile } from '../import/importEngine';
import { buildDemoWorkspace } from '../services/demoWorkspace';
import { IMPORT_KINDS, importKindLabel, isImportKindId } from '../../shared/domain/importKinds';
import type { ImportReport } from '../../shared/api/importCalls';
import { passphraseFromEnvOrPrompt, promptHidden } from './passphrasePrompt';

const USAGE = `Usage: iom-cohort <command> <workspace> [options]

Commands:
  init <workspace> [--name NAME]     create a new encrypted workspace
  summary <workspace> [--json]       people, arrests, imports and flag counts
  rekey <workspace>                  change the workspace passphrase
  demo <workspace>                   create a workspace filled with a synthetic, seed-shaped cohort
  import <workspace> <file> [--kind candidates|arrests|list:<flag>|pins] [--sheet NAME] [--json]
                                     import a spreadsheet (one transaction; same file twice changes nothing)

The passphrase comes from IOM_PASSPHRASE or is asked for; a new one (init, rekey) from
IOM_NEW_PASSPHRASE or is asked for twice. It is never taken from the command line.`;

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const actor = (): string => userInfo().username;

async function withWorkspace<T>(path: string, run: (workspace: OpenWorkspace) => T | Promise<T>): Promise<T> {
  const passphrase = await passphraseFromEnvOrPrompt('IOM_PASSPHRASE', 'Workspace passphrase: ');
  const workspace = openWorkspaceFile(path, passphrase);
  try {
    return await run(workspace);
  } finally {
    closeWorkspace(workspace);
  }
}

async function newPassphrase(envVariable: string): Promise<{ passphrase: string; confirmation: string }> {
  const fromEnv = process.env[envVariable];
  if (fromEnv) return { passphrase: fromEnv, confirmation: fromEnv };
  const passphrase = await promptHidden('New passphrase: ');
  const confirmation = await promptHidden('Repeat the new passphrase: ');
  return { passphrase, confirmation };
}

type Command = (args: string[], io: CliIo) => Promise<void>;

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

const commands: Record<string, Command> = {
  async init(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' } } });
    const path = requireWorkspacePath(positionals);
    const { passphrase, confirmation } = process.env.IOM_PASSPHRASE
      ? { passphrase: process.env.IOM_PASSPHRASE, confirmation: process.env.IOM_PASSPHRASE }
      : await newPassphrase('IOM_NEW_PASSPHRASE');
    const workspace = createWorkspaceFile(path, values.name ?? basename(path).replace(/\.iomdb$/i, ''), passphrase, confirmation);
    appendAudit(workspace.db, { actor: actor(), action: 'workspace.create', detail: { via: 'cli' } });
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

  async import(args, io) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { kind: { type: 'string' }, sheet: { type: 'string' }, json: { type: 'boolean', default: false } } });
    const path = requireWorkspacePath(positionals);
    const file = positionals[1];
    if (!file) throw new CliError('Missing <file> to import.', 64);
    const kind = values.kind ?? 'candidates';
    if (!isImportKindId(kind)) throw new CliError(`Unknown --kind "${kind}". Use one of: ${IMPORT_KINDS.join(', ')}.`, 64);
    const report = await withWorkspace(path, (workspace) =>
      importFile(workspace, { path: resolve(file), kind, ...(values.sheet ? { sheet: values.sheet } : {}) }, {
        actor: actor(),
        onProgress: values.json || !process.stderr.isTTY ? undefined : (p) => process.stderr.write(`\r  ${p.phase}: ${p.rows.toLocaleString('en-GB')} rows${p.fraction === null ? '' : ` (${Math.round(p.fraction * 100)}%)`}   `),
      }),
    );
    if (!values.json && process.stderr.isTTY) process.stderr.write('\n');
    if (values.json) io.out(JSON.stringify(report, null, 2));
    else printImportReport(report, io);
  },

  async demo(args, io) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const path = requireWorkspacePath(positionals);
    const { passphrase, confirmation } = process.env.IOM_PASSPHRASE
      ? { passphrase: process.env.IOM_PASSPHRASE, confirmation: process.env.IOM_PASSPHRASE }
      : await newPassphrase('IOM_NEW_PASSPHRASE');
    const workspace = createWorkspaceFile(path, 'IOM demo (synthetic data)', passphrase, confirmation);
    try {
      appendAudit(workspace.db, { actor: actor(), action: 'workspace.create', detail: { via: 'cli', demo: true } });
      const reports = await buildDemoWorkspace(workspace, actor(), (name) => io.err(`  importing ${name}`));
      const summary = summariseWorkspace(workspace);
      io.out(`Created demo workspace ${path}: ${summary.people} people, ${summary.arrests} arrests from ${reports.length} synthetic files (no real data).`);
    } finally {
      closeWorkspace(workspace);
    }
  },

  async rekey(args, io) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
    const path = requireWorkspacePath(positionals);
    await withWorkspace(path, async (workspace) => {
      const { passphrase, confirmation } = await newPassphrase('IOM_NEW_PASSPHRASE');
      const check = checkNewPassphrase(passphrase, confirmation);
      if (!check.ok) throw new CliError(check.message);
      rekeyWorkspace(workspace, passphrase);
      appendAudit(workspace.db, { actor: actor(), action: 'workspace.rekey', detail: { via: 'cli' } });
    });
    io.out('Passphrase changed.');
  },
};

export async function runCli(argv: string[], io: CliIo): Promise<number> {
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
    await run(rest, io);
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

if (require.main === module) {
  void runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
