import { basename } from 'node:path';
import { canonicalSheetValue, COMMENTS_HEADER, REF_HEADER, ROW_REF_PATTERN, SHEET_REFERENCE_PATTERN, sheetDate } from '../../../shared/exports/agencySheets';
import type { AgencyReturnIssue, AgencyReturnReport } from '../../../shared/exports/agencySheetSchemas';
import type { RawRow } from '../../../shared/domain/rawCell';
import type { OpenWorkspace } from '../../workspace/workspaceFile';
import { WorkspaceError } from '../../workspace/workspaceErrors';
import { appendAudit } from '../../workspace/auditLog';
import { openSpreadsheet, type OpenedSpreadsheet } from '../../import/readers';
import { asWorkspaceError } from '../../import/importErrors';
import { sha256OfFile } from '../../import/fileHash';
import { latestShortlistId } from '../../analysis/analysisService';
import { cellHash } from './agencySheetExport';
import { META_KEYS, META_SHEET_NAME, SHEET_FORMAT, type MetaEntries } from './agencySheetWorkbook';
import {
  agencyCommentCount,
  agencyReturnByFile,
  agencySheetById,
  agencySheetByToken,
  agencySheetExportOrigin,
  agencySheetSentRows,
  attachAgencyComment,
  currentAgencyComments,
  insertAgencyReturn,
  latestAgencyReturnAt,
  retireAgencyComments,
  supersedeEarlierAgencyReturns,
  type AgencySheetRecordRow,
} from '../../data/agencySheets';
import { plural } from '../../../shared/domain/numberFormat';

/**
 * A returned agency sheet: recognised by the token the export wrote into it, read with the same
 * guarded readers as any import (size caps, zip-bomb, password and corruption checks), and each
 * row's comment attached to the person behind its Ref, in one transaction.
 *
 * What an agency may have done to the sheet, and what happens:
 * - typed comments: attached; empty comments are ignored;
 * - changed other cells of a row: the comment is attached, and the report names the row and the
 *   columns (never the values or the person) so the analyst can check the match;
 * - deleted rows: "n people on the sheet were not returned";
 * - added rows or invented Refs: reported, nothing attached;
 * - saved it as CSV: the hidden sheet is lost, but the "Sheet reference" line still identifies it.
 * The same file twice (by SHA-256) changes nothing. A newer return from the agency replaces its
 * current comments; the earlier ones stay in agency_comment_history.
 */

/** Comments longer than this are cut (with a note): a panel note, not a case file. */
const MAX_COMMENT_CHARS = 4000;
/** How far down the header row is looked for, should an agency have added lines above it. */
const HEADER_SEARCH_ROWS = 40;

function notOurSheet(): WorkspaceError {
  return new WorkspaceError(
    'bad_file',
    'This file is not an agency pre-review sheet from the workbench: it carries no sheet reference. Choose the file an agency returned (agency lists such as DTOA or OGRS go in through the Import screen).',
  );
}

function rowList(rows: readonly number[]): string {
  const shown = rows.slice(0, 15).join(', ');
  return rows.length > 15 ? `${shown} and ${rows.length - 15} more` : shown;
}

function displayDate(iso: string): string {
  return sheetDate(iso.slice(0, 10));
}

/** The identity the export wrote: the hidden "Sheet id" sheet and the visible "Sheet reference" line. */
async function readIdentity(opened: OpenedSpreadsheet): Promise<Partial<MetaEntries> | null> {
  let hidden: Partial<MetaEntries> | null = null;
  const metaSheet = opened.sheets.find((s) => s.name === META_SHEET_NAME);
  if (metaSheet) {
    const { rows } = await opened.readRows(metaSheet.name);
    const byLabel = new Map(rows.map((r) => [canonicalSheetValue(r[0]), canonicalSheetValue(r[1])]));
    const entries: Partial<MetaEntries> = {};
    for (const [key, label] of Object.entries(META_KEYS) as Array<[keyof MetaEntries, string]>) {
      const value = byLabel.get(label);
      if (value) entries[key] = value;
    }
    if (entries.token) hidden = entries;
  }
  const printed = await readPrintedToken(opened);
  // Either alone identifies the file (a CSV copy keeps only the printed line); when both are there
  // they must agree, or one was changed and neither can be trusted to say whose comments these are.
  if (hidden && printed && hidden.token !== printed) {
    throw new WorkspaceError(
      'bad_file',
      `This sheet's hidden sheet id (${hidden.token}) does not agree with the sheet reference printed on it (${printed}): it has been altered, so nothing was imported. Ask the agency for the file as it was sent, or export a fresh sheet for them.`,
    );
  }
  return hidden ?? (printed ? { token: printed } : null);
}

