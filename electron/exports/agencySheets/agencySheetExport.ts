import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalSheetValue, orderedColumns, type AgencySheetAgency, type AgencySheetColumnId } from '../../../shared/exports/agencySheets';
import type { AgencySheetsOverview } from '../../../shared/exports/agencySheetSchemas';
import { XLSX_MIME } from '../../../shared/exports/exportDelivery';
import { markedExportFileName } from '../../../shared/domain/spreadsheetText';
import type { OpenWorkspace } from '../../workspace/workspaceFile';
import { WorkspaceError } from '../../workspace/workspaceErrors';
import { appendAudit } from '../../workspace/auditLog';
import { readSettings } from '../../settings/settingsService';
import type { ExportFile } from '../exportDelivery';
import { addAgencySheetRow, agencyCommentCount, agencySheetExportOrigin, insertAgencySheet, latestAgencyReturn, latestAgencySheet, recordAgencySheetExportOrigin, type LatestAgencySheetRow } from '../../data/agencySheets';
import { writeRecordedExport } from '../exportAudit';
import { readAgencySheetConfig, requireAgency } from './agencySheetConfig';
import { proposedShortlist, requireProposedShortlist, sheetColumnHeaders, shortlistSheetValues } from './agencySheetPeople';
import { buildAgencySheetWorkbook, HEADER_ROW, MAIN_SHEET_NAME } from './agencySheetWorkbook';

/** Crockford's base 32: no I, L, O or U, so a reference read over the phone is not misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let code = '';
  for (const b of bytes) code += ALPHABET[b & 31];
  return code;
}

function groups(code: string): string {
  return code.match(/.{4}/g)!.join('-');
}

function newSheetToken(): string {
  return `S-${groups(randomCode(16))}`;
}

/** A reference per row, unique within the sheet; random, so it says nothing about the person. */
function newRowRefs(count: number): string[] {
  const refs = new Set<string>();
  while (refs.size < count) refs.add(groups(randomCode(8)));
  return [...refs];
}

/**
 * Per-cell hashes of what was sent, keyed by the sheet's token and the row's reference so that the
 * same value in another row or sheet hashes differently. A returned row is compared cell by cell,
 * and the report can say which column changed without the workspace keeping a copy of the values.
 */
export function cellHash(token: string, ref: string, column: string, value: string): string {
  return createHash('sha256').update(`${token}\u0000${ref}\u0000${column}\u0000${value}`).digest('hex').slice(0, 16);
}

function rowFingerprint(hashes: readonly string[]): string {
  return createHash('sha256').update(hashes.join(',')).digest('hex').slice(0, 32);
}

/** The workspace's identity in its exports, so a sheet from another workspace is told apart from a stray file. */
export function exportOriginId(workspace: OpenWorkspace): string {
  const { db } = workspace;
  const existing = agencySheetExportOrigin(db);
  if (existing) return existing;
  const id = randomBytes(16).toString('hex');
  recordAgencySheetExportOrigin(db, id);
  return id;
}

export interface ExportedSheet extends LatestAgencySheetRow {
  forCurrentShortlist: boolean;
}

interface PreparedAgencySheet {
  agency: AgencySheetAgency;
  file: ExportFile;
  /** Stores the sheet, its row references and fingerprints, and the audit entry: call once delivered. */
  record(): ExportedSheet;
}

/**
 * What `recordAgencySheet` stores once a sheet is delivered. Plain data, and the rows packed into
 * one byte array: a worker thread builds it, the main thread only passes it on to the thread that
 * records it, and 40,000 rows as one buffer cost the main heap nothing to hold.
 */
export interface AgencySheetRecord {
  agency: AgencySheetAgency;
  token: string;
  shortlistId: number;
  columns: Array<{ id: AgencySheetColumnId; label: string }>;
  exportedAt: string;
  fileName: string;
  /** `packSheetRows` of the rows as sent (per row its reference, person, fingerprint and cell hashes). */
  rows: Uint8Array;
}

/** Per row, as parallel columns: its reference, person, fingerprint and cell hashes (JSON). */
interface SheetRows {
  refs: string[];
  personIds: number[];
  fingerprints: string[];
  cellHashes: string[];
}

