import { statSync } from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RawRow } from '../../shared/domain/rawCell';
import type { IsoDate } from '../../shared/domain/isoDate';
import { FLAG_SHORT_LABELS, type FlagName } from '../../shared/domain/flags';
import { createsPeople, flagOfImportKind, headerFamilyOf, importKindLabel, type ImportKindId } from '../../shared/domain/importKinds';
import type { ColumnChoice, ImportReport } from '../../shared/import/importSchemas';
import { findHeaderRow, headerCellsOf } from '../../shared/import/headerRecognition';
import { unmappedColumnMessages, unmappedColumnsOf } from '../../shared/import/unmappedColumns';
import { rowAccountText, type RowCounts } from '../../shared/import/importRowAccount';
import { plural } from '../../shared/domain/numberFormat';
import { fieldLabel } from '../../shared/import/fieldLabels';
import { fieldColumnsOf, type ArrestLineCodes, type FieldColumns, type InterpretOptions, type InterpretedRow, type PersonFields } from '../../shared/import/importRowInterpretation';
import { cellText } from '../../shared/import/valueParsing';
import type { PairScore } from '../../shared/links/recordLinkage';
import type { OpenWorkspace } from '../workspace/workspaceFile';
import { WorkspaceError } from '../workspace/workspaceErrors';
import { appendAudit } from '../workspace/auditLog';
import { rememberMapping, resolveMapping, type HeaderOverride, type ResolvedMapping } from './columnMapping';
import { PERSON_FIELD_COLUMNS } from './personFieldRule';
import { sha256OfFile } from './fileHash';
import { FileHashCheck, FileImportedBefore } from './fileHashCheck';
import { grown } from './grownArray';
import { asWorkspaceError, ImportCancelled } from './importErrors';
import { ArrestStage } from './arrestStage';
import { arrestLineColumns, type CodedBatch } from './arrestLines';
import { CodedRowInterpreter, GeneralRowInterpreter, identityOfCodes, plainRowOfCodes, type RowInterpreter } from './rowInterpreters';
import type { CodedRowStream, ReadingWorkerStart } from './codedCsvRows';
import { BLOCK_LIMIT, MISSING_DOB, MISSING_FORENAMES, MISSING_SURNAME, PersonRegistry, type PersonMatch } from './personRegistry';
import { openRowSource, type RowSource } from './rowSource';
import { noHeaderReason, noPersonColumnReason } from './notAList';
import type { ReaderLimits } from './readers/limits';
import { firstFreePersonId } from '../workspace/rowIds';
import { auditDetail as removalAuditDetail, describeRemoval, removeImportData, startReplacement } from './importUndo';
import { CREATED_PEOPLE_PER_STATEMENT as PEOPLE_PER_STATEMENT, CREATED_PERSON_VALUES as PERSON_VALUES, importPeopleWriters, type ImportPeopleWriters } from '../data/people';
import { importRowWriters, insertStartedImport, recordImportCounts, replaceableImport, type ImportOfFile, type ImportRowWriters } from '../data/imports';
import { importFlagWriter, type ImportFlagWriter } from '../data/lists';
import { importReviewWriter, type ImportReviewWriter } from '../data/links';
import { beginWriteTransaction, commitTransaction, restoreSettingsAfterImport, rollBackTransaction, useImportSettings } from '../data/connection';

export interface ImportRequest {
  path: string;
  kind: ImportKindId;
  sheet?: string;
  mapping?: ColumnChoice[];
  /** Columns named by header, each with the field it fills, on top of the mapping otherwise used (the CLI's --map). */
  overrides?: HeaderOverride[];
  rememberMapping?: boolean;
  /**
   * An earlier import of the same kind that this file replaces: its data goes in the same
   * transaction (see `removeImportData`), after this file's rows are in, so the people both lists
   * name stay. Without it a list only adds.
   */
  replaceImportId?: number;
  /** Work everything out, then roll back: the exact preview of an import (and of a replacement). */
  dryRun?: boolean;
}

interface ImportProgress {
  phase: string;
  rows: number;
  fraction: number | null;
}

export interface ImportControl {
  actor: string;
  onProgress?(progress: ImportProgress): void;
  isCancelled?(): boolean;
  now?(): string;
  limits?: Partial<ReaderLimits>;
  /**
   * A script that starts with `runCsvLineWorkerIfAsked()` (the import worker's own): an arrests
   * extract in CSV is then read and coded in a worker thread of its own while this thread links
   * and writes. Without it the same reading runs in this thread.
   */
  lineWorkerScript?: string;
  /**
   * A reading worker started while the workspace was opened (see {@link ReadingWorkerStart}),
   * taken instead of starting one from `lineWorkerScript`; stopped when the import needs none.
   */
  readingWorker?: ReadingWorkerStart;
  /**
   * The connection is this import's own (the import worker's, the CLI's): no other code runs
   * statements on it while the import does. Foreign keys are then not checked row by row: see
   * {@link writePlanned}.
   */
  privateConnection?: boolean;
  /**
   * False reads every row of an arrests extract through the general path (CSV record →
   * `interpretRow`) instead of coding plain lines: for tests that hold the two to the same result.
   */
  codeLines?: boolean;
}

const HEADER_SCAN_ROWS = 30;
const MAX_REPORTED_ISSUES = 200;
/**
 * Page cache for the import's transaction, in KiB. An arrests extract inserts people and their PNC
 * index in an order the file decides; with SQLite's default 2 MB cache nearly every row evicts a page
 * (encrypted on the way out, decrypted on the way back). Pages are allocated only as they are used,
 * so a small list costs nothing extra, and the default is restored when the import ends.
 */
const IMPORT_CACHE_KIB = 256 * 1024;
/** How often (rows) the import looks for a cancel request and reports progress. */
const CHECK_EVERY = 500;
/** The progress phase of {@link RowImporter.linkRowsWithoutPnc}. */
const LINKING_ROWS_WITHOUT_PNC = 'Linking rows without a PNC';

