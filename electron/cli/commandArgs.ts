import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { CliError } from './cliError';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type ParsedValues<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>>['values'];

/**
 * A workspace command's options (strict: an unknown one is an error) and its `<workspace>`
 * argument, resolved, with the arguments after it. Every command says a missing workspace the
 * same way, followed by its usage where it has its own.
 */
export function workspaceCommandArgs<const O extends OptionsConfig>(args: string[], options: O, usage?: string): { values: ParsedValues<O>; workspacePath: string; rest: string[] } {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
  const [workspacePath, ...rest] = positionals;
  if (!workspacePath) throw new CliError(usage === undefined ? 'Missing <workspace> path.' : `Missing <workspace> path.\n${usage}`, 64);
  return { values, workspacePath: resolve(workspacePath), rest };
}
