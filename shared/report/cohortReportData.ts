import type { LorenzPoint, TopNRow } from '../analysis/concentration';
import type { CompositionTable } from '../analysis/equalities';
import type { ProjectionResult, Range } from '../analysis/projection';
import type { ProjectionCrimeTypeId } from '../domain/crimeTypes';

/**
 * Everything the printed cohort report shows, assembled in main (electron/report/cohortReportData.ts)
 * and turned into HTML by a pure function (cohortReportHtml.ts). It is aggregate-only by
 * construction: no field holds a name, PNC, date of birth, address or person id, so the HTML made
 * from it (and any temporary file holding that HTML) carries no personal data.
 */

/**
 * Which people a report describes: "auto" takes the best source there is (the panel's accepted
 * people, else the proposed shortlist, else the long list); the others name one, and a tranche is one
 * month's starters in the accepted cohort's intake plan ("tranche:2014-01").
 */
export type ReportPopulation = 'auto' | 'accepted' | 'shortlist' | 'longList' | `tranche:${string}`;

const REPORT_POPULATION_PATTERN = /^(auto|accepted|shortlist|longList|tranche:\d{4}-(0[1-9]|1[0-2]))$/;

export function isReportPopulation(text: string): text is ReportPopulation {
  return REPORT_POPULATION_PATTERN.test(text);
}

/** Where the cohort the report describes comes from, best first. */
export type CohortSource = 'panel' | 'tranche' | 'shortlist' | 'longList';

export interface ReportCohort {
  source: CohortSource;
  /** One sentence for the cover, e.g. "Accepted by the selection panel of 16 December 2013 (closed)". */
  description: string;
  people: number;
  panel: {
    heldOn: string;
    status: 'open' | 'closed';
    accepted: number;
    rejected: number;
    deferred: number;
    undecided: number;
    capacity: number;
  } | null;
  /** The proposed shortlist the panel worked from (or the cohort itself before a panel). */
  shortlist: { included: number; capacity: number } | null;
  statutory: { statutory: number; nonStatutory: number; notRecorded: number };
  /** People in the cohort on each agency list, in the seed's order. */
  priorityGroups: Array<{ label: string; count: number }>;
  custody: { inCustody: number; notInCustody: number; unknown: number };
}

interface ReportScenarioCrimeType {
  crimeType: ProjectionCrimeTypeId;
  label: string;
  allegationsPerArrest: Range;
  boroughOffencesPerYear: number | null;
  unitCost: number | null;
  /** Where the unit cost comes from, when the workspace's cost table gives the same figure. */
  unitCostSource: string | null;
}

export interface ReportScenario {
  name: string;
  notes: string | null;
  crimeTypes: ReportScenarioCrimeType[];
}

/** A top-N row without the ids of the people in it, plus how many of them are in the cohort. */
type ReportTopNRow = Omit<TopNRow, 'personIds'> & { inCohort: number };

export interface ReportConcentration {
  /** Whom the ranking is over, e.g. "everyone in the workspace arrested in the window". */
  population: string;
  arrestedPeople: number;
  totalArrests: number;
  allegationsPerArrest: number;
  /** Borough offences over the window (the per-year figure × months / 12), null if unknown. */
  boroughOffences: number | null;
  boroughOffencesWorking: string | null;
  rows: ReportTopNRow[];
  lorenz: LorenzPoint[];
  gini: number;
  giniWorking: string;
}

interface ReportCounts {
  workspacePeople: number;
  workspaceArrests: number;
  longList: number;
  /** True when no Potential Candidate List was imported, so the "long list" is everyone. */
  longListIsEveryone: boolean;
}

export interface CohortReportData {
  title: string;
  marking: string;
  workspaceName: string;
  /** ISO date-time the report was made. */
  generatedAt: string;
  /** The operating-system user who made it (staff, never a data subject). */
  generatedBy: string;
  scenario: ReportScenario;
  cohort: ReportCohort;
  counts: ReportCounts;
  projection: ProjectionResult;
  concentration: ReportConcentration | null;
  composition: CompositionTable;
  /** Caveats that depend on this workspace's data (e.g. custody checks still awaited). */
  dataNotes: string[];
}
