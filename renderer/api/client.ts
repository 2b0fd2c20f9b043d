import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import type { CallError, ErrorCode } from '../../shared/api/defineCall';
import { detectTransport, type Transport } from './transport';

export class CallFailure extends Error {
  readonly code: ErrorCode;
  constructor(error: CallError) {
    super(error.message);
    this.code = error.code;
    this.name = 'CallFailure';
  }
}

let transport: Transport | null = null;
const lockedListeners = new Set<() => void>();

/** Screens subscribe so that any call finding the workspace locked (idle lock, suspend) drops their data. */
export function onWorkspaceLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

/** The typed client: the input and output types come from the same contract main validates against. */
export async function call<N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  transport ??= detectTransport();
  const result = await transport.invoke(name, input);
  if (result.ok) return result.value as CallOutput<N>;
  if (result.error.code === 'workspace_locked') for (const listener of lockedListeners) listener();
  throw new CallFailure(result.error);
}

export function transportKind(): Transport['kind'] {
  return currentTransport().kind;
}

export function currentTransport(): Transport {
  transport ??= detectTransport();
  return transport;
}

/** What a refused call or a failed promise says, for an error notice. */
export { errorMessage } from '../../shared/domain/errorMessage';