type Disposition = 'rejected' | 'skipped' | 'unmatched' | 'note';

/** People columns an import may set, with the field name stored beside each value's source (see personFieldRule.ts). */
const PERSON_COLUMNS = PERSON_FIELD_COLUMNS;
const IDENTITY_COLUMNS = { pnc: 'pnc', surname: 'surname', forenames: 'forenames', dob: 'dob' } as const;
const IDENTITY_KEYS = ['pnc', 'surname', 'forenames', 'dob'] as const;

/** What a review queues: enough to apply the row later if the analyst says it is the same person. */
export interface QueuedRecord {
  kind: ImportKindId;
  identity: InterpretedRow['identity'];
  fields: PersonFields;
  flags: FlagName[];
  /** For long-list and arrests rows, the person created for the row while the match is reviewed. */
  createdPersonId: number | null;
}

class ImportWriter {
  private readonly people: ImportPeopleWriters;
  /** People created and not yet inserted, {@link PERSON_VALUES} values each (see {@link createPerson}). */
  private readonly pendingPeople: Array<string | number | null> = [];
  private nextPersonId: number;
  private readonly rows: ImportRowWriters;
  private readonly flags: ImportFlagWriter;
  private readonly reviews: ImportReviewWriter;
  private readonly flagged = new Set<string>();
  private readonly arrests = new ArrestStage();
  /** Arrests written that were not already in the workspace. */
  arrestsAdded = 0;

  constructor(
    private readonly db: Database,
    readonly importId: number,
    now: string,
  ) {
    this.people = importPeopleWriters(db, importId, now);
    this.nextPersonId = firstFreePersonId(db);
    this.rows = importRowWriters(db, importId);
    this.flags = importFlagWriter(db, importId);
    this.reviews = importReviewWriter(db, importId);
  }

  /**
   * The identity values come from (this import, `rowNumber`), which the person row records once;
   * `person_field_provenance` (migration 007) lists them per field with the sources set later.
   *
   * The person gets the next free id (above every id in use or retired, see `rowIds.ts`; the
   * transaction holds the write lock and only this writer adds people), and the row is inserted
   * with others a few dozen at a time: an extract creates a hundred thousand people, one insert
   * each. A statement of the writer about a person still pending first inserts what is pending, so
   * nothing ever looks for a person who is not there yet; {@link pncTaken} looks among the pending
   * people itself. (Flushing for every statement instead would insert people one by one again in
   * an extract that fills in PNCs learnt later.)
   */
  createPerson(identity: InterpretedRow['identity'], onLongList: boolean, rowNumber: number): number {
    const id = this.nextPersonId++;
    this.pendingPeople.push(id, identity.pnc, identity.surname, identity.forenames, identity.dob, onLongList ? 1 : 0, rowNumber);
    if (this.pendingPeople.length === PEOPLE_PER_STATEMENT * PERSON_VALUES) this.flushPeople();
    return id;
  }

  /** Inserts the people {@link createPerson} holds back. */
  flushPeople(): void {
    const pending = this.pendingPeople;
    if (pending.length === 0) return;
    if (pending.length === PEOPLE_PER_STATEMENT * PERSON_VALUES) this.people.insertPeople(pending);
    else for (let at = 0; at < pending.length; at += PERSON_VALUES) this.people.insertPersonAt(pending, at);
    pending.length = 0;
  }

  /** {@link flushPeople} when the person is among those held back (ids are given in ascending order). */
  private flushPeopleHolding(personId: number): void {
    const pending = this.pendingPeople;
    if (pending.length !== 0 && personId >= (pending[0] as number)) this.flushPeople();
  }

  /** Whether someone in the workspace (or created by this import) holds this PNC text. */
  pncTaken(pnc: string): boolean {
    const pending = this.pendingPeople;
    for (let at = 1; at < pending.length; at += PERSON_VALUES) if (pending[at] === pnc) return true;
    return this.people.pncHeld(pnc);
  }

  setColumn(personId: number, column: string, value: string | number, rowNumber: number): void {
    this.flushPeopleHolding(personId);
    // Column names come only from PERSON_COLUMNS / IDENTITY_COLUMNS, never from the file.
    this.people.setFieldFromRow(personId, column, value, rowNumber);
  }

  setFields(personId: number, fields: PersonFields, rowNumber: number): void {
    for (const [key, value] of Object.entries(fields) as Array<[keyof PersonFields, string | number | undefined]>) {
      if (value !== undefined) this.setColumn(personId, PERSON_COLUMNS[key], value, rowNumber);
    }
  }

  markLongList(personId: number): void {
    this.flushPeopleHolding(personId);
    this.people.putOnLongList(personId);
    this.rows.recordLongListEntry(personId);
  }

  /** Held back and written at the end, grouped and sorted (see {@link ArrestStage}). */
  addArrest(personId: number, date: IsoDate, offence: string, borough: string | null, rowNumber: number): void {
    this.arrests.add(personId, date, offence, borough, rowNumber);
  }

  addCodedArrest(personId: number, dateCode: number, offenceText: number, boroughText: number, texts: readonly string[], rowNumber: number): void {
    this.arrests.addCoded(personId, dateCode, offenceText, boroughText, texts, rowNumber);
  }

  flushArrests(): void {
    this.flushPeople();
    this.arrestsAdded += this.arrests.write(this.db, this.importId);
  }

  addFlag(personId: number, flag: FlagName, score: number | null, rowNumber: number): boolean {
    const key = `${personId}:${flag}`;
    if (this.flagged.has(key)) return false;
    this.flagged.add(key);
    this.flushPeopleHolding(personId);
    this.flags.insertFlag(personId, flag, score, rowNumber);
    return true;
  }

  addIssue(rowNumber: number, disposition: Disposition, reason: string, row: RawRow): void {
    this.rows.setAsideRow(rowNumber, reason, JSON.stringify(row.map((cell) => cellText(cell) ?? '')), disposition);
  }

