import type { ImportRemoval } from '../../shared/import/importSchemas';
import { importKindLabel } from '../../shared/domain/importKinds';
import { describeRemoval, previewImportUndo, undoImport } from '../import/importUndo';
import { CliError } from './cliError';
import { workspaceCommandArgs } from './commandArgs';
import { withCliWorkspace } from './cliWorkspace';
import type { CliIo } from './cli';

export const UNDO_IMPORT_USAGE = `  undo-import <workspace> <IMPORT_ID> [--yes] [--json]
                                     what undoing an import would remove; with --yes, undo it (one audited transaction)`;

/** People a preview names in the terminal; the rest are counted. */
const NAMED_IN_TERMINAL = 20;

/** The preview as the terminal shows it, for undo-import and for import --replace. */
function printRemoval(removal: ImportRemoval, io: CliIo, heading: string): void {
  io.out(`${heading} import ${removal.importId}: ${removal.fileName} as ${importKindLabel(removal.kind)}, imported ${removal.importedAt}`);
  for (const line of describeRemoval(removal)) io.out(`  ${line}`);
  printRemovedPeople(removal, io);
}

/** The people a removal takes, by id and name: what the analyst checks before saying yes. */
export function printRemovedPeople(removal: ImportRemoval, io: CliIo): void {
  const named = removal.peopleRemovedSample.slice(0, NAMED_IN_TERMINAL);
  for (const person of named) io.out(`    person ${person.personId}: ${person.name}${person.pnc ? ` (${person.pnc})` : ''}`);
  if (removal.peopleRemoved > named.length) io.out(`    … and ${(removal.peopleRemoved - named.length).toLocaleString('en-GB')} more`);
}

function importIdOf(text: string | undefined): number {
  const id = Number(text);
  if (text === undefined || !Number.isInteger(id) || id <= 0) throw new CliError('Say which import: <IMPORT_ID> (the number `summary` and the Import screen show).', 64);
  return id;
}

/** Exported for `import --replace`, which reads its id the same way. */
export { importIdOf };

export async function undoImportCommand(args: string[], io: CliIo, actor: () => string): Promise<void> {
  const { values, workspacePath, rest } = workspaceCommandArgs(args, { yes: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } });
  const importId = importIdOf(rest[0]);
  const removal = await withCliWorkspace(workspacePath, (workspace) => (values.yes ? undoImport(workspace, importId, actor()) : previewImportUndo(workspace, importId, actor())));
  if (values.json) io.out(JSON.stringify({ undone: values.yes, ...removal }, null, 2));
  else printRemoval(removal, io, values.yes ? 'Undone:' : 'Undoing would remove, from');
  if (!values.yes) throw new CliError(`Nothing was changed: run again with --yes to undo import ${importId}.`, 2);
}
