import type { ChosenFile, FilePurpose } from '../../shared/api/chosenFile';
import type { DropPurpose } from '../../shared/api/preloadApi';
import { CallFailure, currentTransport } from './client';

/**
 * The page never names a file to main (issue 17.4): it holds what a dialog or a drop gave it (a
 * token with the file's location to show) or, in the browser preview only, a typed path that the
 * preview's picker turns into a token when the form is sent.
 */
export type FileChoice = { kind: 'typed'; path: string } | { kind: 'chosen'; file: ChosenFile };

export const NO_FILE: FileChoice = { kind: 'typed', path: '' };

/** What the file field shows. */
export function choiceText(choice: FileChoice): string {
  return choice.kind === 'chosen' ? choice.file.location : choice.path;
}

export function hasFile(choice: FileChoice): boolean {
  return choiceText(choice).trim() !== '';
}

/** Whether this host lets a path be typed (the preview, which has no dialogs). */
export function pathsCanBeTyped(): boolean {
  return currentTransport().registerTypedPath !== undefined;
}

/** The token to send for this choice; a typed path is registered by the preview's picker first. */
export async function tokenFor(choice: FileChoice, purpose: FilePurpose): Promise<string> {
  if (choice.kind === 'chosen') return choice.file.token;
  const register = currentTransport().registerTypedPath;
  if (!register) throw new CallFailure({ code: 'invalid_input', message: 'Choose the file with Browse… or drop it on the window.' });
  const result = await register(choice.path.trim(), purpose);
  if (!result.ok) throw new CallFailure(result.error);
  return result.value.token;
}

/** A file dropped on the page, registered by the preload; null where the host cannot tell a dropped file's path. */
export async function chooseDropped(file: File, purpose: DropPurpose): Promise<ChosenFile | null> {
  if (!window.iomFiles) return null;
  const result = await window.iomFiles.choose(file, purpose);
  if (!result.ok) throw new CallFailure(result.error);
  return result.value;
}