function packSheetRows(rows: SheetRows): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(rows));
}

export function unpackSheetRows(packed: Uint8Array): SheetRows {
  return JSON.parse(new TextDecoder().decode(packed)) as SheetRows;
}

/** One agency's sheet as built, before anything is stored: the file, and what recording it stores. */
export interface BuiltAgencySheet {
  file: ExportFile;
  record: AgencySheetRecord;
}

/**
 * Builds one agency's sheet from the proposed shortlist; reads only. `originId` is the workspace's
 * export identity (`exportOriginId`), made beforehand by the caller because making it writes.
 */
export function buildAgencySheet(workspace: OpenWorkspace, agencyId: string, options: { now?: Date; marking?: string; originId: string }): BuiltAgencySheet {
  const agency = requireAgency(workspace, agencyId);
  const shortlist = requireProposedShortlist(workspace);
  const columns: AgencySheetColumnId[] = orderedColumns(agency.columns);
  const headers = sheetColumnHeaders(columns, shortlist.window);
  const people = shortlistSheetValues(workspace, shortlist, columns);
  const marking = options.marking ?? readSettings(workspace).values.protectiveMarking;
  const token = newSheetToken();
  const refs = newRowRefs(people.length);
  const exportedAt = (options.now ?? new Date()).toISOString();
  const fileName = markedExportFileName(marking, `IOM pre-review ${agency.name}`, exportedAt.slice(0, 10), 'xlsx');
  const bytes = buildAgencySheetWorkbook({
    marking,
    agencyId: agency.id,
    agencyName: agency.name,
    token,
    originId: options.originId,
    exportedAt,
    shortlistId: shortlist.id,
    shortlistSize: shortlist.personIds.length,
    ruleSet: `rule set “${shortlist.ruleSetName}” v${shortlist.ruleSetVersion}`,
    headers,
    rows: people.map((p, i) => ({ ref: refs[i]!, values: p.values })),
  });
  const rows: SheetRows = { refs, personIds: [], fingerprints: [], cellHashes: [] };
  people.forEach((person, i) => {
    const hashes = columns.map((c, j) => cellHash(token, refs[i]!, c, canonicalSheetValue(person.values[j] ?? null)));
    rows.personIds.push(person.personId);
    rows.fingerprints.push(rowFingerprint(hashes));
    rows.cellHashes.push(JSON.stringify(hashes));
  });
  return {
    file: { fileName, mime: XLSX_MIME, bytes },
    record: { agency, token, shortlistId: shortlist.id, columns: columns.map((id, i) => ({ id, label: headers[i]! })), exportedAt, fileName, rows: packSheetRows(rows) },
  };
}

/** Rows inserted between two looks at `progress` (and at whether the work was cancelled). */
const ROWS_PER_STEP = 2_000;

interface RecordingHooks {
  /** Called every ROWS_PER_STEP rows; throwing (a cancel) rolls the whole recording back. */
  progress?: (rows: number, total: number) => void;
}

/**
 * Stores a delivered sheet, its rows' references and fingerprints, and the audit entry, in one
 * transaction. 40,000 rows take seconds, which is why the app runs this in its background worker.
 */
export function recordAgencySheet(workspace: OpenWorkspace, sheet: AgencySheetRecord, actor: string, hooks: RecordingHooks = {}): ExportedSheet {
  const { db } = workspace;
  const { agency, token, shortlistId, columns, exportedAt, fileName } = sheet;
  const rows = unpackSheetRows(sheet.rows);
  const count = rows.refs.length;
  return db.transaction((): ExportedSheet => {
    const sheetId = insertAgencySheet(db, {
      token,
      agency: agency.id,
      agencyName: agency.name,
      shortlistId,
      columns: JSON.stringify(columns),
      sheetName: MAIN_SHEET_NAME,
      headerRow: HEADER_ROW,
      fileName,
      rowCount: count,
      exportedBy: actor,
      exportedAt,
    });
    for (let i = 0; i < count; i++) {
      if (i % ROWS_PER_STEP === 0) hooks.progress?.(i, count);
      addAgencySheetRow(db, sheetId, rows.refs[i]!, rows.personIds[i]!, HEADER_ROW + 1 + i, rows.fingerprints[i]!, rows.cellHashes[i]!);
    }
    appendAudit(db, { actor, action: 'export.agencySheet', entity: 'agency_sheet', entityId: sheetId, detail: { agency: agency.id, shortlistId, rows: count, columns: columns.length } }, exportedAt);
    return { sheetId, fileName, rows: count, exportedAt, exportedBy: actor, shortlistId, forCurrentShortlist: true };
  }).immediate();
}

