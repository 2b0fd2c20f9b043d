import type { CallResult } from './defineCall';
import type { CallName } from './contract';
import type { ChosenFile } from './chosenFile';

/** What the preload puts on `window.iomApi`: one function per contract call, answering a CallResult. */
export type PreloadApi = { readonly [N in CallName]: (input: unknown) => Promise<CallResult<unknown>> };

/** What a dropped file may be chosen for: reading it, or opening it as a workspace; never for writing over. */
export const DROP_PURPOSES = ['read', 'workspace-open'] as const;
export type DropPurpose = (typeof DROP_PURPOSES)[number];

/**
 * What the preload puts on `window.iomFiles`: a file dropped onto the page, registered with main
 * for a token. The preload reads the file's path itself (the page cannot see it) and sends it on
 * its own channel, outside the contract, so the page can register only files it was really given.
 */
export interface DroppedFiles {
  choose(file: File, purpose: DropPurpose): Promise<CallResult<ChosenFile>>;
}

/** The preload's channel for a dropped file; one place so preload and main cannot disagree. */
export const DROPPED_FILE_CHANNEL = 'iom-files:dropped';
