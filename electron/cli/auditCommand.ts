import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { writeRecordedExport } from '../exports/exportAudit';
import { buildAuditCsv, checkExportedHead, formatAuditHead, parseAuditHead, recordAuditExport, verifyAudit } from '../audit/auditService';
import type { AuditVerificationResult } from '../../shared/audit/auditSchemas';
import { CliError } from './cliError';
import { workspaceCommandArgs } from './commandArgs';
import type { CliWorkspaceContext } from './cliWorkspace';
import type { CliIo } from './cli';

export const AUDIT_USAGE = `  audit <workspace> --verify [--expect-head ID:HASH] [--json]
                                     check the hash-chained audit trail; exit 1 naming the first
                                     broken entry; --expect-head checks against an earlier export
  audit <workspace> --export out.csv [--force]
                                     the whole audit trail as CSV, marked, with its verification`;

/** Exit code of a verification that found the trail altered: the check ran, its answer is "no". */
const AUDIT_BROKEN_EXIT = 1;

function brokenLine(result: AuditVerificationResult): string {
  if (result.brokenAtId === null) return `audit trail cannot be trusted: ${result.problem}. Keep the workspace file as it is and tell your information governance officer.`;
  const intactBefore = Math.max(0, (result.brokenAtId ?? 1) - 1);
  const before = intactBefore === 0 ? 'no entry before it' : intactBefore === 1 ? 'entry 1 is intact' : `entries 1 to ${intactBefore} are intact`;
  return `audit trail broken at entry ${result.brokenAtId}: ${result.problem} (${before}).`;
}

/**
 * `iom-cohort audit`: `--verify` walks the chain (read only, nothing is written); `--export` writes
 * the CSV for the information governance officer and audits that export. Both may be given.
 */
export async function auditCommand(args: string[], io: CliIo, ctx: CliWorkspaceContext): Promise<void> {
  const { values, workspacePath } = workspaceCommandArgs(args, {
    verify: { type: 'boolean', default: false },
    'expect-head': { type: 'string' },
    export: { type: 'string' },
    force: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  });
  if (!values.verify && values.export === undefined) throw new CliError('Say what to do: --verify, or --export out.csv.', 64);
  if (values.export !== undefined && !values.export.trim()) throw new CliError('--export needs a file name, e.g. --export audit.csv.', 64);
  const expectHead = values['expect-head'] === undefined ? undefined : parseAuditHead(values['expect-head']);
  if (expectHead === null) throw new CliError('--expect-head must be ID:HASH as printed in an export footer (e.g. 120:3fa4…, 64 hex digits).', 64);
  const outPath = values.export === undefined ? undefined : resolve(values.export);
  // A courtesy check before the passphrase is asked for; the atomic write is what really refuses.
  if (outPath !== undefined && !values.force && existsSync(outPath)) throw new CliError(`${basename(outPath)} already exists; add --force to replace it.`);

  const outcome = await ctx.withWorkspace(workspacePath, (workspace) => {
    const verification = verifyAudit(workspace);
    const headCheck = expectHead && verification.ok ? checkExportedHead(workspace, expectHead) : null;
    let exported: { entries: number; fileName: string } | null = null;
    if (outPath !== undefined) {
      const actor = ctx.actor();
      const csv = buildAuditCsv(workspace, {}, actor);
      try {
        writeRecordedExport(workspace, outPath, csv.csv, { overwrite: values.force, action: 'export.audit', actor }, () => recordAuditExport(workspace, csv, {}, actor, 'cli'));
      } catch (error) {
        if (error instanceof WorkspaceError && error.code === 'already_exists') throw new CliError(`${basename(outPath)} already exists; add --force to replace it.`);
        throw error;
      }
      exported = { entries: csv.entries, fileName: outPath };
    }
    return { verification, headCheck, exported };
  });

  const { verification, headCheck, exported } = outcome;
  if (values.json) {
    io.out(JSON.stringify({
      ok: verification.ok && (headCheck?.ok ?? true),
      entries: verification.entries,
      head: verification.head,
      brokenAtId: verification.brokenAtId,
      problem: verification.problem ?? (headCheck && !headCheck.ok ? headCheck.problem : null),
      ...(expectHead ? { expectedHead: expectHead, expectedHeadOk: headCheck?.ok ?? false } : {}),
      ...(exported ? { exported: { path: exported.fileName, entries: exported.entries } } : {}),
    }, null, 2));
  } else {
    if (exported) io.out(`Wrote ${exported.entries.toLocaleString('en-GB')} audit entries to ${exported.fileName}.`);
    if (verification.ok) io.out(`Audit trail intact: ${verification.entries.toLocaleString('en-GB')} entries; head ${formatAuditHead(verification.head)}.`);
    if (headCheck?.ok) io.out(`Entries 1 to ${expectHead!.id} are exactly as at the earlier export.`);
  }
  if (!verification.ok) {
    if (values.verify) throw new CliError(brokenLine(verification), AUDIT_BROKEN_EXIT);
    // An export of a broken trail is still written (the officer needs it), but never silently.
    io.err(`iom-cohort: warning: ${brokenLine(verification)}`);
  }
  if (headCheck && !headCheck.ok) throw new CliError(`audit trail does not match the earlier export: ${headCheck.problem}.`, AUDIT_BROKEN_EXIT);
}
