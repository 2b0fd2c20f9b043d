/**
 * Windows-1252, the encoding Excel uses for "CSV" on English Windows. It equals Latin-1 except for
 * 0x80–0x9F, where it has typographic quotes, dashes, € and a few letters. TextDecoder('latin1')
 * in Node is ISO-8859-1, which maps those bytes to invisible control characters, so the table is
 * applied here. The five undefined bytes keep their C1 code points, as the WHATWG decoder does.
 */
const HIGH_TABLE =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const C1 = /[\u0080-\u009f]/g;

export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(C1, (ch) => HIGH_TABLE[ch.charCodeAt(0) - 0x80] ?? ch);
}