/**
 * Builds one agency's sheet from the proposed shortlist. Nothing is stored until `record()`, so a
 * cancelled save dialog leaves no sheet behind that could later be "returned".
 */
function prepareAgencySheet(workspace: OpenWorkspace, agencyId: string, actor: string, options: { now?: Date; marking?: string } = {}): PreparedAgencySheet {
  return preparedFrom(workspace, buildAgencySheet(workspace, agencyId, { ...options, originId: exportOriginId(workspace) }), actor);
}

/** A built sheet with its one-time `record()`. */
function preparedFrom(workspace: OpenWorkspace, built: BuiltAgencySheet, actor: string): PreparedAgencySheet {
  let recorded: ExportedSheet | null = null;
  return {
    agency: built.record.agency,
    file: built.file,
    record() {
      recorded ??= recordAgencySheet(workspace, built.record, actor);
      return recorded;
    },
  };
}

/**
 * The CLI's "all agencies into a folder": every sheet is built first and every target name checked,
 * so a refusal to overwrite leaves the folder untouched; then each file is written atomically and
 * recorded once it is complete on disk.
 */
export function exportAgencySheetsToDirectory(
  workspace: OpenWorkspace,
  dir: string,
  options: { actor: string; overwrite: boolean; now?: Date; marking?: string },
): Array<ExportedSheet & { agency: string; agencyName: string; columns: number; path: string }> {
  const { config } = readAgencySheetConfig(workspace);
  const prepared = config.agencies.map((a) => prepareAgencySheet(workspace, a.id, options.actor, options));
  const names = new Set<string>();
  for (const p of prepared) {
    if (names.has(p.file.fileName)) throw new WorkspaceError('conflict', `Two agencies would get the same file name (${p.file.fileName}); give them different names.`);
    names.add(p.file.fileName);
    if (!options.overwrite && existsSync(join(dir, p.file.fileName))) throw new WorkspaceError('already_exists', `${p.file.fileName} already exists in that folder; nothing was written.`);
  }
  // A folder that does not exist yet is made, for this user only: the sheets are restricted.
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const written: Array<ExportedSheet & { agency: string; agencyName: string; columns: number; path: string }> = [];
  for (const p of prepared) {
    const path = join(dir, p.file.fileName);
    // The check above is for all-or-nothing; this write is what refuses to replace a file (atomically).
    const sheet = writeRecordedExport(workspace, path, p.file.bytes, { overwrite: options.overwrite, action: 'export.agencySheet', actor: options.actor }, () => p.record());
    written.push({ ...sheet, agency: p.agency.id, agencyName: p.agency.name, columns: p.agency.columns.length, path });
  }
  return written;
}

export function agencySheetsOverview(workspace: OpenWorkspace): AgencySheetsOverview {
  const { db } = workspace;
  const { config, customised } = readAgencySheetConfig(workspace);
  const shortlist = proposedShortlist(workspace);
  return {
    config,
    customised,
    marking: readSettings(workspace).values.protectiveMarking,
    shortlist: shortlist
      ? { id: shortlist.id, createdAt: shortlist.createdAt, included: shortlist.personIds.length, ruleSetName: shortlist.ruleSetName, ruleSetVersion: shortlist.ruleSetVersion }
      : null,
    agencies: config.agencies.map((a) => {
      const sheet = latestAgencySheet(db, a.id);
      const ret = latestAgencyReturn(db, a.id);
      return {
        id: a.id,
        name: a.name,
        latestExport: sheet ? { ...sheet, forCurrentShortlist: shortlist !== null && sheet.shortlistId === shortlist.id } : null,
        latestReturn: ret ?? null,
        currentComments: agencyCommentCount(db, a.id),
      };
    }),
  };
}
