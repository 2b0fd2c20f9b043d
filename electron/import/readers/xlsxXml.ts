/**
 * The small XML parts of an .xlsx package read with string scanning: the workbook (sheets, their
 * visibility, the date system), relationships, the shared strings and the number formats of the
 * cell styles. Each reads text the way SheetJS does (the reader it stands in for), so a workbook
 * means the same to both: entities and `_xHHHH_` escapes decoded, CDATA kept as written, CRLF in
 * cell text as LF, rich-text runs joined and phonetic runs (`rPh`) left out.
 *
 * No DTD is read and no entity defined in one is expanded: only XML's five named entities and
 * character references are, so a "billion laughs" part is inert text.
 */
import * as XLSX from 'xlsx';
import { isDateNumberFormat } from './excelDate';

const NAMED_ENTITIES: Record<string, string> = { quot: '"', apos: "'", gt: '>', lt: '<', amp: '&' };
const ENTITY = /&(?:(quot|apos|gt|lt|amp)|#(x?)([\da-fA-F]+));/gi;
const ESCAPED_CHAR = /_x([\da-fA-F]{4})_/gi;

function characterOf(code: number): string {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}

function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0 && text.indexOf('_x') < 0 && text.indexOf('_X') < 0) return text;
  return text
    .replace(ENTITY, (whole, named: string | undefined, hex: string, digits: string) => {
      if (named) return NAMED_ENTITIES[named.toLowerCase()] ?? whole;
      const code = Number.parseInt(digits, hex ? 16 : 10);
      return characterOf(code) || whole;
    })
    .replace(ESCAPED_CHAR, (_whole, digits: string) => String.fromCharCode(Number.parseInt(digits, 16)));
}

/** XML text content as a value: entities and escapes decoded, CDATA sections kept verbatim. */
export function unescapeXml(text: string, cellText = false): string {
  let out: string;
  const cdata = text.indexOf('<![CDATA[');
  if (cdata < 0) {
    out = decodeEntities(text);
  } else {
    const close = text.indexOf(']]>', cdata);
    const end = close < 0 ? text.length : close;
    out = decodeEntities(text.slice(0, cdata)) + text.slice(cdata + 9, end) + (close < 0 ? '' : unescapeXml(text.slice(close + 3)));
  }
  return cellText && out.indexOf('\r\n') >= 0 ? out.replace(/\r\n/g, '\n') : out;
}

/** Attributes of one start tag (the text from `<` to `>`), by local name (prefixes dropped), values decoded. */
export function tagAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const pattern = /([^\s=<>/"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  // Skip the element's own name.
  pattern.lastIndex = tag.search(/[\s/>]/) < 0 ? tag.length : tag.search(/[\s/>]/);
  for (let m = pattern.exec(tag); m; m = pattern.exec(tag)) {
    const name = m[1]!;
    const colon = name.indexOf(':');
    const local = colon < 0 ? name : name.slice(colon + 1);
    // An unprefixed attribute wins over a prefixed one of the same local name, except for r:id
    // (only ever prefixed), which keeps the key "id".
    if (colon < 0 || !attributes.has(local)) attributes.set(local, unescapeXml(m[2] ?? m[3] ?? ''));
  }
  return attributes;
}

/** Every start tag of an element by local name, whatever its prefix: the tag text from `<` to `>`. */
function startTags(xml: string, local: string): string[] {
  const pattern = new RegExp(`<(?:[\\w.-]+:)?${local}(?=[\\s/>])[^>]*>`, 'g');
  return xml.match(pattern) ?? [];
}

/** The content of the first element of that local name, or null. */
function elementContent(xml: string, local: string): string | null {
  const open = new RegExp(`<(?:[\\w.-]+:)?${local}(?=[\\s/>])[^>]*>`, 'g');
  const start = open.exec(xml);
  if (!start) return null;
  if (start[0].endsWith('/>')) return '';
  const close = new RegExp(`</(?:[\\w.-]+:)?${local}\\s*>`, 'g');
  close.lastIndex = open.lastIndex;
  const end = close.exec(xml);
  return xml.slice(open.lastIndex, end ? end.index : xml.length);
}

// ---------------------------------------------------------------------------------------------
// Shared strings and inline strings

const RICH_RUN = /<(?:\w+:)?r\b[^<>]*>/;
const RUN_TEXT = /<(?:\w+:)?t\b[^<>]*>([^<]*)<\/(?:\w+:)?t>/g;
const PHONETIC_RUN = /<(?:\w+:)?rPh\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?rPh>)/g;
const PLAIN_TEXT_START = /^\s*<(?:\w+:)?t[^>]*>/;
const TEXT_END = /<\/(?:\w+:)?t>/;

/**
 * The text of a string item (`<si>` content, or an inline string's `<is>` content): a plain `<t>`,
 * or the `<t>` of every rich-text run joined, phonetic runs left out; empty when it has neither.
 */
export function stringItemText(item: string): string {
  if (PLAIN_TEXT_START.test(item)) {
    const afterTag = item.slice(item.indexOf('>') + 1);
    const end = afterTag.search(TEXT_END);
    return unescapeXml(end < 0 ? afterTag : afterTag.slice(0, end), true);
  }
  if (RICH_RUN.test(item)) {
    let joined = '';
    for (const m of item.replace(PHONETIC_RUN, '').matchAll(RUN_TEXT)) joined += m[1];
    return unescapeXml(joined, true);
  }
  return '';
}

