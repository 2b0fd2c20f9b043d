import { basename, extname, resolve } from 'node:path';
import { QuarterlyReturnRequestSchema } from '../../shared/tracking/trackingSchemas';
import { writeRecordedExport } from '../exports/exportAudit';
import { auditQuarterlyReturn, buildQuarterlyReturn, quarterlyReturnRequest } from '../exports/quarterlyReturnExport';
import { CliError } from './cliError';
import { workspaceCommandArgs } from './commandArgs';
import { noteUnmarkedName, refuseToReplace } from './outputFile';
import { markingOption } from './markingOption';
import { FOLLOW_UP_OPTIONS, followUpRequestFields, optionIssues } from './followUpOptions';
import type { CliWorkspaceContext } from './cliWorkspace';
import type { CliIo } from './cli';

export const QUARTERLY_RETURN_USAGE = `  quarterly-return <workspace> --quarter 2013Q3 --out FILE.xlsx [--cohort auto|new|existing] [--scenario NAME]
        [--before 12] [--after 12] [--data-to YYYY-MM-DD] [--marking TEXT] [--force]
                                     the quarterly return for a calendar quarter (2013Q3 = Jul–Sep 2013), marked:
                                     cohort size, starts and exits by group, arrests and estimated offences
                                     before/after, cost of crime avoided, the comparison; never replaces a file
                                     without --force`;

/** `iom-cohort quarterly-return`: everything that can be checked without the passphrase is checked first. */
export async function quarterlyReturnCommand(args: string[], io: CliIo, ctx: CliWorkspaceContext): Promise<void> {
  const { values, workspacePath } = workspaceCommandArgs(args, {
    quarter: { type: 'string' },
    out: { type: 'string' },
    ...FOLLOW_UP_OPTIONS,
    marking: { type: 'string' },
    force: { type: 'boolean', default: false },
  });
  if (values.quarter === undefined) throw new CliError('Say which quarter: --quarter 2013Q3 (July to September 2013).', 64);
  if (values.out === undefined) throw new CliError('Say where to write the return: --out FILE.xlsx.', 64);
  const out = resolve(values.out);
  if (extname(out).toLowerCase() !== '.xlsx') throw new CliError(`--out ${basename(out)}: the file name must end in .xlsx.`, 64);
  const followUp = followUpRequestFields(values);
  const marking = markingOption(values.marking);
  const parsed = QuarterlyReturnRequestSchema.safeParse({ quarter: values.quarter, ...followUp });
  if (!parsed.success) throw optionIssues(parsed.error.issues);
  refuseToReplace(out, values.force);

  const actor = ctx.actor();
  const result = await ctx.withWorkspace(workspacePath, (workspace) => {
    const built = buildQuarterlyReturn(workspace, quarterlyReturnRequest(parsed.data, actor, marking));
    // The check above is a courtesy; this write is what refuses to replace a file (atomically).
    writeRecordedExport(workspace, out, built.bytes, { overwrite: values.force, action: 'export.quarterlyReturn', actor }, () => auditQuarterlyReturn(workspace, built, actor, 'cli'));
    return built;
  });
  io.out(`Wrote ${out}: ${result.description}.`);
  noteUnmarkedName(io, out, result);
}
