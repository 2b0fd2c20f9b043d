import { possibleDuplicatePncs } from '../links/duplicatePncReport';
import { workspaceCommandArgs } from './commandArgs';
import { withCliWorkspace } from './cliWorkspace';
import type { CliIo } from './cli';

export const DUPLICATE_PNCS_USAGE = `  duplicate-pncs <workspace> [--json]
                                     people with different valid PNCs whose names and date of birth agree (never merged)`;

export async function duplicatePncsCommand(args: string[], io: CliIo): Promise<void> {
  const { values, workspacePath } = workspaceCommandArgs(args, { json: { type: 'boolean', default: false } });
  const report = await withCliWorkspace(workspacePath, (workspace) => possibleDuplicatePncs(workspace.db));
  if (values.json) {
    io.out(JSON.stringify(report, null, 2));
    return;
  }
  io.out(`${report.total.toLocaleString('en-GB')} possible duplicate PNC record${report.total === 1 ? '' : 's'} (different valid PNCs, names and date of birth alike):`);
  for (const pair of report.pairs) {
    io.out(`  ${pair.people.map((p) => `person ${p.personId} ${p.pnc} ${[p.forenames, p.surname].filter(Boolean).join(' ')} ${p.dob ?? ''}`.trim()).join('  ~  ')}  (score ${pair.score.toFixed(1)})`);
  }
  if (report.total > report.pairs.length) io.out(`  … and ${(report.total - report.pairs.length).toLocaleString('en-GB')} more (--json lists the first ${report.pairs.length})`);
  if (report.groupsTooLarge) io.out(`  ${report.groupsTooLarge.toLocaleString('en-GB')} surname and date-of-birth group${report.groupsTooLarge === 1 ? '' : 's'} of more than ${report.maxGroup} people not paired up.`);
}