  queueReview(rowNumber: number, personId: number, score: PairScore, record: QueuedRecord): void {
    // Only the person the review names must exist (its key); the person made for the row is named
    // in the record's text, so the rest stay held back for a full insert.
    this.flushPeopleHolding(personId);
    this.reviews.queueReview(rowNumber, personId, score.score, JSON.stringify(score), JSON.stringify(record));
  }
}

/** The row account's counts (shared/import/importRowAccount.ts) and what else the import adds up. */
interface Counters extends Omit<RowCounts, 'kind'> {
  arrestsAdded: number;
  flagsSet: number;
  valuesSetAside: number;
}

const FILE_UNREADABLE = 'The file could not be found or read (moved, deleted, or not readable by your account); nothing was imported. Choose it again.';

/**
 * Imports one file as one transaction: either every row's people, arrests, flags, rejected rows and
 * reviews are written together with the import's record, or (bad file, cancel, crash) nothing is.
 * The same file (same SHA-256) for the same kind is recognised and changes nothing.
 */
export async function importFile(workspace: OpenWorkspace, request: ImportRequest, control: ImportControl): Promise<ImportReport> {
  try {
    return await openAndImport(workspace, request, control);
  } finally {
    // Started while the workspace was opened; a file that needs none (a workbook, a list, a
    // refusal before the first row) leaves it unused.
    await control.readingWorker?.stop();
  }
}

async function openAndImport(workspace: OpenWorkspace, request: ImportRequest, control: ImportControl): Promise<ImportReport> {
  const { db } = workspace;
  const now = (control.now ?? (() => new Date().toISOString()))();
  const progress = (phase: string, rows: number, fraction: number | null) => control.onProgress?.({ phase, rows, fraction });
  const checkCancel = () => {
    if (control.isCancelled?.()) throw new ImportCancelled();
  };

  progress('Checking the file', 0, null);
  try {
    if (!statSync(request.path).isFile()) throw new Error('not a file');
  } catch {
    throw new WorkspaceError('not_found', FILE_UNREADABLE);
  }
  checkCancel();

  let source: RowSource;
  try {
    source = await openRowSource(request.path, { sheet: request.sheet, limits: control.limits });
  } catch (error) {
    throw asWorkspaceError(error);
  }
  if (source.sheetProblem) throw new WorkspaceError('bad_file', source.sheetProblem);

  const batches = source.batches((p) => progress('Importing rows', p.rows, p.fraction));
  try {
    return await importRows({ db, request, control, source, batches, now, progress, checkCancel });
  } finally {
    // A file refused before its last row (no header, missing columns, cancel) must not stay open:
    // closing the generator closes the CSV stream. A no-op when the rows were read to the end.
    await batches.return(undefined);
  }
}

interface ImportInput {
  db: Database;
  request: ImportRequest;
  control: ImportControl;
  source: RowSource;
  batches: AsyncGenerator<RawRow[]>;
  now: string;
  progress(phase: string, rows: number, fraction: number | null): void;
  checkCancel(): void;
}

interface ImportRun extends ImportInput {
  /** The file's SHA-256, still being worked out when the rows start to be read. */
  sha256: Promise<string>;
}

interface ImportPlan {
  mapping: ResolvedMapping;
  columns: FieldColumns;
  /** Sheet row number of the header; the data starts on the next row. */
  headerRowNumber: number;
  /** Hands every row after the header to the importer, in file order, looking for a cancel as it goes. */
  feed(importer: RowImporter): Promise<void>;
}

/** Everything after the file is open: header and mapping, then the rows in one transaction. */
async function importRows(input: ImportInput): Promise<ImportReport> {
  const { request, source } = input;
  // An arrests extract in CSV (the million-row file) is read as coded lines, in a worker of its
  // own when there is one; everything else as rows.
  const coded = request.kind === 'arrests' && input.control.codeLines !== false && source.openCodedRows ? source.openCodedRows({ workerScript: input.control.lineWorkerScript, started: input.control.readingWorker }) : null;
  // Hashed while the rows are read: the check for a file imported before is made under the write
  // lock as soon as the hash is known (see FileHashCheck): before the first row for a small file;
  // for a coded extract once its reader has read the last byte, which it hashes as it reads, the
  // file not being read twice, nor by a third thread beside the reader and the importer.
  const sha256 = coded?.sha256 ?? sha256OfFile(request.path);
  sha256.catch(() => undefined);
  const run: ImportRun = { ...input, sha256 };
  try {
    return coded ? await importCodedRows(run, coded) : await importRawRows(run);
  } finally {
    await coded?.close();
  }
}

async function importRawRows(run: ImportRun): Promise<ImportReport> {
  const { batches, checkCancel } = run;
  const head: RawRow[] = [];
  const readAhead: RawRow[][] = [];
  try {
    // next() rather than for-await with break: breaking out of for-await would close the stream.
    while (head.length < HEADER_SCAN_ROWS) {
      const item = await batches.next();
      if (item.done) break;
      readAhead.push(item.value);
      head.push(...item.value.slice(0, HEADER_SCAN_ROWS - head.length));
    }
  } catch (error) {
    throw asWorkspaceError(error);
  }
  const found = recogniseHeader(run, head);
  return writePlanned(run, {
    ...found,
    async feed(importer) {
      const take = recordFeeder(new GeneralRowInterpreter(found.columns, importer.interpretOptions), importer, found.headerRowNumber, checkCancel);
      for (const batch of readAhead) take(batch);
      try {
        for await (const batch of batches) take(batch);
      } catch (error) {
        throw asWorkspaceError(error);
      }
    },
  });
}

/**
 * The rows of a CSV arrests extract as coded batches (see `arrestLines.ts`): the header is found
 * in the first rows, which always arrive parsed, and from then on plain lines arrive as numbers.
 */
