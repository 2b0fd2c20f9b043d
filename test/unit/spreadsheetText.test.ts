import { describe, expect, it } from 'vitest';
import { csvDocument, csvField, isFormulaLike, markedExportFileName } from '../../shared/domain/spreadsheetText';

describe('isFormulaLike', () => {
  it('catches every start the issue lists, and nothing else', () => {
    for (const text of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1']) expect(isFormulaLike(text), JSON.stringify(text)).toBe(true);
    for (const text of ['', 'Smith', ' =1', "O'Neil", '1-2', 'a=b', '\n=1']) expect(isFormulaLike(text), JSON.stringify(text)).toBe(false);
  });

  it('catches the full-width and small look-alikes of = + - @ that spreadsheet software reads as their ASCII twins (issue 17.8)', () => {
    for (const text of ['\uFF1D1+1', '\uFF0B1', '\uFF0D1', '\uFF20SUM(A1)', '\uFE66HYPERLINK("x")', '\uFE62' + '1', '\uFE63' + '1', '\uFE6B' + 'me', '\u22121']) {
      expect(isFormulaLike(text), JSON.stringify(text)).toBe(true);
    }
    for (const text of ['\uFF21', 'Ａｂｃ', '１２']) expect(isFormulaLike(text), JSON.stringify(text)).toBe(false);
  });
});

describe('csvField', () => {
  it('neutralises a formula start with an apostrophe before quoting', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('+44 20')).toBe("'+44 20");
    expect(csvField('-3')).toBe("'-3");
    expect(csvField('@me')).toBe("'@me");
    expect(csvField('\t=1')).toBe("'\t=1");
    // The carriage return both starts a formula and needs quoting.
    expect(csvField('\r=1')).toBe('"\'\r=1"');
    expect(csvField('\uFF1D1+1')).toBe("'\uFF1D1+1");
    expect(csvField('\uFF0B1')).toBe("'\uFF0B1");
  });

  it('quotes commas, quotes and line breaks as RFC 4180 says, and leaves plain text alone', () => {
    expect(csvField('Smith')).toBe('Smith');
    expect(csvField('Smith, John')).toBe('"Smith, John"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('')).toBe('');
  });
});

describe('csvDocument', () => {
  it('starts with a BOM, joins rows with CRLF and ends with one', () => {
    expect(csvDocument([['OFFICIAL-SENSITIVE'], ['a', 'b,c'], ['=x', '']])).toBe('\uFEFFOFFICIAL-SENSITIVE\r\na,"b,c"\r\n\'=x,\r\n');
  });
});

describe('markedExportFileName', () => {
  it('puts the marking first and keeps characters no file system refuses', () => {
    expect(markedExportFileName('OFFICIAL-SENSITIVE', 'IOM shortlist', '2013-11-25', 'xlsx')).toBe('OFFICIAL-SENSITIVE IOM shortlist 2013-11-25.xlsx');
    expect(markedExportFileName(' RESTRICTED ', 'a/b\\c:d*e?f"g<h>i|j', '2013-11-25', '.csv')).toBe('RESTRICTED a b c d e f g h i j 2013-11-25.csv');
    expect(markedExportFileName('OFFICIAL\u0000SENSITIVE', 'x\n\ty', '2013-11-25', 'pdf')).toBe('OFFICIAL SENSITIVE x y 2013-11-25.pdf');
  });
});
