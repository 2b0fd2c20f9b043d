import { ProtectiveMarkingSchema } from '../../shared/analysis/settingsSchemas';
import { CliError } from './cliError';

/** `--marking TEXT` checked like the setting, before any passphrase is asked for; undefined when not given. */
export function markingOption(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const parsed = ProtectiveMarkingSchema.safeParse(text);
  if (!parsed.success) throw new CliError(`--marking: ${parsed.error.issues[0]?.message ?? 'not a valid marking'}.`, 64);
  return parsed.data;
}
