import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { PURGE_CONFIRMATION, PURGE_REASONS, type Compaction, type PurgeReason } from '../../shared/maintenance/maintenanceSchemas';
import { isOneOf } from '../../shared/domain/closedSets';
import { formatBytes } from '../../shared/domain/numberFormat';
import { withCliWorkspace } from './cliWorkspace';
import { purgePerson } from '../maintenance/personPurge';
import { applyRetention, previewRetention } from '../maintenance/retentionRules';
import { backupWorkspace, restoreWorkspace } from '../maintenance/workspaceBackup';
import { CliError } from './cliError';
import { passphraseFromEnvOrPrompt, promptHidden } from './passphrasePrompt';
import type { CliIo } from './cli';

/** What cli.ts lends these commands, so the actor is named in one place. */
interface MaintenanceCommandContext {
  actor(): string;
}

export const MAINTENANCE_USAGE = `  purge <workspace> --person ID [--reason ${PURGE_REASONS.join('|')}] [--yes]
                                     erase one person and everything derived from them, then compact the file
  retention <workspace> [--apply --yes] [--json]
                                     how many people the retention rules would purge today; --apply purges them
  backup <workspace> <out.iomdb> [--force]
                                     an encrypted copy (same passphrase), checked by reopening it
  restore <backup.iomdb> <workspace> [--force]
                                     check a backup with its passphrase, then copy it to <workspace>`;

function describeCompaction(c: Compaction): string {
  if (!c.compacted) return 'The file could not be compacted now (another task is using it): run a purge or retention again later to finish.';
  return `File compacted: ${formatBytes(c.bytesBefore)} → ${formatBytes(c.bytesAfter)}${c.walCleared ? '' : ' (the write-ahead log is still in use and will be emptied when it is closed)'}.`;
}

function describeRemoved(removed: Record<string, number>): string {
  const parts = Object.entries(removed)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([table, n]) => `${table} ${n}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

/** Irreversible: asks for the word in a terminal, and needs --yes anywhere else. */
async function confirmPurge(yes: boolean, what: string): Promise<void> {
  if (yes) return;
  if (!process.stdin.isTTY) throw new CliError(`Refusing to ${what} without --yes.`, 64);
  const typed = await promptHidden(`This cannot be undone. Type ${PURGE_CONFIRMATION} to ${what}: `);
  if (typed.trim() !== PURGE_CONFIRMATION) throw new CliError('Not confirmed; nothing was changed.', 1);
}

function requirePath(value: string | undefined, what: string): string {
  if (!value) throw new CliError(`Missing ${what}.`, 64);
  return resolve(value);
}

export async function purgeCommand(args: string[], io: CliIo, ctx: MaintenanceCommandContext): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { person: { type: 'string' }, reason: { type: 'string', default: 'data_subject_request' }, yes: { type: 'boolean', default: false } } });
  const path = requirePath(positionals[0], '<workspace> path');
  const personId = Number(values.person);
  if (values.person === undefined || !Number.isInteger(personId) || personId <= 0) throw new CliError('Say which person: --person ID (the internal id shown on the person page and in the audit trail).', 64);
  if (!isOneOf(PURGE_REASONS, values.reason)) throw new CliError(`--reason must be one of: ${PURGE_REASONS.join(', ')}.`, 64);
  const result = await withCliWorkspace(path, async (workspace) => {
    await confirmPurge(values.yes, `purge person ${personId}`);
    return purgePerson(workspace, personId, ctx.actor(), values.reason as PurgeReason);
  });
  io.out(`Purged person ${result.personId}. Rows removed: ${describeRemoved(result.removed)}.`);
  io.out(describeCompaction(result.compaction));
  io.out('Backups made before now still hold this person: delete or replace them.');
}

export async function retentionCommand(args: string[], io: CliIo, ctx: MaintenanceCommandContext): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { apply: { type: 'boolean', default: false }, yes: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } });
  const path = requirePath(positionals[0], '<workspace> path');
  await withCliWorkspace(path, async (workspace) => {
    const preview = previewRetention(workspace);
    if (!values.apply) {
      if (values.json) {
        io.out(JSON.stringify(preview, null, 2));
        return;
      }
      const { policy, due } = preview;
      const rule = (days: number | null) => (days === null ? 'off' : `${days} days`);
      io.out(`Retention as of ${preview.asOf}: ${due.total} of ${preview.people} people due (${preview.protectedPeople} protected).`);
      io.out(`  not accepted by a panel (${rule(policy.notAcceptedAfterPanelDays)}): ${due.notAcceptedAfterPanel}`);
      io.out(`  never shortlisted (${rule(policy.neverShortlistedAfterImportDays)}): ${due.neverShortlisted}`);
      return;
    }
    await confirmPurge(values.yes, `purge ${preview.due.total} people`);
    const result = applyRetention(workspace, ctx.actor(), { expectedPeople: preview.due.total, confirmation: PURGE_CONFIRMATION });
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
      return;
    }
    io.out(`Purged ${result.purged} people under the retention rules. Rows removed: ${describeRemoved(result.removed)}.`);
    if (result.compaction) io.out(describeCompaction(result.compaction));
  });
}

export async function backupCommand(args: string[], io: CliIo, ctx: MaintenanceCommandContext): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  const path = requirePath(positionals[0], '<workspace> path');
  const out = requirePath(positionals[1], '<out.iomdb> path for the backup');
  const outcome = await withCliWorkspace(path, (workspace, passphrase) => backupWorkspace(workspace, out, passphrase, ctx.actor(), { replace: values.force }));
  io.out(`Backed up to ${outcome.path} (${formatBytes(outcome.bytes)}, ${outcome.people} people, ${outcome.auditEntries} audit entries). It opens with the workspace passphrase.`);
}

export async function restoreCommand(args: string[], io: CliIo, ctx: MaintenanceCommandContext): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { force: { type: 'boolean', default: false } } });
  const backup = requirePath(positionals[0], '<backup.iomdb> path');
  const target = requirePath(positionals[1], '<workspace> path to restore into');
  const passphrase = await passphraseFromEnvOrPrompt('IOM_PASSPHRASE', 'Backup passphrase: ');
  const outcome = restoreWorkspace(backup, target, passphrase, ctx.actor(), { replace: values.force });
  io.out(`Restored ${outcome.name} to ${outcome.path} (schema ${outcome.schemaVersion}, ${outcome.people} people${outcome.auditIntact ? '' : '; WARNING: its audit trail does not verify'}).`);
}
