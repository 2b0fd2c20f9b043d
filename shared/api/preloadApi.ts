import type { CallResult } from './defineCall';
import type { CallName } from './contract';

/** What the preload puts on `window.iomApi`: one function per contract call, answering a CallResult. */
/** What the preload puts on `window.iomFiles`: the path of a file dropped onto the page. */
export interface DroppedFiles {
  pathForFile(file: File): string;
}

export type PreloadApi = { readonly [N in CallName]: (input: unknown) => Promise<CallResult<unknown>> };