/** The token on the visible "Sheet reference" line near the top of the first visible sheet. */
async function readPrintedToken(opened: OpenedSpreadsheet): Promise<string | null> {
  const first = opened.sheets.find((s) => !s.hidden) ?? opened.sheets[0];
  if (!first) return null;
  const { rows } = await opened.readRows(opened.format === 'csv' ? undefined : first.name);
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    for (const cell of row) {
      const match = typeof cell === 'string' ? SHEET_REFERENCE_PATTERN.exec(cell) : null;
      if (match) return match[1]!;
    }
  }
  return null;
}

function recogniseSheet(workspace: OpenWorkspace, identity: Partial<MetaEntries>): AgencySheetRecordRow {
  const { db } = workspace;
  if (identity.format && identity.format !== SHEET_FORMAT) {
    throw new WorkspaceError('bad_file', 'This sheet was made by a different version of the workbench and cannot be read here. Export a fresh sheet for the agency.');
  }
  const origin = agencySheetExportOrigin(db);
  const from = identity.agencyName ? `This ${identity.agencyName} sheet` : 'This sheet';
  if (identity.origin && identity.origin !== origin) {
    throw new WorkspaceError('bad_file', `${from} was exported from another workspace, not this one: import it into the workspace it came from.`);
  }
  const sheet = agencySheetByToken(db, identity.token);
  if (!sheet) {
    throw new WorkspaceError('bad_file', `${from} is not one this workspace sent (its sheet reference is not on record), so its rows cannot be matched to people here.`);
  }
  if (identity.agency && identity.agency !== sheet.agency) {
    throw new WorkspaceError('bad_file', `This sheet's hidden agency (${identity.agency}) is not the agency its sheet reference was sent to (${sheet.agencyName}): it has been altered, so nothing was imported.`);
  }
  const latest = latestShortlistId(workspace);
  if (sheet.shortlistId !== latest) {
    throw new WorkspaceError(
      'conflict',
      `This ${sheet.agencyName} sheet (exported ${displayDate(sheet.exportedAt)}) was made for an earlier proposed shortlist; the shortlist has been re-run since, so its rows may not be the people the panel will review. Export a fresh ${sheet.agencyName} sheet and ask for that one back.`,
    );
  }
  return sheet;
}

function findHeader(rows: readonly RawRow[]): { index: number; headers: string[] } | null {
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const headers = (rows[r] ?? []).map((c) => canonicalSheetValue(c).toLowerCase());
    if (headers.includes(REF_HEADER.toLowerCase()) && headers.includes(COMMENTS_HEADER.toLowerCase())) return { index: r, headers };
  }
  return null;
}

/** What replacing an agency's current comments with a return's would do, in counts of people. */
function replacementPreview(agencyName: string, current: ReadonlyArray<{ personId: number; comment: string }>, attachments: readonly Attachment[]): string {
  const incoming = new Map(attachments.map((a) => [a.personId, a.comment]));
  const existing = new Map(current.map((c) => [c.personId, c.comment]));
  const lose = current.filter((c) => !incoming.has(c.personId)).length;
  const changed = current.filter((c) => incoming.has(c.personId) && incoming.get(c.personId) !== c.comment).length;
  const gain = attachments.filter((a) => !existing.has(a.personId)).length;
  const parts = [
    lose ? `${plural(lose, 'person', 'people')} ${lose === 1 ? 'loses' : 'lose'} their ${agencyName} comment` : '',
    changed ? `${changed} ${changed === 1 ? 'has theirs' : 'have theirs'} changed` : '',
    gain ? `${gain} ${gain === 1 ? 'gains' : 'gain'} one` : '',
  ].filter(Boolean);
  const effect = parts.length ? `: ${parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}` : parts[0]!}` : ' with the same comments';
  return `Importing it replaces the ${plural(current.length, 'comment')} from ${agencyName}'s earlier return${effect}. Nothing has changed yet; confirm to replace them.`;
}

