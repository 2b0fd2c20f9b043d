import { z } from 'zod';

/**
 * One renderer→main call: its input and output schemas and whether it needs an unlocked workspace.
 * Declared once here so main validates with the very schema the renderer's types come from.
 */
interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType, W extends boolean = boolean> {
  readonly input: I;
  readonly output: O;
  /**
   * Calls that read or write personal data refuse to run while the workspace is locked. Kept as a
   * literal type so a handler's signature can say whether it is handed the open workspace.
   */
  readonly requiresWorkspace: W;
  readonly summary: string;
}

export function defineCall<I extends z.ZodType, O extends z.ZodType, W extends boolean>(spec: CallSpec<I, O, W>): CallSpec<I, O, W> {
  return spec;
}

/**
 * A call that reads or writes the workspace's data, as most do: declared without spelling the
 * requirement each time, yet the definition still holds `requiresWorkspace: true` for the
 * dispatcher and the handler types to read.
 */
export function workspaceCall<I extends z.ZodType, O extends z.ZodType>(spec: Omit<CallSpec<I, O, true>, 'requiresWorkspace'>): CallSpec<I, O, true> {
  return defineCall({ summary: spec.summary, requiresWorkspace: true, input: spec.input, output: spec.output });
}

/**
 * Results of the pure analysis modules travel as their own TypeScript types: they are produced by
 * main from validated inputs, so the output check only confirms the shape is an object.
 */
export function resultOf<T>() {
  return z.custom<T>((value) => typeof value === 'object' && value !== null);
}

/** Joins per-domain call groups, refusing a name declared twice (a silent override would hide a handler). */
export function mergeCallGroups<G extends Record<string, Record<string, CallSpec>>>(groups: G): UnionToIntersection<G[keyof G]> {
  const merged: Record<string, CallSpec> = {};
  for (const [groupName, group] of Object.entries(groups)) {
    for (const [name, spec] of Object.entries(group)) {
      if (name in merged) throw new Error(`call "${name}" is declared twice (again in ${groupName})`);
      if (!name.startsWith(`${groupName}.`)) throw new Error(`call "${name}" must start with "${groupName}."`);
      merged[name] = spec;
    }
  }
  return merged as UnionToIntersection<G[keyof G]>;
}

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** What every transport returns: errors travel as data so their code and message survive IPC. */
export const ErrorCodeSchema = z.enum([
  'invalid_input',
  'unknown_call',
  'workspace_locked',
  'wrong_passphrase',
  'weak_passphrase',
  'not_found',
  'already_exists',
  'not_a_workspace',
  'workspace_too_new',
  'conflict',
  'bad_file',
  /** A file token main never issued, already spent, expired or chosen for something else (issue 17.4). */
  'file_not_chosen',
  'cancelled',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export interface CallError {
  code: ErrorCode;
  message: string;
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: CallError };
