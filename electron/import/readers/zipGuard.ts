/**
 * Checks a zip-based workbook (xlsx, xlsb, ods) before SheetJS sees it. SheetJS inflates every
 * entry into memory at once (in ESM builds with its pure-JS inflater, which sizes its output from
 * the header), so a zip bomb would take the process down. Here we:
 *   1. read the central directory only (no inflation) and reject on entry count, total declared
 *      uncompressed size or compression ratio;
 *   2. stream-inflate each entry into a counter, discarding the output, and reject as soon as an
 *      entry yields more than it declared. Headers can lie; this step is what makes the caps true.
 *   3. in the same pass, check each entry's CRC-32. SheetJS does not, so a workbook damaged in
 *      transit whose deflate stream still decodes would otherwise be imported with changed names,
 *      PNCs or dates; a bomb is still reported as a bomb, before any checksum complaint.
 * Neither step allocates more than a zlib window and one output chunk.
 */
import * as zlib from 'node:zlib';
import { createInflateRaw } from 'node:zlib';
import { ImportFileError } from './errors';
import { type ReaderLimits } from './limits';
import { formatBytes } from '../../../shared/domain/numberFormat';

interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** CRC-32 of the unpacked bytes, from the central directory (always set there, data descriptor or not). */
  crc32: number;
}

type ZipWorkbookFormat = 'xlsx' | 'xlsb' | 'ods';

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
const U32_MAX = 0xffffffff;

function corrupt(message: string): ImportFileError {
  return new ImportFileError(
    'corrupt',
    `The workbook is damaged or incomplete (${message}). If it came by e-mail or download, fetch it again; otherwise open it in Excel and save a fresh copy.`,
  );
}

function zipBomb(detail: string): ImportFileError {
  return new ImportFileError(
    'zip_bomb',
    `The workbook would expand to far more data than a spreadsheet should (${detail}). It was not opened, to protect this computer.`,
  );
}

function u64(buf: Buffer, offset: number): number {
  const value = buf.readBigUInt64LE(offset);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('impossible size in the zip64 directory');
  return Number(value);
}

function findEndOfCentralDirectory(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - 22 - MAX_COMMENT);
  for (let i = buf.length - 22; i >= lowest; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) return i;
  }
  return -1;
}

/** The central directory's entries. Throws `corrupt`, `zip_bomb` (entry count) or `password_protected`. */
export function readZipDirectory(buf: Buffer, limits: ReaderLimits): ZipEntryInfo[] {
  if (buf.length < 22) throw corrupt('too short to be a zip file');
  const eocd = findEndOfCentralDirectory(buf);
  if (eocd < 0) throw corrupt('the end of the zip directory is missing, so the file was probably cut short');
  let entryCount = buf.readUInt16LE(eocd + 10);
  let directorySize = buf.readUInt32LE(eocd + 12);
  let directoryOffset = buf.readUInt32LE(eocd + 16);
  if (entryCount === 0xffff || directorySize === U32_MAX || directoryOffset === U32_MAX) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== SIG_ZIP64_LOCATOR) throw corrupt('zip64 locator missing');
    const zip64 = u64(buf, locator + 8);
    if (zip64 + 56 > buf.length || buf.readUInt32LE(zip64) !== SIG_ZIP64_EOCD) throw corrupt('zip64 directory missing');
    entryCount = u64(buf, zip64 + 32);
    directorySize = u64(buf, zip64 + 40);
    directoryOffset = u64(buf, zip64 + 48);
  }
  if (entryCount > limits.maxZipEntries) {
    throw zipBomb(`${entryCount} parts, more than the ${limits.maxZipEntries} allowed`);
  }
  if (directoryOffset + directorySize > buf.length) throw corrupt('the zip directory points past the end of the file');

  const entries: ZipEntryInfo[] = [];
  let p = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) throw corrupt('a zip directory entry is damaged');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc32 = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    let localHeaderOffset = buf.readUInt32LE(p + 42);
    const nameEnd = p + 46 + nameLength;
    if (nameEnd + extraLength > buf.length) throw corrupt('a zip directory entry is cut short');
    const name = buf.toString('utf8', p + 46, nameEnd);
    // Zip64 extra field: only the fields whose 32-bit slot is saturated are present, in this order.
    let e = nameEnd;
    const extraEnd = nameEnd + extraLength;
    while (e + 4 <= extraEnd) {
      const id = buf.readUInt16LE(e);
      const size = buf.readUInt16LE(e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        const fieldEnd = e + 4 + size;
        if (uncompressedSize === U32_MAX && q + 8 <= fieldEnd) {
          uncompressedSize = u64(buf, q);
          q += 8;
        }
        if (compressedSize === U32_MAX && q + 8 <= fieldEnd) {
          compressedSize = u64(buf, q);
          q += 8;
        }
        if (localHeaderOffset === U32_MAX && q + 8 <= fieldEnd) localHeaderOffset = u64(buf, q);
      }
      e += 4 + size;
    }
    // Bit 0: traditional or AES zip encryption; bit 6: strong encryption; bit 13: masked directory.
    if (flags & 0x2041) {
      throw new ImportFileError(
        'password_protected',
        'The file is an encrypted zip archive. Remove the password, save it again and import the new copy.',
      );
    }
    entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset, crc32 });
    p = extraEnd + commentLength;
  }
  return entries;
}