async function importCodedRows(run: ImportRun, coded: CodedRowStream): Promise<ImportReport> {
  const { checkCancel, progress } = run;
  const head: RawRow[] = [];
  const readAhead: CodedBatch[] = [];
  try {
    while (head.length < HEADER_SCAN_ROWS) {
      const batch = await coded.next();
      if (!batch) break;
      readAhead.push(batch);
      // Nothing is coded before `configure`: these records are all parsed rows, in order.
      head.push(...batch.generic.slice(0, HEADER_SCAN_ROWS - head.length));
    }
  } catch (error) {
    throw asWorkspaceError(error);
  }
  const found = recogniseHeader(run, head);
  const columns = arrestLineColumns(found.columns);
  coded.configure(columns);
  return writePlanned(run, {
    ...found,
    async feed(importer) {
      const feedBatch = recordFeeder(new CodedRowInterpreter(found.columns, importer.interpretOptions), importer, found.headerRowNumber, checkCancel);
      let rows = 0;
      let reported = 0;
      const take = (batch: CodedBatch) => {
        rows += feedBatch(batch);
        // As often as the row reader reports: every thousand rows, counted at the batch boundary.
        if (Math.floor(rows / 1000) > reported) {
          reported = Math.floor(rows / 1000);
          progress('Importing rows', rows, batch.totalBytes ? batch.bytesRead / batch.totalBytes : null);
        }
      };
      for (const batch of readAhead) take(batch);
      try {
        for (;;) {
          const batch = await coded.next();
          if (!batch) break;
          take(batch);
        }
      } catch (error) {
        throw asWorkspaceError(error);
      }
      progress('Importing rows', rows, 1);
    },
  });
}

/**
 * Hands each batch's records after the header to the importer in file order, numbered as the
 * sheet's rows, looking for a cancel every {@link CHECK_EVERY} rows; each call returns how many
 * records the batch held.
 */
function recordFeeder<Batch>(interpreter: RowInterpreter<Batch>, importer: RowImporter, headerRowNumber: number, checkCancel: () => void): (batch: Batch) => number {
  let rowNumber = 0;
  return (batch) => {
    const records = interpreter.begin(batch);
    for (let record = 0; record < records; record++) {
      rowNumber += 1;
      if (rowNumber <= headerRowNumber) continue;
      importer.handle(interpreter, batch, record, rowNumber);
      if (rowNumber % CHECK_EVERY === 0) checkCancel();
    }
    importer.betweenBatches();
    return records;
  };
}

/** The header among the first rows, and the mapping of its columns; refuses a file without them. */
function recogniseHeader({ db, request, source }: ImportRun, head: RawRow[]): Omit<ImportPlan, 'feed'> {
  const header = findHeaderRow(head, HEADER_SCAN_ROWS);
  if (!header) throw new WorkspaceError('bad_file', noHeaderReason(head, source, HEADER_SCAN_ROWS));
  const mapping = resolveMapping(db, headerCellsOf(head, header.rowIndex), headerFamilyOf(request.kind), request.mapping, head.slice(header.rowIndex + 1), request.overrides);
  const noPerson = noPersonColumnReason(mapping.columns);
  if (noPerson) throw new WorkspaceError('bad_file', noPerson);
  if (mapping.missing.length) {
    throw new WorkspaceError('bad_file', `This ${importKindLabel(request.kind)} has no column for: ${mapping.missing.join('; ')}. Map the columns by hand or check the file.`);
  }
  return { mapping, columns: fieldColumnsOf(mapping.columns), headerRowNumber: header.rowIndex + 1 };
}

/**
 * Connection settings for the import's transaction, restored afterwards: a page cache that holds
 * what the import writes, and no checkpoint at the commit. (Sorts stay in memory, as on every
 * workspace connection: see applyConnectionSettings.)
 *
 * The commit of a large import appends every page it wrote to the write-ahead log and syncs it:
 * from then on the import is durable (WAL with synchronous=FULL). SQLite would then copy all of
 * those pages into the database file at once (an automatic checkpoint: read, decrypt, encrypt and
 * write every page again, about as long as the commit itself) before the import could report. The
 * checkpoint is left to run after the report instead: the import worker (and the CLI, which
 * closes the workspace) checkpoints once the result is out, and a shared connection at its next
 * commit or when it closes. Readers see the committed import either way.
 *
 * On a connection that is the import's own, foreign keys are switched off for the transaction
 * (it can only be done outside one) and back on after it. Every key an import writes names a row
 * it has just read or written under its own write lock (the person it linked or created, this
 * import's record), so the checks cannot fail, yet for an arrests extract they cost a lookup of
 * the person and one of the import for each of a million arrests, about a quarter of writing
 * them. On a shared connection (the app's own, when there is no worker) they stay on, as other
 * statements may run on it between the import's batches.
 */
async function writePlanned(run: ImportRun, plan: ImportPlan): Promise<ImportReport> {
  const { db } = run;
  const before = useImportSettings(db, IMPORT_CACHE_KIB, run.control.privateConnection === true);
  try {
    return await writeRows(run, plan);
  } finally {
    restoreSettingsAfterImport(db, before);
  }
}

