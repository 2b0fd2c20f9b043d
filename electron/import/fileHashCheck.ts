import { randomUUID } from 'node:crypto';
import { importOfFile, setImportFileHash, type ImportOfFile } from '../data/imports';
import type { WorkspaceDb } from '../data/workspaceDb';

/** The file turned out to have been imported before: the import's transaction is rolled back and nothing of it kept. */
export class FileImportedBefore extends Error {
  constructor(
    readonly previous: ImportOfFile,
    readonly sha256: string,
  ) {
    super('The file was imported before.');
  }
}

/**
 * The check for a file imported before (same kind, same SHA-256), made under the import's write
 * lock as soon as the file's hash is known. The hash of a large file is worked out beside the
 * import rather than before it (a CSV extract's by its reader as it reads, see `codedCsvRows.ts`;
 * a workbook's in fileHash.ts): the rows are read and linked meanwhile, the import's record
 * holding a placeholder no other import can match, and the first batch after the hash arrives
 * either gives the record its hash or stops the import as the duplicate it is, with nothing
 * written. A small file's hash is there before the first row.
 */
export class FileHashCheck {
  private digest: string | null = null;
  private failed = false;
  private importId: number | null = null;

  constructor(
    private readonly hashing: Promise<string>,
    private readonly db: WorkspaceDb,
    private readonly kind: string,
    private readonly unreadable: () => Error,
  ) {
    hashing.then(
      (digest) => {
        this.digest = digest;
      },
      () => {
        this.failed = true;
      },
    );
  }

  /**
   * Before the import's record is written: throws {@link FileImportedBefore} when the hash is
   * known already and the file was imported before; returns what the record's `sha256` is to hold.
   */
  beforeRecord(): string {
    const digest = this.known();
    if (digest === null) return `hashing/${randomUUID()}`;
    this.checkDigest(digest);
    return digest;
  }

  /** The import's record is written (with what {@link beforeRecord} gave); checked already when the hash was known. */
  recorded(importId: number): void {
    if (this.digest === null) this.importId = importId;
  }

  /** Between batches: makes the check if the hash has come since. */
  checkIfKnown(): void {
    const digest = this.known();
    if (digest === null || this.importId === null) return;
    this.checkDigest(digest);
    setImportFileHash(this.db, this.importId, digest);
    this.importId = null;
  }

  /** After the last row: waits for the hash if it is still being worked out, and makes the check. */
  async settle(): Promise<string> {
    try {
      await this.hashing;
    } catch {
      throw this.unreadable();
    }
    this.checkIfKnown();
    return this.digest!;
  }

  private known(): string | null {
    if (this.failed) throw this.unreadable();
    return this.digest;
  }

  private checkDigest(digest: string): void {
    const previous = importOfFile(this.db, this.kind, digest);
    if (previous) throw new FileImportedBefore(previous, digest);
  }
}
