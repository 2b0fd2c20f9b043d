import type { z } from 'zod';
import { describeIssues } from '../../shared/api/describeIssues';

/** A failure the CLI reports as one line on stderr with a non-zero exit. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * A command's input, checked by the same contract schema the app's call uses, so the two doors take
 * the same values; what fails is said as the app says it, as a usage error.
 */
export function parseCliInput<S extends z.ZodType>(schema: S, value: z.input<S>): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CliError(describeIssues(parsed.error), 64);
  return parsed.data;
}