/** The shared string table, in order. */
export function parseSharedStrings(xml: string): string[] {
  const body = elementContent(xml, 'sst');
  if (body === null) return [];
  const strings: string[] = [];
  const item = /<(?:\w+:)?si(?=[\s/>])[^>]*?(\/)?>/g;
  const close = /<\/(?:\w+:)?si\s*>/g;
  for (let m = item.exec(body); m; m = item.exec(body)) {
    if (m[1]) {
      strings.push('');
      continue;
    }
    close.lastIndex = item.lastIndex;
    const end = close.exec(body);
    const stop = end ? end.index : body.length;
    strings.push(stringItemText(body.slice(item.lastIndex, stop).trim()));
    item.lastIndex = end ? close.lastIndex : body.length;
  }
  return strings;
}

// ---------------------------------------------------------------------------------------------
// Styles: which cell styles show numbers as dates

/**
 * Excel's built-in number formats, as SheetJS knows them, and the ones Excel shows as another
 * built-in (27–36 and 50–58 are East Asian date formats, shown as `m/d/yy` or a time).
 */
const BUILT_IN_FORMATS: ReadonlyMap<number, string> = (() => {
  const table = new Map<number, string>();
  const known = (XLSX.SSF as unknown as { get_table(): Record<number, string> }).get_table();
  for (const [id, format] of Object.entries(known)) if (Number(id) < 164) table.set(Number(id), format);
  for (const id of [27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]) if (!table.has(id)) table.set(id, 'm/d/yy');
  for (const id of [32, 33, 34, 35]) if (!table.has(id)) table.set(id, 'h:mm:ss');
  return table;
})();

/** For each cell style (`s` attribute, an index into `cellXfs`): whether its number format shows a date. */
export function dateStylesOf(stylesXml: string | null): boolean[] {
  if (stylesXml === null) return [];
  const custom = new Map<number, string>();
  const numFmts = elementContent(stylesXml, 'numFmts');
  if (numFmts !== null) {
    for (const tag of startTags(numFmts, 'numFmt')) {
      const attributes = tagAttributes(tag);
      const id = Number.parseInt(attributes.get('numFmtId') ?? '', 10);
      if (Number.isInteger(id)) custom.set(id, attributes.get('formatCode') ?? '');
    }
  }
  const cellXfs = elementContent(stylesXml, 'cellXfs');
  if (cellXfs === null) return [];
  return startTags(cellXfs, 'xf').map((tag) => {
    const id = Number.parseInt(tagAttributes(tag).get('numFmtId') ?? '0', 10);
    const format = custom.get(id) ?? BUILT_IN_FORMATS.get(id);
    return isDateNumberFormat(format);
  });
}

// ---------------------------------------------------------------------------------------------
// Workbook and relationships

interface WorkbookSheetEntry {
  name: string;
  /** The relationship id that locates the sheet's part. */
  relationId: string;
  state: 'visible' | 'hidden' | 'veryHidden';
}

interface WorkbookXml {
  sheets: WorkbookSheetEntry[];
  date1904: boolean;
}

function xmlBoolean(value: string | undefined): boolean {
  return value === '1' || value === 'true';
}

export function parseWorkbookXml(xml: string): WorkbookXml {
  const workbookPr = startTags(xml, 'workbookPr')[0];
  const date1904 = workbookPr ? xmlBoolean(tagAttributes(workbookPr).get('date1904')) : false;
  const list = elementContent(xml, 'sheets') ?? '';
  const sheets = startTags(list, 'sheet').map((tag): WorkbookSheetEntry => {
    const attributes = tagAttributes(tag);
    const state = attributes.get('state');
    return {
      name: attributes.get('name') ?? '',
      relationId: attributes.get('id') ?? '',
      state: state === 'hidden' ? 'hidden' : state === 'veryHidden' ? 'veryHidden' : 'visible',
    };
  });
  return { sheets, date1904 };
}

export interface Relationship {
  id: string;
  /** The last segment of the relationship type: "worksheet", "sharedStrings", "styles", "officeDocument"… */
  type: string;
  /** The target as a path inside the package (no leading slash), resolved against the part's folder. */
  path: string;
  external: boolean;
}

/** The relationships of a part whose folder (inside the package, '' for the root) is `base`. */
export function parseRelationships(xml: string, base: string): Relationship[] {
  return startTags(xml, 'Relationship').map((tag) => {
    const attributes = tagAttributes(tag);
    const target = attributes.get('Target') ?? '';
    const type = attributes.get('Type') ?? '';
    return {
      id: attributes.get('Id') ?? '',
      type: type.slice(type.lastIndexOf('/') + 1),
      path: resolvePartPath(base, target),
      external: attributes.get('TargetMode') === 'External',
    };
  });
}

/** A relationship target inside the package: absolute ("/xl/…") or relative to `base`, with "." and ".." resolved. */
function resolvePartPath(base: string, target: string): string {
  const segments = target.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}