interface Attachment {
  personId: number;
  comment: string;
  rowNumber: number;
  edited: boolean;
}

interface AgencyReturnOptions {
  /** Consent to replace the agency's current comments; without it such a return only says what would go. */
  replace?: boolean;
  now?: Date;
  /**
   * Told how far the work has got, every ROWS_PER_STEP rows; throwing (a cancel) stops it, and
   * inside the writing transaction rolls it back, so nothing is half attached.
   */
  progress?: (phase: string, rows: number, total: number) => void;
}

/** Rows between two calls of `progress`. */
const ROWS_PER_STEP = 2_000;

export async function importAgencyReturn(workspace: OpenWorkspace, path: string, actor: string, options: AgencyReturnOptions = {}): Promise<AgencyReturnReport> {
  const now = options.now ?? new Date();
  const step = options.progress ?? (() => undefined);
  const { db } = workspace;
  let opened: OpenedSpreadsheet;
  try {
    opened = await openSpreadsheet(path);
  } catch (error) {
    throw asWorkspaceError(error);
  }
  const sha256 = await sha256OfFile(path);
  const fileName = basename(path);

  const earlier = agencyReturnByFile(db, sha256);
  if (earlier) {
    const sheet = agencySheetById(db, earlier.sheetId)!;
    return {
      status: 'duplicate',
      agency: { id: sheet.agency, name: sheet.agencyName },
      sheetId: sheet.id,
      returnId: earlier.id,
      fileName,
      sheetExportedAt: sheet.exportedAt,
      rowsSent: sheet.rowCount,
      rowsReturned: earlier.rowsReturned,
      commentsAttached: earlier.commentsAttached,
      emptyComments: earlier.emptyComments,
      rowsEdited: earlier.rowsEdited,
      rowsMissing: earlier.rowsMissing,
      rowsUnknown: earlier.rowsUnknown,
      commentsReplaced: 0,
      messages: [`This file was already imported on ${displayDate(earlier.importedAt)} as the ${sheet.agencyName} return: nothing changed.`],
      issues: [],
    };
  }

  let identity: Partial<MetaEntries> | null;
  try {
    identity = await readIdentity(opened);
  } catch (error) {
    throw asWorkspaceError(error);
  }
  if (!identity?.token) throw notOurSheet();
  const sheet = recogniseSheet(workspace, identity);

  const mainSheet = opened.format === 'csv' ? undefined : (opened.sheets.find((s) => s.name === sheet.sheetName) ?? opened.sheets.find((s) => !s.hidden))?.name;
  let rows: RawRow[];
  step('Reading the returned sheet', 0, sheet.rowCount);
  try {
    rows = (await opened.readRows(mainSheet)).rows;
  } catch (error) {
    throw asWorkspaceError(error);
  }
  const header = findHeader(rows);
  if (!header) {
    throw new WorkspaceError(
      'bad_file',
      `The ${sheet.agencyName} sheet's header row (${REF_HEADER} … ${COMMENTS_HEADER}) is missing, so its rows cannot be matched. Ask for the file back as it was sent, with only the Comments filled in.`,
    );
  }

  const issues: AgencyReturnIssue[] = [];
  const columns = JSON.parse(sheet.columns) as Array<{ id: string; label: string }>;
  const refColumn = header.headers.indexOf(REF_HEADER.toLowerCase());
  const commentsColumn = header.headers.indexOf(COMMENTS_HEADER.toLowerCase());
  const columnAt = columns.map((c) => header.headers.indexOf(c.label.toLowerCase()));
  columns.forEach((c, i) => {
    if (columnAt[i]! < 0) issues.push({ rowNumber: null, kind: 'missing_column', message: `The column “${c.label}” is missing from the returned sheet; rows were compared on the other columns.` });
  });

  const sent = new Map(
    agencySheetSentRows(db, sheet.id).map((r) => [r.ref, r]),
  );
  const seen = new Map<string, number>();
  const attachments: Attachment[] = [];
  const editedRows: number[] = [];
  let rowsUnknown = 0;
  let emptyComments = 0;

  for (let r = header.index + 1; r < rows.length; r++) {
    if ((r - header.index - 1) % ROWS_PER_STEP === 0) step('Matching the returned rows', r - header.index - 1, rows.length - header.index - 1);
    const row = rows[r] ?? [];
    const rowNumber = r + 1;
    const ref = canonicalSheetValue(row[refColumn]).toUpperCase();
    const comment = canonicalSheetValue(row[commentsColumn]);
    if (!ROW_REF_PATTERN.test(ref)) {
      // Blank lines and the "End of list" line carry no reference; a comment without one cannot be placed.
      if (comment) issues.push({ rowNumber, kind: 'no_ref', message: `Row ${rowNumber} has a comment but no Ref from the sheet sent; the comment was not attached.` });
      continue;
    }
    const sentRow = sent.get(ref);
    if (!sentRow) {
      rowsUnknown++;
      issues.push({ rowNumber, kind: 'unknown_ref', message: `Row ${rowNumber}: the Ref ${ref} was not on the sheet sent; ${comment ? 'its comment was not attached' : 'the row was ignored'}.` });
      continue;
    }
    const firstRow = seen.get(ref);
    if (firstRow !== undefined) {
      issues.push({ rowNumber, kind: 'repeated_ref', message: `Row ${rowNumber} repeats the Ref of row ${firstRow}; only row ${firstRow} was used.` });
      continue;
    }
    seen.set(ref, rowNumber);

    const sentHashes = JSON.parse(sentRow.cellHashes) as string[];
    const changed = columns.filter((c, i) => columnAt[i]! >= 0 && cellHash(sheet.token, ref, c.id, canonicalSheetValue(row[columnAt[i]!])) !== sentHashes[i]).map((c) => c.label);
    if (changed.length) {
      editedRows.push(rowNumber);
      issues.push({
        rowNumber,
        kind: 'edited',
        message: `Row ${rowNumber}: ${changed.join(', ')} ${changed.length === 1 ? 'differs' : 'differ'} from the sheet sent; ${comment ? 'the comment was attached, but check the row is about the right person' : 'it has no comment'}.`,
      });
    }
    if (!comment) {
      emptyComments++;
      continue;
    }
    if (sentRow.personId === null) {
      issues.push({ rowNumber, kind: 'person_gone', message: `Row ${rowNumber}: the person on this row has since been merged into another record; the comment was not attached.` });
      continue;
    }
    let text = comment;
    if (text.length > MAX_COMMENT_CHARS) {
      text = text.slice(0, MAX_COMMENT_CHARS);
      issues.push({ rowNumber, kind: 'comment_truncated', message: `Row ${rowNumber}: the comment was cut to ${MAX_COMMENT_CHARS} characters.` });
    }
    attachments.push({ personId: sentRow.personId, comment: text, rowNumber, edited: changed.length > 0 });
  }
  const missingRows = [...sent.values()].filter((s) => !seen.has(s.ref)).map((s) => s.rowNumber).sort((a, b) => a - b);
  if (seen.size === 0 && sent.size > 0) {
    // Nothing on it is about the people sent: attaching "nothing" would still wipe the agency's comments.
    const kept = `Nothing was imported; ${sheet.agencyName}'s current comments are kept.`;
    throw new WorkspaceError(
      'bad_file',
      rowsUnknown
        ? `None of the ${rowsUnknown} Refs on this ${sheet.agencyName} sheet was on the sheet sent, so it is not ${sheet.agencyName}'s return of that sheet (or its Ref column was changed). ${kept}`
        : `This ${sheet.agencyName} sheet came back with no Ref in any row, so no comment can be placed. ${kept}`,
    );
  }

  const current = currentAgencyComments(db, sheet.agency);
  // What the return holds, the same whether it is attached now or waits for the analyst's confirmation,
  // and as its record keeps it.
  const tally = {
    rowsReturned: seen.size,
    commentsAttached: attachments.length,
    emptyComments,
    rowsEdited: editedRows.length,
    rowsMissing: missingRows.length,
    rowsUnknown,
  };
  const counts = {
    agency: { id: sheet.agency, name: sheet.agencyName },
    sheetId: sheet.id,
    fileName,
    sheetExportedAt: sheet.exportedAt,
    rowsSent: sheet.rowCount,
    ...tally,
  };
  if (current.length > 0 && !options.replace) {
    return {
      status: 'needs_confirmation',
      ...counts,
      returnId: null,
      commentsReplaced: current.length,
      messages: [
        `Recognised the ${sheet.agencyName} sheet exported ${displayDate(sheet.exportedAt)} (${plural(sheet.rowCount, 'person', 'people')}).`,
        replacementPreview(sheet.agencyName, current, attachments),
      ],
      issues,
    };
  }

  const importedAt = now.toISOString();
  const result = db.transaction(() => {
    const replaced = agencyCommentCount(db, sheet.agency);
    const previousReturnAt = latestAgencyReturnAt(db, sheet.agency);
    const returnId = insertAgencyReturn(db, {
      sheetId: sheet.id,
      sha256,
      fileName,
      ...tally,
      commentsReplaced: replaced,
      importedBy: actor,
      importedAt,
    });
    supersedeEarlierAgencyReturns(db, returnId, sheet.agency);
    retireAgencyComments(db, sheet.agency, importedAt);
    for (const [i, a] of attachments.entries()) {
      if (i % ROWS_PER_STEP === 0) step('Attaching the comments', i, attachments.length);
      attachAgencyComment(db, { personId: a.personId, agency: sheet.agency, agencyName: sheet.agencyName, comment: a.comment, returnId, rowNumber: a.rowNumber, rowEdited: a.edited, createdBy: actor, createdAt: importedAt });
    }
    appendAudit(
      db,
      {
        actor,
        action: 'agencySheet.return',
        entity: 'agency_sheet',
        entityId: sheet.id,
        detail: { returnId, agency: sheet.agency, sha256, rowsReturned: seen.size, commentsAttached: attachments.length, emptyComments, rowsEdited: editedRows.length, rowsMissing: missingRows.length, rowsUnknown, commentsReplaced: replaced },
      },
      importedAt,
    );
    return { returnId, commentsReplaced: replaced, previousReturnAt };
  }).immediate();

  const messages = [`Recognised the ${sheet.agencyName} sheet exported ${displayDate(sheet.exportedAt)} (${plural(sheet.rowCount, 'person', 'people')}).`];
  messages.push(attachments.length ? `${plural(attachments.length, 'comment')} attached for the panel.` : 'No comments were written on the returned sheet.');
  if (emptyComments) messages.push(`${plural(emptyComments, 'row')} had no comment and ${emptyComments === 1 ? 'was' : 'were'} left as they are.`);
  if (editedRows.length === 1) messages.push(`1 row had other cells changed (row ${editedRows[0]}): check it is about the right person before relying on its comment.`);
  else if (editedRows.length) messages.push(`${editedRows.length} rows had other cells changed (rows ${rowList(editedRows)}): check they are about the right people before relying on their comments.`);
  if (missingRows.length) messages.push(`${missingRows.length} ${missingRows.length === 1 ? 'person on the sheet was' : 'people on the sheet were'} not returned (${missingRows.length === 1 ? `sheet row ${missingRows[0]} as sent was` : `sheet rows ${rowList(missingRows)} as sent were`} removed).`);
  if (rowsUnknown) messages.push(`${plural(rowsUnknown, 'row')} carried a Ref that was not on the sheet sent; nothing was attached from ${rowsUnknown === 1 ? 'it' : 'them'}.`);
  if (result.commentsReplaced) {
    messages.push(`This replaces the ${plural(result.commentsReplaced, 'comment')} from ${sheet.agencyName}'s earlier return${result.previousReturnAt ? ` of ${displayDate(result.previousReturnAt)}` : ''} (kept in the history).`);
  } else if (result.previousReturnAt) {
    messages.push(`This replaces ${sheet.agencyName}'s earlier return of ${displayDate(result.previousReturnAt)}.`);
  }

  return {
    status: 'imported',
    ...counts,
    returnId: result.returnId,
    commentsReplaced: result.commentsReplaced,
    messages,
    issues,
  };
}
