import type { CallResult } from './defineCall';
import type { CallName } from './contract';

/** What the preload puts on `window.iomApi`: one function per contract call, answering a CallResult. */
export type PreloadApi = { readonly [N in CallName]: (input: unknown) => Promise<CallResult<unknown>> };
