import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

/**
 * Decrypts a workspace page by page, exactly as it lies on disk, to see what the file really holds:
 * free pages and the unused space inside pages included, which a query (or a VACUUM INTO copy)
 * would never show. SQLCipher 4 defaults: 4096-byte pages, PBKDF2-HMAC-SHA512 with 256,000
 * iterations over the 16-byte salt that opens the file, AES-256-CBC, and 80 reserved bytes at the
 * end of each page (a 16-byte IV, then a 64-byte HMAC). Page 1 keeps its first 16 bytes for the salt.
 */

const PAGE_SIZE = 4096;
const RESERVED = 80;
const WAL_HEADER = 32;
const WAL_FRAME_HEADER = 24;

function decryptPage(key: Buffer, page: Buffer, pageNumber: number): Buffer {
  const start = pageNumber === 1 ? 16 : 0;
  const iv = page.subarray(PAGE_SIZE - RESERVED, PAGE_SIZE - RESERVED + 16);
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(page.subarray(start, PAGE_SIZE - RESERVED)), decipher.final()]);
}

interface DecryptedWorkspace {
  /** Every page of the main file, decrypted. */
  file: Buffer;
  /** Every frame in the write-ahead log, decrypted (empty when there is none). */
  wal: Buffer;
}

export function decryptWorkspacePages(path: string, passphrase: string): DecryptedWorkspace {
  const bytes = readFileSync(path);
  const key = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), bytes.subarray(0, 16), 256_000, 32, 'sha512');
  const pages: Buffer[] = [];
  for (let i = 0; (i + 1) * PAGE_SIZE <= bytes.length; i++) pages.push(decryptPage(key, bytes.subarray(i * PAGE_SIZE, (i + 1) * PAGE_SIZE), i + 1));
  const frames: Buffer[] = [];
  const walPath = `${path}-wal`;
  if (existsSync(walPath)) {
    const wal = readFileSync(walPath);
    for (let at = WAL_HEADER; at + WAL_FRAME_HEADER + PAGE_SIZE <= wal.length; at += WAL_FRAME_HEADER + PAGE_SIZE) {
      frames.push(decryptPage(key, wal.subarray(at + WAL_FRAME_HEADER, at + WAL_FRAME_HEADER + PAGE_SIZE), wal.readUInt32BE(at)));
    }
  }
  return { file: Buffer.concat(pages), wal: Buffer.concat(frames) };
}

/** The texts among `needles` found in the bytes, as UTF-8 or UTF-16 (either is how SQLite may store text). */
export function textsFoundIn(bytes: Buffer, needles: readonly string[]): string[] {
  return needles.filter((n) => bytes.includes(Buffer.from(n, 'utf8')) || bytes.includes(Buffer.from(n, 'utf16le')));
}
