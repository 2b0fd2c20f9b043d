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
import { passphraseFromEnvOrPrompt, promptHidden } from './passphrasePrompt';

const USAGE = `Usage: iom-cohort <command> <workspace> [options]

Commands:
  init <workspace> [--name NAME]     create a new encrypted workspace
  summary <workspace> [--json]       people, arrests, imports and flag counts
  rekey <workspace>                  change the workspace passphrase

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