async function writeRows(run: ImportRun, plan: ImportPlan): Promise<ImportReport> {
  const { db, request, control, source, now, progress, checkCancel } = run;
  const { mapping } = plan;
  const hashCheck = new FileHashCheck(run.sha256, db, request.kind, () => new WorkspaceError('not_found', FILE_UNREADABLE));
  beginWriteTransaction(db);
  try {
    // Read under the write lock, the file's earlier import included: an import in a worker may
    // have committed people, a version of this list, or this very file meanwhile, and a registry
    // loaded before that would create the same PNC twice.
    const recordedHash = hashCheck.beforeRecord();
    const registry = PersonRegistry.load(db);
    // A later list adds to what is there; only a replacement the user chose takes anything away.
    const supersedes = request.replaceImportId;
    if (supersedes !== undefined) checkReplaceable(db, supersedes, request.kind);
    const replacement = supersedes === undefined ? undefined : startReplacement(db, supersedes);
    const importId = insertStartedImport(db, {
      kind: request.kind,
      fileName: source.fileName,
      sha256: recordedHash,
      sheet: source.sheetName,
      sourceKey: mapping.signature,
      mapping: JSON.stringify(mapping.columns.map((c) => ({ column: c.column, header: c.header, field: c.field }))),
      importedBy: control.actor,
      importedAt: now,
      supersedesImportId: supersedes ?? null,
    });
    hashCheck.recorded(importId);
    const importer = new RowImporter(request.kind, new ImportWriter(db, importId, now), registry, () => hashCheck.checkIfKnown());
    await plan.feed(importer);
    const sha256 = await hashCheck.settle();
    checkCancel();
    if (importer.hasRowsWithoutPnc) {
      progress(LINKING_ROWS_WITHOUT_PNC, importer.counters.rowsRead, null);
      importer.linkRowsWithoutPnc(checkCancel);
    }
    // A header with nothing under it (an export cut short, the wrong sheet) is refused rather than
    // recorded: as the newest version of a list it would retire every flag the current one set.
    if (importer.counters.rowsRead === importer.counters.rowsSkipped) {
      throw new WorkspaceError(
        'bad_file',
        `The file has column headings but no rows of data under them${source.sheetName ? ` on sheet "${source.sheetName}"` : ''}, so nothing was imported. Check that the export finished and that this is the sheet that holds the list.`,
      );
    }
    progress('Writing arrests', importer.counters.rowsRead, null);
    importer.finish();
    const replaced = supersedes === undefined ? null : removeImportData(db, supersedes, control.actor, now, replacement);

    const counters = importer.counters;
    const unmappedColumns = unmappedColumnsOf(request.kind, mapping.columns, mapping.holds);
    recordImportCounts(db, importId, counters);
    if (request.rememberMapping !== false) rememberMapping(db, mapping.signature, request.kind, mapping.columns, control.actor, now);
    appendAudit(db, {
      actor: control.actor,
      action: 'import',
      entity: 'import',
      entityId: importId,
      detail: { kind: request.kind, sha256, rows: counters.rowsRead, imported: counters.rowsImported, rejected: counters.rowsRejected, unmatched: counters.rowsUnmatched, reviews: counters.reviewsQueued, mapping: mapping.source, ...(replaced ? { replaces: replaced.importId, replaced: removalAuditDetail(replaced) } : {}) },
    }, now);
    progress('Saving', counters.rowsRead, 1);
    if (request.dryRun) rollBackTransaction(db);
    else commitTransaction(db);

    return {
      status: 'imported',
      importId,
      kind: request.kind,
      fileName: source.fileName,
      sha256,
      sheet: source.sheetName,
      rowsRead: counters.rowsRead,
      rowsImported: counters.rowsImported,
      rowsLinked: counters.rowsLinked,
      rowsRejected: counters.rowsRejected,
      rowsSkipped: counters.rowsSkipped,
      rowsUnmatched: counters.rowsUnmatched,
      peopleCreated: counters.peopleCreated,
      arrestsAdded: counters.arrestsAdded,
      flagsSet: counters.flagsSet,
      reviewsQueued: counters.reviewsQueued,
      supersededImportId: supersedes ?? null,
      unmappedColumns,
      replaced,
      dryRun: request.dryRun === true,
      messages: [
        ...(request.dryRun ? ['Preview only: nothing was changed.'] : []),
        ...reportMessages(request.kind, counters, [...mapping.duplicates, ...unmappedColumnMessages(unmappedColumns, fieldLabel)], source.warnings),
        ...saturationMessages(registry.saturatedKeys),
        ...(replaced ? [`${request.dryRun ? 'Replacing' : 'Replaced'} import ${replaced.importId} (${replaced.fileName}):`, ...describeRemoval(replaced).map((line) => `  ${line}`)] : []),
      ],
      issues: importer.issues,
      issuesTruncated: importer.issuesTruncated,
    };
  } catch (error) {
    if (db.inTransaction) rollBackTransaction(db);
    if (error instanceof FileImportedBefore) return duplicateReport(request.kind, error.previous, error.sha256);
    throw error;
  }
}

/** Numbers per deferred coded line (see `RowImporter.deferredCodes`). */
const DEFERRED_CODE_VALUES = 7;

/**
 * The quote of a row linked after the rest of its file, which is never asked for: such a row
 * creates a person whenever it links to no one, and only a row a list cannot apply is quoted.
 */
function neverQuoted(): RawRow {
  throw new Error('A row without a PNC, linked after the rest of the file, was to be quoted; nothing was imported.');
}

/** One import's rows, one at a time: interpret, link, write, and count what happened to each. */
class RowImporter {
  readonly counters: Counters = { rowsRead: 0, rowsImported: 0, rowsLinked: 0, rowsRejected: 0, rowsSkipped: 0, rowsUnmatched: 0, peopleCreated: 0, arrestsAdded: 0, flagsSet: 0, reviewsQueued: 0, valuesSetAside: 0 };
  readonly issues: ImportReport['issues'] = [];
  issuesTruncated = false;
  private readonly kindFlag: FlagName | null;
  private readonly createsPeople: boolean;
  /** Records made for PNC keying slips, by PNC, surname and date of birth (see {@link applyRow}). */
  private readonly slipRecords = new Map<string, number>();
  /** An arrests extract's rows without a PNC link after the rest (see {@link linkRowsWithoutPnc}). */
  private readonly defersRowsWithoutPnc: boolean;
  /** Coded lines without a PNC, {@link DEFERRED_CODE_VALUES} numbers each: row number, then the line's codes from the surname on. */
  private deferredCodes = new Int32Array(DEFERRED_CODE_VALUES * 1024);
  private deferredLength = 0;
  private deferredTexts: readonly string[] = [];
  /** Other rows without a PNC, with their row numbers. */
  private readonly deferredRows: Array<{ rowNumber: number; row: InterpretedRow }> = [];

