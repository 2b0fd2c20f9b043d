/**
 * Agency sheets: delivered sheets, their rows and returns.
 *
 * Part of the workspace data layer (see workspaceDb.ts). Sections below are grouped by the callers
 * that moved their statements here first; keep each function's SQL beside its row type.
 */

import { cachedStatement, insertedId, type WorkspaceDb } from './workspaceDb';

// Used by panel, intake, tracking, agency sheets, report, CLI, handlers and services.

/** The workspace's identity written into its agency sheets; undefined before the first export. */
export function agencySheetExportOrigin(db: WorkspaceDb): string | undefined {
  return cachedStatement(db, "SELECT value FROM workspace_meta WHERE key = 'export_origin'").pluck().get() as string | undefined;
}

export function recordAgencySheetExportOrigin(db: WorkspaceDb, origin: string): void {
  cachedStatement(db, "INSERT INTO workspace_meta (key, value) VALUES ('export_origin', ?)").run(origin);
}

interface NewAgencySheet {
  token: string;
  agency: string;
  agencyName: string;
  shortlistId: number;
  /** The column ids as JSON. */
  columns: string;
  sheetName: string;
  headerRow: number;
  fileName: string;
  rowCount: number;
  exportedBy: string;
  exportedAt: string;
}

/** A delivered sheet; its id. */
export function insertAgencySheet(db: WorkspaceDb, sheet: NewAgencySheet): number {
  return insertedId(
    db,
    `INSERT INTO agency_sheets (token, agency, agency_name, shortlist_id, columns, sheet_name, header_row, file_name, row_count, exported_by, exported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    sheet.token, sheet.agency, sheet.agencyName, sheet.shortlistId, sheet.columns, sheet.sheetName, sheet.headerRow, sheet.fileName, sheet.rowCount, sheet.exportedBy, sheet.exportedAt,
  );
}

/** One row as sent: the Ref written into it and what its cells hashed to, for matching the return. */
export function addAgencySheetRow(db: WorkspaceDb, sheetId: number, ref: string, personId: number, rowNumber: number, fingerprint: string, cellHashes: string): void {
  cachedStatement(db, 'INSERT INTO agency_sheet_rows (sheet_id, ref, person_id, row_number, fingerprint, cell_hashes) VALUES (?, ?, ?, ?, ?, ?)').run(sheetId, ref, personId, rowNumber, fingerprint, cellHashes);
}

/** A delivered sheet as recorded: what matching its return needs of the row it was inserted as. */
export type AgencySheetRecordRow = { id: number } & Pick<NewAgencySheet, 'token' | 'agency' | 'agencyName' | 'shortlistId' | 'columns' | 'sheetName' | 'rowCount' | 'exportedAt'>;

const SELECT_AGENCY_SHEET = `SELECT id, token, agency, agency_name AS agencyName, shortlist_id AS shortlistId, columns, sheet_name AS sheetName, row_count AS rowCount, exported_at AS exportedAt FROM agency_sheets`;

/** The sheet a returned file's hidden token names; undefined when this workspace never sent it. */
export function agencySheetByToken(db: WorkspaceDb, token: string | undefined): AgencySheetRecordRow | undefined {
  return cachedStatement(db, `${SELECT_AGENCY_SHEET} WHERE token = ?`).get(token) as AgencySheetRecordRow | undefined;
}

export function agencySheetById(db: WorkspaceDb, sheetId: number): AgencySheetRecordRow | undefined {
  return cachedStatement(db, `${SELECT_AGENCY_SHEET} WHERE id = ?`).get(sheetId) as AgencySheetRecordRow | undefined;
}

interface AgencySheetSentRow {
  ref: string;
  personId: number | null;
  rowNumber: number;
  /** The sent cells' hashes as JSON. */
  cellHashes: string;
}

export function agencySheetSentRows(db: WorkspaceDb, sheetId: number): AgencySheetSentRow[] {
  return cachedStatement(db, 'SELECT ref, person_id AS personId, row_number AS rowNumber, cell_hashes AS cellHashes FROM agency_sheet_rows WHERE sheet_id = ?').all(sheetId) as AgencySheetSentRow[];
}

export interface AgencySheetPersonRow {
  id: number;
  surname: string | null;
  forenames: string | null;
  dob: string | null;
  approxAge: number | null;
  gender: string | null;
  ethnicity: string | null;
  pnc: string | null;
  address: string | null;
  borough: string | null;
  custody: 'in_custody' | 'not_in_custody' | 'unknown';
  pinsResult: string | null;
  ogrsScore: number | null;
  statutory: number | null;
  arrestsInWindow: number;
  reason: string;
}

/** What a sheet may show of one person on the shortlist; undefined when they are not on it. */
export function agencySheetPerson(db: WorkspaceDb, shortlistId: number, personId: number): AgencySheetPersonRow | undefined {
  return cachedStatement(
    db,
    `SELECT p.id, p.surname, p.forenames, p.dob, p.approx_age AS approxAge, p.gender, p.ethnicity, p.pnc, p.address, p.borough, p.custody,
       p.pins_result AS pinsResult, p.ogrs_score AS ogrsScore, p.statutory, m.arrests_in_window AS arrestsInWindow, m.reason
     FROM shortlist_members m JOIN people p ON p.id = m.person_id WHERE m.shortlist_id = ? AND m.person_id = ?`,
  ).get(shortlistId, personId) as AgencySheetPersonRow | undefined;
}

export interface LatestAgencySheetRow {
  sheetId: number;
  fileName: string;
  rows: number;
  exportedAt: string;
  exportedBy: string;
  shortlistId: number;
}

/** The agency's most recently exported sheet; undefined before the first. */
export function latestAgencySheet(db: WorkspaceDb, agency: string): LatestAgencySheetRow | undefined {
  return cachedStatement(
    db,
    'SELECT id AS sheetId, file_name AS fileName, row_count AS rows, exported_at AS exportedAt, exported_by AS exportedBy, shortlist_id AS shortlistId FROM agency_sheets WHERE agency = ? ORDER BY id DESC LIMIT 1',
  ).get(agency) as LatestAgencySheetRow | undefined;
}

interface LatestAgencyReturnRow {
  returnId: number;
  fileName: string;
  importedAt: string;
  importedBy: string;
  commentsAttached: number;
  rowsEdited: number;
  rowsMissing: number;
}

/** The agency's most recently imported return; undefined before the first. */
export function latestAgencyReturn(db: WorkspaceDb, agency: string): LatestAgencyReturnRow | undefined {
  return cachedStatement(
    db,
    `SELECT r.id AS returnId, r.file_name AS fileName, r.imported_at AS importedAt, r.imported_by AS importedBy, r.comments_attached AS commentsAttached,
       r.rows_edited AS rowsEdited, r.rows_missing AS rowsMissing
     FROM agency_sheet_returns r JOIN agency_sheets s ON s.id = r.sheet_id WHERE s.agency = ? ORDER BY r.id DESC LIMIT 1`,
  ).get(agency) as LatestAgencyReturnRow | undefined;
}

/** When the agency's latest return was imported; null before the first. */
export function latestAgencyReturnAt(db: WorkspaceDb, agency: string): string | null {
  return cachedStatement(db, 'SELECT MAX(r.imported_at) FROM agency_sheet_returns r JOIN agency_sheets s ON s.id = r.sheet_id WHERE s.agency = ?').pluck().get(agency) as string | null;
}

/** A recorded return (see NewAgencyReturn) as a repeated import of the same file reports it. */
type AgencyReturnByFileRow = { id: number } & Pick<
  NewAgencyReturn,
  'fileName' | 'importedAt' | 'rowsReturned' | 'commentsAttached' | 'emptyComments' | 'rowsEdited' | 'rowsMissing' | 'rowsUnknown' | 'sheetId'
>;

/** A return already imported from a file with this SHA-256; undefined when the file is new. */
export function agencyReturnByFile(db: WorkspaceDb, sha256: string): AgencyReturnByFileRow | undefined {
  return cachedStatement(
    db,
    `SELECT r.id, r.file_name AS fileName, r.imported_at AS importedAt, r.rows_returned AS rowsReturned, r.comments_attached AS commentsAttached, r.empty_comments AS emptyComments,
         r.rows_edited AS rowsEdited, r.rows_missing AS rowsMissing, r.rows_unknown AS rowsUnknown, r.sheet_id AS sheetId
       FROM agency_sheet_returns r WHERE r.sha256 = ?`,
  ).get(sha256) as AgencyReturnByFileRow | undefined;
}

interface NewAgencyReturn {
  sheetId: number;
  sha256: string;
  fileName: string;
  rowsReturned: number;
  commentsAttached: number;
  emptyComments: number;
  rowsEdited: number;
  rowsMissing: number;
  rowsUnknown: number;
  commentsReplaced: number;
  importedBy: string;
  importedAt: string;
}

/** An imported return; its id. */
export function insertAgencyReturn(db: WorkspaceDb, ret: NewAgencyReturn): number {
  return insertedId(
    db,
    `INSERT INTO agency_sheet_returns (sheet_id, sha256, file_name, rows_returned, comments_attached, empty_comments, rows_edited, rows_missing, rows_unknown, comments_replaced, imported_by, imported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ret.sheetId,
    ret.sha256,
    ret.fileName,
    ret.rowsReturned,
    ret.commentsAttached,
    ret.emptyComments,
    ret.rowsEdited,
    ret.rowsMissing,
    ret.rowsUnknown,
    ret.commentsReplaced,
    ret.importedBy,
    ret.importedAt,
  );
}

/** Marks the agency's other current returns as replaced by this one. */
export function supersedeEarlierAgencyReturns(db: WorkspaceDb, returnId: number, agency: string): void {
  cachedStatement(db, 'UPDATE agency_sheet_returns SET superseded_by_return_id = ? WHERE id <> ? AND superseded_by_return_id IS NULL AND sheet_id IN (SELECT id FROM agency_sheets WHERE agency = ?)').run(
    returnId,
    returnId,
    agency,
  );
}

/** The agency's comments the panel sees now. */
export function currentAgencyComments(db: WorkspaceDb, agency: string): Array<{ personId: number; comment: string }> {
  return cachedStatement(db, 'SELECT person_id AS personId, comment FROM agency_comments WHERE agency = ?').all(agency) as Array<{ personId: number; comment: string }>;
}

export function agencyCommentCount(db: WorkspaceDb, agency: string): number {
  return cachedStatement(db, 'SELECT COUNT(*) FROM agency_comments WHERE agency = ?').pluck().get(agency) as number;
}

/**
 * Takes the agency's current comments down: their history rows are marked superseded at the given
 * time (the history keeps them), then the current ones are deleted.
 */
export function retireAgencyComments(db: WorkspaceDb, agency: string, supersededAt: string): void {
  cachedStatement(db, 'UPDATE agency_comment_history SET superseded_at = ? WHERE agency = ? AND superseded_at IS NULL').run(supersededAt, agency);
  cachedStatement(db, 'DELETE FROM agency_comments WHERE agency = ?').run(agency);
}

interface NewAgencyComment {
  personId: number;
  agency: string;
  agencyName: string;
  comment: string;
  returnId: number;
  rowNumber: number;
  rowEdited: boolean;
  createdBy: string;
  createdAt: string;
}

const AGENCY_COMMENT_VALUES = '(person_id, agency, agency_name, comment, return_id, row_number, row_edited, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** Attaches a comment for the panel and keeps it in the history. */
export function attachAgencyComment(db: WorkspaceDb, c: NewAgencyComment): void {
  const args = [c.personId, c.agency, c.agencyName, c.comment, c.returnId, c.rowNumber, c.rowEdited ? 1 : 0, c.createdBy, c.createdAt] as const;
  cachedStatement(db, `INSERT INTO agency_comments ${AGENCY_COMMENT_VALUES}`).run(...args);
  cachedStatement(db, `INSERT INTO agency_comment_history ${AGENCY_COMMENT_VALUES}`).run(...args);
}

// Used by analysis, export, workspace and audit.

// Used by import, links and retention.

// Used by the import's hot path (linking and writing rows).
