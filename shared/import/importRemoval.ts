import type { ImportRemoval } from './importSchemas';

/** Sentences for the CLI and the screens. */
export function describeRemoval(removal: ImportRemoval): string[] {
  const n = (value: number, one: string, many = `${one}s`) => `${value.toLocaleString('en-GB')} ${value === 1 ? one : many}`;
  const lines = [
    `${n(removal.peopleRemoved, 'person', 'people')} removed (created by this import and named by nothing else)${removal.peopleKept ? `; ${n(removal.peopleKept, 'person', 'people')} it created kept, as another list, a link decision or the panel's work names them` : ''}.`,
    `${n(removal.arrestsRemoved, 'arrest')} and ${n(removal.flagsRemoved, 'flag')} removed.`,
  ];
  for (const change of removal.flagChanges) lines.push(`  ${change.flag}: ${change.before.toLocaleString('en-GB')} → ${change.after.toLocaleString('en-GB')} people`);
  if (removal.valuesRemoved) lines.push(`${n(removal.valuesRemoved, 'value')} it set on people go back to what an earlier list gave, or empty.`);
  if (removal.peopleLeavingLongList) lines.push(`${n(removal.peopleLeavingLongList, 'person', 'people')} leave the long list.`);
  if (removal.reviewsPending || removal.linkDecisionsUndone) lines.push(`${n(removal.reviewsPending, 'pending link review')} dropped; ${n(removal.linkDecisionsUndone, 'link decision')} on its rows undone.`);
  if (removal.rowsSetAsideRemoved) lines.push(`${n(removal.rowsSetAsideRemoved, 'set-aside row')} (rejected, skipped, unmatched) removed with it.`);
  if (removal.replacedImportId !== null) lines.push(`It had replaced import ${removal.replacedImportId}, which this does not bring back: import that file again if it is wanted.`);
  return lines;
}