/** Rejects on declared sizes alone: cheap, and catches honest bombs without inflating a byte. */
export function checkDeclaredSizes(entries: readonly ZipEntryInfo[], limits: ReaderLimits): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (total > limits.maxZipUncompressedBytes) {
      // Also what a genuine but very large workbook meets, so the message says how to import it.
      throw new ImportFileError(
        'zip_bomb',
        `The workbook is ${formatBytes(total)} or more once unpacked, above the ${formatBytes(limits.maxZipUncompressedBytes)} that can be opened safely in memory, so it was not opened. If it is a genuine list, save the sheet as CSV (in Excel: File › Save As › CSV UTF-8) and import that: a CSV is read a piece at a time.`,
      );
    }
    if (entry.uncompressedSize >= limits.zipRatioCheckMinBytes) {
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (ratio > limits.maxZipCompressionRatio) {
        throw zipBomb(`one part is compressed ${Math.round(ratio)} to 1, above the ${limits.maxZipCompressionRatio} to 1 limit`);
      }
    }
  }
}

/** Which workbook format the entry names say this is, or null for a zip that holds no workbook. */
export function zipWorkbookFormat(entries: readonly ZipEntryInfo[]): ZipWorkbookFormat | null {
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  if ([...names].some((n) => /^xl\/workbook\d*\.bin$/.test(n))) return 'xlsb';
  if ([...names].some((n) => /^xl\/workbook\d*\.xml$/.test(n))) return 'xlsx';
  if (names.has('content.xml') && (names.has('mimetype') || names.has('meta-inf/manifest.xml'))) return 'ods';
  return null;
}

class TooMuchOutput extends Error {}

type Crc32 = (data: Uint8Array, value?: number) => number;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The table-driven CRC-32 of zip and PNG, continuing from `value`; for Node before 20.15. */
export function crc32Fallback(data: Uint8Array, value = 0): number {
  let crc = (value ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) crc = (CRC_TABLE[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8)) >>> 0;
  return (crc ^ 0xffffffff) >>> 0;
}

/** zlib's own CRC-32 (native) where this Node has it (20.15+, and Electron's); the test corpus writes its zips' with it too. */
export const crc32: Crc32 = (zlib as unknown as { crc32?: Crc32 }).crc32 ?? crc32Fallback;

/** Inflates `compressed` into a byte counter and a CRC-32; rejects with TooMuchOutput past `allowed` bytes. */
function countInflatedBytes(compressed: Buffer, allowed: number): Promise<{ produced: number; crc: number }> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    let produced = 0;
    let crc = 0;
    let settled = false;
    inflater.on('data', (chunk: Buffer) => {
      produced += chunk.length;
      if (!settled && produced <= allowed) crc = crc32(chunk, crc);
      if (produced > allowed && !settled) {
        settled = true;
        inflater.destroy();
        reject(new TooMuchOutput());
      }
    });
    inflater.on('end', () => {
      if (!settled) {
        settled = true;
        resolve({ produced, crc: crc >>> 0 });
      }
    });
    inflater.on('error', (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
    // The deflate stream ends itself; the bytes after it (the next entry) are ignored by zlib.
    inflater.end(compressed);
  });
}

