import { basename, extname, resolve } from 'node:path';
import { markingOption } from './markingOption';
import { DEFAULT_SHORTLIST_COLUMNS, parseShortlistColumns } from '../../shared/exports/shortlistExport';
import { auditShortlistExport, buildShortlistExport } from '../exports/shortlistExport';
import { writeRecordedExport } from '../exports/exportAudit';
import { CliError } from './cliError';
import { workspaceCommandArgs } from './commandArgs';
import { noteUnmarkedName, refuseToReplace } from './outputFile';
import type { CliWorkspaceContext } from './cliWorkspace';
import type { CliIo } from './cli';
import { AGENCY_SHEETS_USAGE, exportAgencySheetsCommand } from './agencySheetsCommand';

export const EXPORT_USAGE = `  export <workspace> --shortlist out.xlsx|out.csv [--marking TEXT] [--columns a,b,c] [--proposed] [--force]
                                     the panel's decided cohort (the proposed shortlist before any panel,
                                     or with --proposed), marked; never replaces a file without --force
${AGENCY_SHEETS_USAGE}`;

/**
 * `iom-cohort export`: one command, one branch per kind of export chosen by its flag. Every option
 * of every branch is declared here so parseArgs can stay strict.
 */
export async function exportCommand(args: string[], io: CliIo, ctx: CliWorkspaceContext): Promise<void> {
  const { values, workspacePath } = workspaceCommandArgs(args, {
    shortlist: { type: 'string' },
    'agency-sheets': { type: 'string' },
    marking: { type: 'string' },
    columns: { type: 'string' },
    proposed: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
  });
  if (values.shortlist !== undefined) {
    await exportShortlistCommand(workspacePath, { out: values.shortlist, marking: values.marking, columns: values.columns, proposed: values.proposed, force: values.force }, io, ctx);
    return;
  }
  if (values['agency-sheets'] !== undefined) {
    await exportAgencySheetsCommand(workspacePath, { dir: values['agency-sheets'], marking: values.marking, force: values.force }, io, ctx);
    return;
  }
  // Other kinds of export (the report, …) branch here on their own flag.
  throw new CliError('Say what to export: --shortlist out.xlsx|out.csv or --agency-sheets DIR.', 64);
}

interface ShortlistOptions {
  out: string;
  marking: string | undefined;
  columns: string | undefined;
  proposed: boolean;
  force: boolean;
}

/** Everything that can be checked without the passphrase is checked first, so a typo costs no prompt. */
async function exportShortlistCommand(workspacePath: string, options: ShortlistOptions, io: CliIo, ctx: CliWorkspaceContext): Promise<void> {
  const out = resolve(options.out);
  const extension = extname(out).toLowerCase();
  if (extension !== '.xlsx' && extension !== '.csv') throw new CliError(`--shortlist ${basename(out)}: the file name must end in .xlsx or .csv.`, 64);
  const format = extension === '.xlsx' ? 'xlsx' : 'csv';
  const marking = markingOption(options.marking);
  let columns = [...DEFAULT_SHORTLIST_COLUMNS];
  if (options.columns !== undefined) {
    const parsed = parseShortlistColumns(options.columns);
    if (!parsed.ok) throw new CliError(`--columns: ${parsed.message}`, 64);
    columns = parsed.columns;
  }
  refuseToReplace(out, options.force);

  const actor = ctx.actor();
  const result = await ctx.withWorkspace(workspacePath, (workspace) => {
    const built = buildShortlistExport(workspace, { source: options.proposed ? 'proposed' : 'auto', format, columns, ...(marking !== undefined ? { marking } : {}), actor });
    // The check above is a courtesy; this write is what refuses to replace a file (atomically).
    writeRecordedExport(workspace, out, built.bytes, { overwrite: options.force, action: 'export.shortlist', actor }, () => auditShortlistExport(workspace, built, actor, 'cli'));
    return built;
  });
  io.out(`Wrote ${out}: ${result.description}; ${result.columns} columns, ${format}.`);
  noteUnmarkedName(io, out, result);
}
