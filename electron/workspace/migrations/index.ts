import { migration001Foundation } from './001_foundation';
import type { Migration } from './migrationTypes';

/** In order; a migration, once released, is never edited: add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [migration001Foundation];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
