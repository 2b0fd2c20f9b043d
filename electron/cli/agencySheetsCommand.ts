import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { markingOption } from './markingOption';
import { exportAgencySheetsToDirectory } from '../exports/agencySheets/agencySheetExport';
import { importAgencyReturn } from '../exports/agencySheets/agencySheetReturn';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { CliError } from './cliError';
import { workspaceCommandArgs } from './commandArgs';
import type { CliIo } from './cli';
import type { CliWorkspaceContext } from './cliWorkspace';

export const AGENCY_SHEETS_USAGE = `  export <workspace> --agency-sheets DIR [--marking TEXT] [--force]
                                     one marked, protected pre-review .xlsx per agency (only its columns)
                                     of the proposed shortlist into DIR; replaces no file without --force`;

/** `iom-cohort export <workspace> --agency-sheets DIR`: every configured agency's sheet, all or none. */
export async function exportAgencySheetsCommand(workspacePath: string, options: { dir: string; marking: string | undefined; force: boolean }, io: CliIo, ctx: CliWorkspaceContext): Promise<void> {
  const dir = resolve(options.dir);
  const marking = markingOption(options.marking);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new CliError(`--agency-sheets ${options.dir}: that is a file, not a folder.`, 64);
  const actor = ctx.actor();
  const written = await ctx.withWorkspace(workspacePath, (workspace) => {
    try {
      return exportAgencySheetsToDirectory(workspace, dir, { actor, overwrite: options.force, ...(marking !== undefined ? { marking } : {}) });
    } catch (error) {
      if (error instanceof WorkspaceError && error.code === 'already_exists') throw new CliError(`${error.message.replace(/\.$/, '')} (add --force to replace).`, 73);
      throw error;
    }
  });
  io.out(`Wrote ${written.length} agency pre-review sheets to ${dir}:`);
  for (const sheet of written) io.out(`  ${sheet.agencyName}: ${sheet.path.slice(dir.length + 1)} (${sheet.rows} people, ${sheet.columns} columns + Ref and Comments)`);
}

export const AGENCY_RETURN_USAGE = `  agency-return <workspace> <file> [--replace] [--json]
                                     import an agency's returned pre-review sheet: its comments attach to
                                     the people by Ref (one transaction; the same file twice changes nothing);
                                     replacing the agency's current comments needs --replace`;

/** `iom-cohort agency-return <workspace> <file>`: the Exports screen's "Import returned sheet". */
export async function agencyReturnCommand(args: string[], io: CliIo, ctx: CliWorkspaceContext): Promise<void> {
  const { values, workspacePath, rest: [file] } = workspaceCommandArgs(args, { json: { type: 'boolean', default: false }, replace: { type: 'boolean', default: false } });
  if (!file) throw new CliError('Missing <file>: the returned sheet.', 64);
  const report = await ctx.withWorkspace(workspacePath, (workspace) => importAgencyReturn(workspace, resolve(file), ctx.actor(), { replace: values.replace }));
  if (report.status === 'needs_confirmation') {
    for (const message of report.messages) io.out(`  ${message}`);
    throw new CliError(`Nothing was imported: this return would replace ${report.agency.name}'s current comments. Run again with --replace to replace them.`, 1);
  }
  if (values.json) {
    io.out(JSON.stringify(report, null, 2));
    return;
  }
  io.out(`${report.fileName}: ${report.status === 'duplicate' ? 'already imported' : `${report.agency.name} return imported`}`);
  for (const message of report.messages) io.out(`  ${message}`);
  for (const issue of report.issues.slice(0, 30)) io.out(`  ${issue.message}`);
  if (report.issues.length > 30) io.out(`  (${report.issues.length - 30} more findings; see the Exports screen)`);
}