  constructor(
    private readonly kind: ImportKindId,
    private readonly writer: ImportWriter,
    private readonly registry: PersonRegistry,
    /** Called between batches (the file's hash check, see fileHashCheck.ts). */
    readonly betweenBatches: () => void = () => undefined,
  ) {
    this.kindFlag = flagOfImportKind(kind);
    this.createsPeople = createsPeople(kind);
    this.defersRowsWithoutPnc = kind === 'arrests' && this.createsPeople;
  }

  /** Writes what is still held back and completes the counts. */
  finish(): void {
    this.writer.flushArrests();
    this.counters.arrestsAdded = this.writer.arrestsAdded;
  }

  private note(rowNumber: number, disposition: Disposition, reason: string, row: RawRow | (() => RawRow)): void {
    this.writer.addIssue(rowNumber, disposition, reason, typeof row === 'function' ? row() : row);
    if (this.issues.length < MAX_REPORTED_ISSUES) this.issues.push({ rowNumber, disposition, reason });
    else this.issuesTruncated = true;
  }

  /** How rows of this import are interpreted (the options `interpretRecord` takes). */
  get interpretOptions(): InterpretOptions {
    return { kindFlag: this.kindFlag };
  }

  /**
   * One record after the header, as the interpreter reads it: skipped, refused, or linked and
   * written. A coded arrest line that is simply one more arrest of someone already known by PNC
   * is written from its numbers, without making its strings (see `rowInterpreters.ts`).
   */
  handle<Batch>(interpreter: RowInterpreter<Batch>, batch: Batch, index: number, rowNumber: number): void {
    const counters = this.counters;
    counters.rowsRead += 1;
    const outcome = interpreter.interpret(batch, index);
    if (outcome.disposition !== 'interpreted') {
      if (outcome.disposition === 'skipped') counters.rowsSkipped += 1;
      else counters.rowsRejected += 1;
      this.note(rowNumber, outcome.disposition, outcome.reason, interpreter.quote(batch, index));
      return;
    }
    const r = outcome.row;
    if (r.codes && this.defersRowsWithoutPnc && r.codes.pnc < 0) {
      this.deferCodedLine(r.codes, rowNumber);
      return;
    }
    if (r.codes && this.linkCodedLine(r.codes, rowNumber)) return;
    // The row as the file has it, made only for a note: most rows are linked without one.
    let quoted: RawRow | null = null;
    const row = () => (quoted ??= interpreter.quote(batch, index));
    for (const text of r.notes) {
      counters.valuesSetAside += 1;
      this.note(rowNumber, 'note', text, row);
    }
    if (r.pncProblem) {
      counters.valuesSetAside += 1;
      this.note(rowNumber, 'note', `${r.pncProblem} Linked by name and date of birth instead.`, row);
    }
    // A coded row's strings, made once here, as a plain row like any other.
    const plain: InterpretedRow = r.codes ? plainRowOfCodes(r.codes) : r;
    if (this.defersRowsWithoutPnc && plain.identity.pnc === null) this.deferredRows.push({ rowNumber, row: plain });
    else this.applyRow(plain, rowNumber, row);
  }

  /** Whether rows without a PNC wait for the rest of the file (see {@link linkRowsWithoutPnc}). */
  get hasRowsWithoutPnc(): boolean {
    return this.deferredRows.length !== 0 || this.deferredLength !== 0;
  }

  private deferCodedLine(line: ArrestLineCodes, rowNumber: number): void {
    // The interpreter's texts are the whole file's, by id, and only grow: one reference serves every line.
    this.deferredTexts = line.texts;
    if (this.deferredLength + DEFERRED_CODE_VALUES > this.deferredCodes.length) this.deferredCodes = grown(this.deferredCodes, this.deferredCodes.length * 2);
    const codes = this.deferredCodes;
    const at = this.deferredLength;
    codes[at] = rowNumber;
    codes[at + 1] = line.surname;
    codes[at + 2] = line.forenames;
    codes[at + 3] = line.dob;
    codes[at + 4] = line.arrestDate;
    codes[at + 5] = line.offence;
    codes[at + 6] = line.borough;
    this.deferredLength = at + DEFERRED_CODE_VALUES;
  }

  /**
   * Links an arrests extract's rows without a valid PNC, in file order, once every row with one
   * has been linked: a row without a PNC is matched by name and date of birth against everyone
   * the extract names, not only those its earlier rows happened to name. Matched in file order,
   * the row of someone whose PNC comes a few lines later would make a person of its own (later
   * given that PNC by the row that names it), or wait for review as a near miss of someone else;
   * deterministic links first, then probabilistic ones on the whole file, is how record linkage
   * is done (and it leaves the registry's search of people without a PNC for rows with a PNC empty).
   * Such a row never needs its text quoted: it creates a person whenever it links to no one.
   */
  linkRowsWithoutPnc(checkCancel: () => void): void {
    const codes = this.deferredCodes;
    const length = this.deferredLength;
    const rows = this.deferredRows;
    const texts = this.deferredTexts;
    const line: { -readonly [K in keyof ArrestLineCodes]: ArrestLineCodes[K] } = { pnc: -1, surname: -1, forenames: -1, dob: -1, arrestDate: -1, offence: -1, borough: -1, texts };
    let at = 0;
    let next = 0;
    let linked = 0;
    while (at < length || next < rows.length) {
      const rowNumber = at < length ? codes[at]! : Infinity;
      if (next < rows.length && rows[next]!.rowNumber < rowNumber) {
        const deferred = rows[next++]!;
        this.applyRow(deferred.row, deferred.rowNumber, neverQuoted);
      } else {
        line.surname = codes[at + 1]!;
        line.forenames = codes[at + 2]!;
        line.dob = codes[at + 3]!;
        line.arrestDate = codes[at + 4]!;
        line.offence = codes[at + 5]!;
        line.borough = codes[at + 6]!;
        at += DEFERRED_CODE_VALUES;
        if (!this.linkCodedLine(line, rowNumber)) this.applyRow(plainRowOfCodes(line), rowNumber, neverQuoted);
      }
      if (++linked % CHECK_EVERY === 0) checkCancel();
    }
    this.deferredLength = 0;
    rows.length = 0;
  }

