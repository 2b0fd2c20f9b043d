import { migration001Foundation } from './001_foundation';
import { migration002ImportDispositions } from './002_import_dispositions';
import { migration003Analysis } from './003_analysis';
import { migration004PersonNotes } from './004_person_notes';
import { migration005Panel } from './005_panel';
import { migration006AgencySheets } from './006_agency_sheets';
import { migration007ImportSpeed } from './007_import_speed';
import type { Migration } from './migrationTypes';

/** In order; a migration, once released, is never edited: add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [migration001Foundation, migration002ImportDispositions, migration003Analysis, migration004PersonNotes, migration005Panel, migration006AgencySheets, migration007ImportSpeed];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
