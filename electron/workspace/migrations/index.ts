import { migration001Foundation } from './001_foundation';
import { migration002ImportDispositions } from './002_import_dispositions';
import { migration003Analysis } from './003_analysis';
import { migration004PersonNotes } from './004_person_notes';
import { migration005Panel } from './005_panel';
import { migration006AgencySheets } from './006_agency_sheets';
import { migration007ImportSpeed } from './007_import_speed';
import { migration008ModelSnapshot } from './008_model_snapshot';
import { migration009UnusedPeopleIndexes } from './009_unused_people_indexes';
import { migration010ArrestDateIndex } from './010_arrest_date_index';
import { migration011ArrestsByPerson } from './011_arrests_by_person';
import { migration012ArrestsCoded } from './012_arrests_coded';
import { migration013ImportUndo } from './013_import_undo';
import { migration014CohortMembership } from './014_cohort_membership';
import type { Migration } from './migrationTypes';

/** In order; a migration, once released, is never edited: add the next number instead. */
export const MIGRATIONS: readonly Migration[] = [migration001Foundation, migration002ImportDispositions, migration003Analysis, migration004PersonNotes, migration005Panel, migration006AgencySheets, migration007ImportSpeed, migration008ModelSnapshot, migration009UnusedPeopleIndexes, migration010ArrestDateIndex, migration011ArrestsByPerson, migration012ArrestsCoded, migration013ImportUndo, migration014CohortMembership];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