  /** applyRow for a coded line that is one more arrest of someone known (by PNC, or without one by the very same names and date of birth), without the strings; false when it needs the full path. */
  private linkCodedLine(line: ArrestLineCodes, rowNumber: number): boolean {
    const { pnc, surname, forenames, dob, texts } = line;
    if (pnc < 0) {
      // Without a PNC: linked here only to the one person holding its very names and birth date.
      const identical = surname >= 0 && forenames >= 0 && dob >= 0 ? this.registry.personWithIdenticalIdentity(texts[surname]!, texts[forenames]!, dob) : undefined;
      if (identical === undefined) return false;
      this.writer.addCodedArrest(identical, line.arrestDate, line.offence, line.borough, texts, rowNumber);
      this.counters.rowsImported += 1;
      this.counters.rowsLinked += 1;
      return true;
    }
    const personId = this.registry.personWithPncCode(pnc);
    if (personId === undefined) return this.createForCodedLine(line, rowNumber);
    if (this.registry.codedLineMayConflict(surname >= 0 ? texts[surname]! : null, dob)) return false;
    const missing = (surname < 0 ? MISSING_SURNAME : 0) | (forenames < 0 ? MISSING_FORENAMES : 0) | (dob < 0 ? MISSING_DOB : 0);
    if (this.registry.lacksAnyMissingFrom(personId, missing)) this.fillIdentity(personId, identityOfCodes(line), rowNumber);
    this.writer.addCodedArrest(personId, line.arrestDate, line.offence, line.borough, texts, rowNumber);
    this.counters.rowsImported += 1;
    this.counters.rowsLinked += 1;
    return true;
  }

  /**
   * For {@link linkCodedLine}, a coded line whose valid PNC nobody holds, when nobody without a PNC
   * is known who could be the same person by name ({@link PersonRegistry.nobodyToMatchByName}):
   * what {@link applyRow} does for it (a new person, the line's arrest), without making the row's
   * fields and arrest as strings; false when it needs the full path. The first line of each person
   * of an extract comes here.
   */
  private createForCodedLine(line: ArrestLineCodes, rowNumber: number): boolean {
    if (!this.createsPeople || !this.registry.nobodyToMatchByName()) return false;
    const personId = this.createFor(identityOfCodes(line), rowNumber);
    this.writer.addCodedArrest(personId, line.arrestDate, line.offence, line.borough, line.texts, rowNumber);
    this.counters.rowsImported += 1;
    return true;
  }

  /**
   * Fills in what this row knows and the person's record lacks (a PNC, a date of birth). Only ever
   * an empty column, each with its own source row: `person_field_provenance` relies on a filled
   * identity column without one still holding the value the person was created with.
   */
  private fillIdentity(personId: number, identity: InterpretedRow['identity'], rowNumber: number): void {
    // Nearly always nothing is missing: asked of the registry's per-person bits first.
    if (!this.registry.lacksAnyOf(personId, identity)) return;
    const known = this.registry.get(personId);
    if (!known) return;
    let changes: Partial<InterpretedRow['identity']> | null = null;
    for (const key of IDENTITY_KEYS) {
      const value = identity[key];
      if (value && !known[key]) {
        if (key === 'pnc' && (this.registry.holdsPncText(value) ?? this.writer.pncTaken(value))) continue;
        this.writer.setColumn(personId, IDENTITY_COLUMNS[key], value, rowNumber);
        changes ??= {};
        changes[key] = value;
      }
    }
    if (changes) this.registry.update(personId, changes);
  }

  private createFor(identity: InterpretedRow['identity'], rowNumber: number): number {
    const id = this.writer.createPerson(identity, this.kind === 'candidates', rowNumber);
    this.registry.add({ id, ...identity });
    this.counters.peopleCreated += 1;
    return id;
  }

  private applyToPerson(personId: number, r: InterpretedRow, rowNumber: number): void {
    const { writer, counters } = this;
    if (this.kind === 'arrests') {
      for (const arrest of r.arrests) writer.addArrest(personId, arrest.date, arrest.offence, r.fields.borough ?? null, rowNumber);
      return;
    }
    if (this.kind === 'candidates') writer.markLongList(personId);
    const fields: PersonFields = this.kind === 'candidates' || this.kind === 'pins' || this.kind === 'cohort' ? r.fields : pick(r.fields, ['ogrsScore', 'gender', 'ethnicity']);
    writer.setFields(personId, fields, rowNumber);
    for (const flag of r.flags) if (writer.addFlag(personId, flag, flag === 'ogrsMandatory' ? (r.fields.ogrsScore ?? null) : null, rowNumber)) counters.flagsSet += 1;
    for (const arrest of r.arrests) writer.addArrest(personId, arrest.date, arrest.offence, null, rowNumber);
  }

