/**
 * What a file really is, from its first bytes. Analysts rename files and police systems export
 * HTML or CSV under an .xls name, so the readers trust content, not the extension.
 */
import { notARegularFile } from './errors';
import { readHead, withReadHandle } from './fileHead';

type FileKind =
  /** ZIP container: xlsx, xlsm, xlsb, ods (or a Word document, checked later). */
  | 'zip'
  /** OLE2 compound file: xls, or an encrypted xlsx ("EncryptedPackage"). */
  | 'cfb'
  /** HTML table or SpreadsheetML 2003 XML, which systems often save with an .xls name. */
  | 'markup'
  /** Plain text: CSV, TSV. */
  | 'text'
  | 'pdf'
  | 'png'
  | 'jpeg'
  | 'gif'
  /** Anything else with NUL bytes or unknown magic. */
  | 'binary'
  | 'empty';

type TextBom = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface FileKindResult {
  kind: FileKind;
  /** Byte-order mark at the start of a text file, if any. */
  bom: TextBom | null;
}

/** Bytes read for sniffing: enough for every signature and a fair look at text. */
const SNIFF_BYTES = 4096;

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, magic: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + magic.length) return false;
  return magic.every((b, i) => bytes[offset + i] === b);
}

export function detectBom(bytes: Uint8Array): TextBom | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return null;
}

export function bomLength(bom: TextBom | null): number {
  return bom === 'utf-8' ? 3 : bom === null ? 0 : 2;
}

const MARKUP_START = /^\s*<(\?xml|!doctype\s+html|html|table|head|body|meta)[\s>]/i;

function looksLikeMarkup(bytes: Uint8Array, bom: TextBom | null): boolean {
  let text: string;
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    text = new TextDecoder(bom).decode(bytes.subarray(2, 512));
  } else {
    text = new TextDecoder('latin1').decode(bytes.subarray(bomLength(bom), 512));
  }
  return MARKUP_START.test(text);
}

export function detectFileKindFromBytes(head: Uint8Array): FileKindResult {
  if (head.length === 0) return { kind: 'empty', bom: null };
  // "PK\3\4" starts a zip; "PK\5\6" is an empty zip's end record, still a (useless) zip.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    return { kind: 'zip', bom: null };
  }
  if (startsWith(head, CFB_MAGIC)) return { kind: 'cfb', bom: null };
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { kind: 'pdf', bom: null };
  if (startsWith(head, PNG_MAGIC)) return { kind: 'png', bom: null };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { kind: 'jpeg', bom: null };
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return { kind: 'gif', bom: null };

  const bom = detectBom(head);
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    return { kind: looksLikeMarkup(head, bom) ? 'markup' : 'text', bom };
  }
  // Text never holds NUL; binaries nearly always do within the first few KB.
  if (head.includes(0)) return { kind: 'binary', bom: null };
  return { kind: looksLikeMarkup(head, bom) ? 'markup' : 'text', bom };
}

/** Reads the first bytes of `path` and classifies them. Throws `not_found` / `unreadable`. */
export async function detectFileKind(path: string): Promise<FileKindResult & { size: number }> {
  return withReadHandle(path, async (handle) => {
    const stat = await handle.stat();
    if (!stat.isFile()) notARegularFile(path);
    const head = await readHead(handle, Math.min(SNIFF_BYTES, stat.size));
    return { ...detectFileKindFromBytes(head), size: stat.size };
  });
}

/** A sentence for the analyst about what the file seems to be, for `not_a_spreadsheet` messages. */
export function describeKind(kind: FileKind): string {
  switch (kind) {
    case 'pdf':
      return 'a PDF document';
    case 'png':
    case 'jpeg':
    case 'gif':
      return 'an image';
    case 'empty':
      return 'empty';
    case 'binary':
      return 'binary data of an unknown kind';
    case 'zip':
      return 'a zip archive that holds no workbook';
    case 'cfb':
      return 'an Office file that holds no workbook (perhaps a Word or Outlook file)';
    case 'markup':
      return 'a web page or XML file';
    case 'text':
      return 'a text file';
  }
}
