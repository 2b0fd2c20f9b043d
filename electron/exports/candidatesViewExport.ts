import type { CandidateColumn, CandidateRow, CandidateSort, ShortlistStatus } from '../../shared/shortlist/candidateSchemas';
import type { ExportFormat } from '../../shared/exports/exportSchemas';
import { CSV_MIME, XLSX_MIME } from '../../shared/exports/exportDelivery';
import { formatDisplayDateRange } from '../../shared/domain/dateDisplay';
import { FLAG_LABELS } from '../../shared/domain/flags';
import { emptyFilter, FilterSchema, type FilterInput } from '../../shared/shortlist/filterModel';
import { exportCellText, type ExportCell } from '../../shared/exports/shortlistExport';
import { csvDocument, markedExportFileName } from '../../shared/domain/spreadsheetText';
import { queryCandidates } from '../shortlist/candidateQuery';
import { readSettings } from '../settings/settingsService';
import { appendAudit } from '../workspace/auditLog';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { workbookBytes } from './xlsxSheets';

/**
 * The Candidates view as the analyst sees it: the same filter, sort and visible columns, every
 * matching person (not only the page on screen), marked like every export, with a Metadata sheet
 * holding the filter exactly as applied so the file says which view it is.
 */

const CUSTODY_WORDS: Readonly<Record<CandidateRow['custody'], string>> = { in_custody: 'Yes', not_in_custody: 'No', unknown: 'Not known' };
const SHORTLIST_WORDS: Readonly<Record<ShortlistStatus, string>> = { included: 'Included', over_capacity: 'Over capacity', excluded: 'Excluded', not_eligible: 'Not eligible' };

interface ColumnOut {
  headers: (windowMonths: number) => string[];
  cells: (row: CandidateRow) => ExportCell[];
}

const COLUMNS: Readonly<Record<CandidateColumn, ColumnOut>> = {
  name: { headers: () => ['Surname', 'Forenames'], cells: (r) => [r.surname, r.forenames] },
  age: { headers: () => ['Age on the reference date'], cells: (r) => [r.age] },
  pnc: { headers: () => ['PNC'], cells: (r) => [r.pnc] },
  borough: { headers: () => ['Borough'], cells: (r) => [r.borough] },
  arrests: { headers: (months) => [`Arrests in the ${months}-month window`], cells: (r) => [r.arrests] },
  last10: { headers: () => ['Arrests in the last 10 months'], cells: (r) => [r.last10] },
  last22: { headers: () => ['Arrests in the last 22 months'], cells: (r) => [r.last22] },
  flags: { headers: () => ['Lists'], cells: (r) => [r.flags.map((f) => FLAG_LABELS[f]).join('; ')] },
  custody: { headers: () => ['In custody?'], cells: (r) => [CUSTODY_WORDS[r.custody]] },
  ogrs: { headers: () => ['OGRS score'], cells: (r) => [r.ogrsScore] },
  shortlist: { headers: () => ['Latest shortlist'], cells: (r) => [r.shortlist ? SHORTLIST_WORDS[r.shortlist.status] : null] },
};

interface CandidatesViewExportRequest {
  filter: FilterInput;
  sort: CandidateSort;
  columns: readonly CandidateColumn[];
  format: ExportFormat;
  actor: string;
  now: Date;
}

interface CandidatesViewExportResult {
  fileName: string;
  mime: string;
  bytes: Uint8Array;
  people: number;
  format: ExportFormat;
  columns: CandidateColumn[];
  /** Names of the criteria that narrow the view (not their values: a search may be a name). */
  criteria: string[];
}

/** The filter's criteria that differ from "everyone": what the Metadata sheet and audit name. */
function activeCriteria(filter: ReturnType<typeof FilterSchema.parse>): string[] {
  const empty = emptyFilter(filter.referenceDate, filter.windowMonths) as Record<string, unknown>;
  return Object.entries(filter)
    .filter(([key, value]) => key !== 'referenceDate' && key !== 'windowMonths' && JSON.stringify(value) !== JSON.stringify(empty[key]))
    .map(([key]) => key);
}

export function buildCandidatesViewExport(workspace: OpenWorkspace, request: CandidatesViewExportRequest): CandidatesViewExportResult {
  const filter = FilterSchema.parse(request.filter);
  const first = queryCandidates(workspace, { filter, sort: request.sort, offset: 0, limit: 0 });
  const page = queryCandidates(workspace, { filter, sort: request.sort, offset: 0, limit: first.total });
  const marking = readSettings(workspace).values.protectiveMarking;
  const header = request.columns.flatMap((c) => COLUMNS[c].headers(filter.windowMonths));
  const rows = page.rows.map((row) => request.columns.flatMap((c) => COLUMNS[c].cells(row)));
  const criteria = activeCriteria(filter);
  const description = `Candidates view: ${page.total} of ${page.longListSize} on the long list, ${criteria.length ? `filtered by ${criteria.join(', ')}` : 'no filter'}`;
  const fileName = markedExportFileName(marking, 'IOM candidates view', request.now.toISOString().slice(0, 10), request.format);

  let bytes: Uint8Array;
  if (request.format === 'csv') {
    bytes = new TextEncoder().encode(csvDocument([[marking], header, ...rows.map((r) => r.map(exportCellText))]));
  } else {
    const metadata: ExportCell[][] = [
      [marking],
      [],
      ['Protective marking', marking],
      ['Workspace', workspace.name],
      ['What this file holds', description],
      ['Counting window', `${formatDisplayDateRange(page.window.firstDay, page.window.referenceDate)} (${page.window.windowMonths} months)`],
      ['Filter (as applied)', JSON.stringify(filter)],
      ['Sorted by', `${request.sort.column}, ${request.sort.direction === 'asc' ? 'ascending' : 'descending'}`],
      ['Columns', header.join('; ')],
      ['Exported at', request.now.toISOString()],
      ['Exported by', request.actor],
      ['People in this file', page.total],
      [],
      [marking],
    ];
    bytes = workbookBytes(
      [
        { name: 'Candidates', rows: [[marking], [description], [], header, ...rows, [], [marking]], headerRow: 3 },
        { name: 'Metadata', rows: metadata, widths: [28, 90] },
      ],
      { title: `IOM candidates view (${workspace.name})`, subject: marking, author: request.actor },
    );
  }
  return { fileName, mime: request.format === 'csv' ? CSV_MIME : XLSX_MIME, bytes, people: page.total, format: request.format, columns: [...request.columns], criteria };
}

/** Counts, format, columns and which criteria were used; never names or the search text. */
export function auditCandidatesViewExport(workspace: OpenWorkspace, result: CandidatesViewExportResult, actor: string): void {
  appendAudit(workspace.db, {
    actor,
    action: 'export.candidatesView',
    detail: { format: result.format, people: result.people, columns: result.columns, criteria: result.criteria, via: 'app' },
  });
}