  private applyRow(r: InterpretedRow, rowNumber: number, row: () => RawRow): void {
    const counters = this.counters;
    let match: PersonMatch = this.registry.match(r.identity);
    if (match.kind === 'pncConflict') {
      // Further rows of the same slip (same PNC, surname and date of birth) join the record the
      // first one created, rather than each making another.
      const key = `${r.identity.pnc}|${r.identity.surname}|${r.identity.dob}`;
      const earlier = this.slipRecords.get(key);
      if (earlier !== undefined) {
        match = { kind: 'pnc', personId: earlier };
      } else {
        counters.valuesSetAside += 1;
        this.note(rowNumber, 'note', `PNC ${r.identity.pnc} belongs to person ${match.personId}, whose surname and date of birth both differ from this row's: a probable keying slip, so the row is kept apart for review${this.createsPeople ? ' on a record without that PNC' : ''}.`, row);
        const identity = { ...r.identity, pnc: null };
        const createdPersonId = this.createsPeople ? this.createFor(identity, rowNumber) : null;
        if (createdPersonId !== null) {
          this.slipRecords.set(key, createdPersonId);
          this.applyToPerson(createdPersonId, r, rowNumber);
          counters.rowsImported += 1;
        }
        this.writer.queueReview(rowNumber, match.personId, match.score, { kind: this.kind, identity: r.identity, fields: r.fields, flags: r.flags, createdPersonId });
        counters.reviewsQueued += 1;
        return;
      }
    }
    if (match.kind === 'pnc' || match.kind === 'auto') {
      this.fillIdentity(match.personId, r.identity, rowNumber);
      this.applyToPerson(match.personId, r, rowNumber);
      counters.rowsImported += 1;
      counters.rowsLinked += 1;
      return;
    }
    if (match.kind === 'review') {
      const createdPersonId = this.createsPeople ? this.createFor(r.identity, rowNumber) : null;
      if (createdPersonId !== null) this.applyToPerson(createdPersonId, r, rowNumber);
      this.writer.queueReview(rowNumber, match.personId, match.score, { kind: this.kind, identity: r.identity, fields: r.fields, flags: r.flags, createdPersonId });
      counters.reviewsQueued += 1;
      // Every row read is counted once: imported, rejected, skipped or unmatched. A list row that
      // waits for review changed no one yet, so it is unmatched until the analyst links it.
      if (createdPersonId !== null) counters.rowsImported += 1;
      else {
        counters.rowsUnmatched += 1;
        this.note(rowNumber, 'unmatched', 'close to someone already in the workspace but not certain: it waits under Link reviews and is applied only if you link it', row);
      }
      return;
    }
    if (this.createsPeople) {
      this.applyToPerson(this.createFor(r.identity, rowNumber), r, rowNumber);
      counters.rowsImported += 1;
      return;
    }
    counters.rowsUnmatched += 1;
    this.note(rowNumber, 'unmatched', `matched no one in the workspace${r.identity.pnc ? ' by PNC' : ''} or by name and date of birth`, row);
  }
}

/** A replacement names an earlier import of the same kind that is still in force. */
function checkReplaceable(db: Database, importId: number, kind: ImportKindId): void {
  const target = replaceableImport(db, importId);
  if (!target) throw new WorkspaceError('not_found', `There is no import ${importId} to replace; nothing was imported.`);
  if (target.undoneAt !== null) throw new WorkspaceError('conflict', `Import ${importId} was already undone or replaced; nothing was imported.`);
  if (target.kind !== kind) throw new WorkspaceError('invalid_input', `Import ${importId} is ${importKindLabel(target.kind as ImportKindId)}, not ${importKindLabel(kind)}: a list can only replace a list of its own kind. Nothing was imported.`);
}

function pick<T extends object, K extends keyof T>(value: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (value[key] !== undefined) out[key] = value[key];
  return out;
}

function duplicateReport(kind: ImportKindId, previous: ImportOfFile, sha256: string): ImportReport {
  return {
    status: 'duplicate',
    importId: previous.id,
    kind,
    fileName: previous.fileName,
    sha256,
    sheet: previous.sheet,
    rowsRead: 0,
    rowsImported: 0,
    rowsLinked: 0,
    rowsRejected: 0,
    rowsSkipped: 0,
    rowsUnmatched: 0,
    peopleCreated: 0,
    arrestsAdded: 0,
    flagsSet: 0,
    reviewsQueued: 0,
    supersededImportId: null,
    replaced: null,
    dryRun: false,
    messages: [`This file was already imported as ${importKindLabel(kind)} (import ${previous.id}); nothing was changed.`],
    issues: [],
    issuesTruncated: false,
    unmappedColumns: [],
  };
}

function saturationMessages(saturatedKeys: number): string[] {
  if (saturatedKeys === 0) return [];
  return [
    `${plural(saturatedKeys, 'date of birth or name group')} held more than ${BLOCK_LIMIT.toLocaleString('en-GB')} people (a date keyed for everyone, a very common name): within ${saturatedKeys === 1 ? 'it' : 'them'}, rows without a known PNC were matched by exact surname, first forename and date of birth only, so spelling variants there were not looked for.`,
  ];
}

function reportMessages(kind: ImportKindId, c: Counters, duplicates: string[], warnings: string[]): string[] {
  const flag = flagOfImportKind(kind);
  const subject = flag ? `${FLAG_SHORT_LABELS[flag]} row` : kind === 'pins' ? 'PINS row' : 'row';
  // Where every row went first (read = imported + rejected + skipped + unmatched), then the rest.
  const messages = rowAccountText({ kind, ...c });
  if (c.arrestsAdded) messages.push(`${plural(c.arrestsAdded, 'arrest')} added.`);
  if (c.flagsSet) messages.push(`${plural(c.flagsSet, 'flag')} set.`);
  // A list row waiting for review is counted unmatched too, but it did match someone, uncertainly.
  const matchedNoOne = c.rowsUnmatched - (createsPeople(kind) ? 0 : c.reviewsQueued);
  if (matchedNoOne) messages.push(`${plural(matchedNoOne, subject)} matched no candidate.`);
  if (c.reviewsQueued) messages.push(`${plural(c.reviewsQueued, 'uncertain match', 'uncertain matches')} ${c.reviewsQueued === 1 ? 'waits' : 'wait'} for review.`);
  if (c.rowsRejected) messages.push(`${plural(c.rowsRejected, 'row')} rejected; see the reasons below.`);
  if (c.rowsSkipped) messages.push(`${plural(c.rowsSkipped, 'blank or total row')} skipped.`);
  if (c.valuesSetAside) messages.push(`${plural(c.valuesSetAside, 'value')} set aside (undated arrest entries, unreadable values); the rest of those rows was imported.`);
  return [...messages, ...duplicates, ...warnings];
}
