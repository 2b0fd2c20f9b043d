/**
 * The import command's column mapping from the command line: `--map "Offence history=arrestDetails"`
 * (repeatable) and `--mapping file.json` holding `{ "Offence history": "arrestDetails", "Notes":
 * "ignore" }`. Either names columns by header (or letter) on top of the mapping the import would
 * otherwise use; the result is remembered for files with the same headers, in the CLI and the app.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { CANONICAL_FIELDS, type CanonicalField } from '../../shared/import/headerRecognition';
import type { HeaderOverride } from '../import/columnMapping';
import { CliError } from './cliError';

const IGNORE_WORDS = new Set(['ignore', 'none', 'null', '-', '']);

function fieldOf(value: string, where: string): CanonicalField | null {
  const text = value.trim();
  if (IGNORE_WORDS.has(text.toLowerCase())) return null;
  const field = CANONICAL_FIELDS.find((f) => f.toLowerCase() === text.toLowerCase());
  if (!field) throw new CliError(`${where}: "${text}" is not a field; use one of ${CANONICAL_FIELDS.join(', ')}, or "ignore".`, 64);
  return field;
}

/** `HEADER=FIELD` pairs; the last `=` splits, so a header may itself hold one. */
export function parseMapOptions(values: readonly string[]): HeaderOverride[] {
  return values.map((value) => {
    const at = value.lastIndexOf('=');
    if (at <= 0) throw new CliError(`--map "${value}": expected "HEADER=FIELD", e.g. --map "Offence history=arrestDetails".`, 64);
    return { header: value.slice(0, at).trim(), field: fieldOf(value.slice(at + 1), `--map "${value}"`) };
  });
}

const MappingFileSchema = z.record(z.string().min(1).max(500), z.string().max(100).nullable());

/** A JSON object of header → field (or "ignore" / null). */
export function readMappingFile(file: string): HeaderOverride[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(resolve(file), 'utf8'));
  } catch (error) {
    throw new CliError(`Cannot read the mapping file ${file}: ${error instanceof SyntaxError ? 'it is not valid JSON' : 'it could not be opened'}.`, 66);
  }
  const parsed = MappingFileSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(`The mapping file ${file} must be a JSON object of "header": "field" pairs, e.g. {"Offence history": "arrestDetails"}.`, 65);
  return Object.entries(parsed.data).map(([header, field]) => ({ header, field: field === null ? null : fieldOf(field, `mapping file ${file}`) }));
}