/** Where an entry's data starts, after its local header; throws `corrupt` when the header is missing or cut short. */
function entryDataStart(buf: Buffer, entry: ZipEntryInfo): number {
  const p = entry.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== SIG_LOCAL) throw corrupt('a zip entry header is missing');
  const dataStart = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (dataStart > buf.length) throw corrupt('a zip entry is cut short');
  return dataStart;
}

/** A stored (uncompressed) entry's bytes, bounds checked against both sizes the headers give. */
function storedEntryBytes(buf: Buffer, entry: ZipEntryInfo, dataStart: number): Buffer {
  const localSize = buf.readUInt32LE(entry.localHeaderOffset + 18);
  if (dataStart + Math.max(localSize, entry.compressedSize) > buf.length) throw corrupt('a stored zip entry is cut short');
  return buf.subarray(dataStart, dataStart + entry.compressedSize);
}

/**
 * Verifies, by streaming, that no entry inflates beyond its declared size, and that each entry's
 * bytes match its CRC-32. Every entry's size is checked before a checksum mismatch is reported, so
 * a bomb whose harmless-looking parts have bad checksums is still called a bomb.
 */
export async function verifyInflatedSizes(buf: Buffer, entries: readonly ZipEntryInfo[]): Promise<void> {
  let checksumProblem: ImportFileError | null = null;
  for (const entry of entries) {
    const dataStart = entryDataStart(buf, entry);
    if (entry.method === 0) {
      if (crc32(storedEntryBytes(buf, entry, dataStart)) >>> 0 !== entry.crc32) checksumProblem ??= corrupt('a part does not match its checksum');
      continue;
    }
    if (entry.method !== 8) throw corrupt(`unsupported zip compression method ${entry.method}`);
    // SheetJS inflates from the data start until the deflate stream ends, whatever the headers
    // say, so that is what is measured here.
    let inflated: { produced: number; crc: number };
    try {
      inflated = await countInflatedBytes(buf.subarray(dataStart), entry.uncompressedSize);
    } catch (error) {
      if (error instanceof TooMuchOutput) {
        throw zipBomb('a part unpacks to more than its header declares');
      }
      throw corrupt('a compressed part cannot be unpacked');
    }
    if (inflated.produced !== entry.uncompressedSize) throw corrupt('a compressed part is shorter than its header declares');
    if (inflated.crc !== entry.crc32) checksumProblem ??= corrupt('a part does not match its checksum');
  }
  if (checksumProblem) throw checksumProblem;
}

/**
 * The same checks as {@link verifyInflatedSizes}, in the same order and with the same errors, for
 * a reader that needs the parts themselves: every entry is unpacked once, into a buffer that zlib
 * refuses to grow past the size its header declares (so a bomb still costs no more than the
 * declared sizes, which {@link checkDeclaredSizes} has capped), and the parts `keep` names are
 * returned by name. The rest are dropped as soon as they are checked.
 */
export function inflateCheckedEntries(buf: Buffer, entries: readonly ZipEntryInfo[], keep: (name: string) => boolean): Map<string, Buffer> {
  const kept = new Map<string, Buffer>();
  let checksumProblem: ImportFileError | null = null;
  for (const entry of entries) {
    const dataStart = entryDataStart(buf, entry);
    let bytes: Buffer;
    if (entry.method === 0) {
      bytes = storedEntryBytes(buf, entry, dataStart);
    } else if (entry.method === 8) {
      try {
        // One byte more than declared tells "longer than it says" from "exactly as it says".
        bytes = zlib.inflateRawSync(buf.subarray(dataStart), { maxOutputLength: Math.max(1, entry.uncompressedSize + 1) });
      } catch (error) {
        if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw zipBomb('a part unpacks to more than its header declares');
        throw corrupt('a compressed part cannot be unpacked');
      }
      if (bytes.length > entry.uncompressedSize) throw zipBomb('a part unpacks to more than its header declares');
      if (bytes.length !== entry.uncompressedSize) throw corrupt('a compressed part is shorter than its header declares');
    } else {
      throw corrupt(`unsupported zip compression method ${entry.method}`);
    }
    if (crc32(bytes) >>> 0 !== entry.crc32) checksumProblem ??= corrupt('a part does not match its checksum');
    if (keep(entry.name)) kept.set(entry.name, bytes);
  }
  if (checksumProblem) throw checksumProblem;
  return kept;
}
