import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../shared/domain/seededRandom';
import { formatPncShort } from '../support/pncShortForm';
import {
  DEFAULT_THIS_YEAR,
  PNC_CHECK_LETTERS,
  computePncCheckLetter,
  expandTwoDigitYear,
  isCanonicalPnc,
  parsePnc,
  pncCode,
  pncCodeAnyForm,
  pncTextOfCode,
} from '../../shared/domain/pnc';

/** An independent oracle: the DESIGN.md formula written out with BigInt and string slicing. */
function oracleLetter(yy: number, serial: number): string {
  const digits = BigInt(`${String(yy).padStart(2, '0')}${String(serial).padStart(7, '0')}`);
  return 'ZABCDEFGHJKLMNPQRTUVWXY'.charAt(Number(digits % 23n));
}

/** A small deterministic generator so failures reproduce. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('computePncCheckLetter', () => {
  it('matches hand-computed letters', () => {
    // 110001234 % 23 = 8 → H; 980123456 % 23 = 7 → G; 1 % 23 = 1 → A;
    // 139999999 % 23 = 11 → L; 850000005 % 23 = 22 → Y.
    expect(computePncCheckLetter(11, 1234)).toBe('H');
    expect(computePncCheckLetter(98, 123456)).toBe('G');
    expect(computePncCheckLetter(0, 1)).toBe('A');
    expect(computePncCheckLetter(13, 9_999_999)).toBe('L');
    expect(computePncCheckLetter(85, 5)).toBe('Y');
  });

  it('gives Z for a remainder of 0', () => {
    expect(computePncCheckLetter(0, 0)).toBe('Z');
    expect(computePncCheckLetter(0, 23)).toBe('Z');
  });

  it('agrees with the oracle on 2,000 generated IDs', () => {
    const next = lcg(20131104);
    for (let i = 0; i < 2000; i++) {
      const yy = Math.floor(next() * 100);
      const serial = Math.floor(next() * 10_000_000);
      expect(computePncCheckLetter(yy, serial)).toBe(oracleLetter(yy, serial));
    }
  });

  it('never uses I, O or S', () => {
    expect(PNC_CHECK_LETTERS).toHaveLength(23);
    expect(PNC_CHECK_LETTERS).not.toMatch(/[IOS]/);
  });

  it('rejects out-of-range parts as programming errors', () => {
    expect(() => computePncCheckLetter(100, 1)).toThrow(RangeError);
    expect(() => computePncCheckLetter(-1, 1)).toThrow(RangeError);
    expect(() => computePncCheckLetter(11, 10_000_000)).toThrow(RangeError);
    expect(() => computePncCheckLetter(11, 1.5)).toThrow(RangeError);
  });
});

describe('expandTwoDigitYear', () => {
  it('defaults to 2026 as this year', () => {
    expect(DEFAULT_THIS_YEAR).toBe(2026);
    expect(expandTwoDigitYear(0)).toBe(2000);
    expect(expandTwoDigitYear(13)).toBe(2013);
    expect(expandTwoDigitYear(26)).toBe(2026);
    expect(expandTwoDigitYear(27)).toBe(1927);
    expect(expandTwoDigitYear(85)).toBe(1985);
    expect(expandTwoDigitYear(99)).toBe(1999);
  });

  it('moves the pivot with thisYear', () => {
    expect(expandTwoDigitYear(14, { thisYear: 2013 })).toBe(1914);
    expect(expandTwoDigitYear(13, { thisYear: 2013 })).toBe(2013);
    expect(expandTwoDigitYear(5, { thisYear: 2005 })).toBe(2005);
  });
});

describe('parsePnc', () => {
  it('normalises a short ID to the canonical long form', () => {
    expect(parsePnc('11/1234H')).toEqual({
      ok: true,
      pnc: '2011/0001234H',
      year: 2011,
      serial: 1234,
      checkLetter: 'H',
    });
  });

  it('gives the same canonical string for short, long and messy forms', () => {
    const forms = [
      '11/1234H',
      '11/0001234H',
      '2011/0001234H',
      '2011/1234H',
      ' 11 / 1234 h ',
      '2011/0001234h',
      '\u00a011/1234H\t',
    ];
    for (const form of forms) {
      const result = parsePnc(form);
      expect(result, form).toMatchObject({ ok: true, pnc: '2011/0001234H' });
    }
  });

  it('expands a two-digit year with the pivot', () => {
    expect(parsePnc('98/123456G')).toMatchObject({ ok: true, pnc: '1998/0123456G', year: 1998 });
    // 27 is after 2026, so it must be 1927; the check letter only uses the last two digits.
    expect(parsePnc('27/42F')).toMatchObject({ ok: true, pnc: '1927/0000042F', year: 1927 });
    expect(parsePnc('26/42Q')).toMatchObject({ ok: true, pnc: '2026/0000042Q', year: 2026 });
    expect(parsePnc('26/42Q', { thisYear: 2013 })).toMatchObject({ ok: true, pnc: '1926/0000042Q' });
  });

  it('keeps a four-digit year as written', () => {
    expect(parsePnc('1985/5Y')).toMatchObject({ ok: true, pnc: '1985/0000005Y', year: 1985 });
  });

  it('accepts generated valid IDs in both forms and they agree', () => {
    const next = lcg(42);
    for (let i = 0; i < 500; i++) {
      const yy = Math.floor(next() * 100);
      const serial = 1 + Math.floor(next() * 9_999_998);
      const letter = oracleLetter(yy, serial);
      const fullYear = yy <= 26 ? 2000 + yy : 1900 + yy;
      const expected = `${fullYear}/${String(serial).padStart(7, '0')}${letter}`;
      const short = parsePnc(`${String(yy).padStart(2, '0')}/${serial}${letter}`);
      const long = parsePnc(`${fullYear}/${String(serial).padStart(7, '0')}${letter.toLowerCase()}`);
      expect(short).toMatchObject({ ok: true, pnc: expected, serial, checkLetter: letter });
      expect(long).toMatchObject({ ok: true, pnc: expected });
    }
  });

  it('rejects a wrong check letter and says which letter was expected', () => {
    const result = parsePnc('11/1234B');
    expect(result).toMatchObject({ ok: false, reason: 'check_letter', expectedLetter: 'H' });
    if (!result.ok) expect(result.message).toContain('call for H');
  });

  it('rejects every wrong letter for a generated ID', () => {
    const right = oracleLetter(13, 765432);
    for (const letter of PNC_CHECK_LETTERS) {
      const result = parsePnc(`13/765432${letter}`);
      if (letter === right) expect(result.ok).toBe(true);
      else expect(result).toMatchObject({ ok: false, reason: 'check_letter', expectedLetter: right });
    }
  });

  it('catches a single mistyped digit', () => {
    // A one-digit change moves the number by d×10^k (d in 1–9), never a multiple of the prime 23.
    for (const typo of ['11/1235H', '11/1334H', '11/2234H', '12/1234H']) {
      expect(parsePnc(typo)).toMatchObject({ ok: false, reason: 'check_letter' });
    }
  });

  it('reports empty input', () => {
    expect(parsePnc('')).toMatchObject({ ok: false, reason: 'empty' });
    expect(parsePnc('   ')).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('reports shapes that are not PNC IDs', () => {
    for (const bad of [
      'abc',
      '11-1234H',
      '11/1234',
      '/1234H',
      '111/1234H',
      '11/12345678H',
      '11/1234HH',
      '11/H',
      '11/12a4H',
    ]) {
      expect(parsePnc(bad), bad).toMatchObject({ ok: false, reason: 'format' });
    }
  });

  it('rejects a four-digit year in the future or before 1900', () => {
    const future = parsePnc(`2027/0000042${oracleLetter(27, 42)}`);
    expect(future).toMatchObject({ ok: false, reason: 'format' });
    if (!future.ok) expect(future.message).toContain('1900–2026');
    expect(parsePnc(`1899/0000042${oracleLetter(99, 42)}`)).toMatchObject({ ok: false, reason: 'format' });
    expect(parsePnc(`2027/0000042${oracleLetter(27, 42)}`, { thisYear: 2030 })).toMatchObject({ ok: true });
  });

  it('quotes the input in the message', () => {
    const result = parsePnc(' xx/1 ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('"xx/1"');
  });
});

describe('formatPncShort and isCanonicalPnc', () => {
  it('drops the century and the serial zero padding', () => {
    expect(formatPncShort('2011/0001234H')).toBe('11/1234H');
    expect(formatPncShort('1998/0123456G')).toBe('98/123456G');
    expect(formatPncShort('2013/9999999L')).toBe('13/9999999L');
  });

  it('round-trips through parsePnc', () => {
    const parsed = parsePnc(formatPncShort('1985/0000005Y'));
    expect(parsed).toMatchObject({ ok: true, pnc: '1985/0000005Y' });
  });

  it('throws on a non-canonical argument', () => {
    expect(() => formatPncShort('11/1234H')).toThrow('not a canonical PNC ID');
  });

  it('recognises only the canonical shape', () => {
    expect(isCanonicalPnc('2011/0001234H')).toBe(true);
    expect(isCanonicalPnc('11/1234H')).toBe(false);
    expect(isCanonicalPnc('2011/0001234h')).toBe(false);
  });
});

describe('parsePnc canonical fast path', () => {
  // Canonical text is read from character codes; a leading space sends the same text down the
  // general path, so the two answers must be identical for every nearly-canonical string.
  it('gives exactly the general answer for 30,000 canonical-looking strings', () => {
    const rng = mulberry32(7);
    const digit = () => String(Math.floor(rng() * 10));
    for (let i = 0; i < 30_000; i++) {
      const year = [String(1890 + Math.floor(rng() * 150)), `${digit()}${digit()}${digit()}${digit()}`][i % 2]!;
      let serial = '';
      for (let j = 0; j < 7; j++) serial += digit();
      const letter = rng() < 0.5 ? computePncCheckLetter(Number(year.slice(2)), Number(serial)) : String.fromCharCode(65 + Math.floor(rng() * 26));
      const text = rng() < 0.1 ? `${year}/${serial}${letter.toLowerCase()}` : rng() < 0.05 ? `${year}-${serial}${letter}` : `${year}/${serial}${letter}`;
      expect(parsePnc(text, { thisYear: 2026 }), text).toEqual(parsePnc(` ${text}`, { thisYear: 2026 }));
      expect(parsePnc(text, { thisYear: 2013 }), text).toEqual(parsePnc(` ${text}`, { thisYear: 2013 }));
    }
  });

  it('gives exactly the general answer for 30,000 short-form and short-serial strings, read by the coded form', () => {
    const rng = mulberry32(11);
    const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');
    let valid = 0;
    for (let i = 0; i < 30_000; i++) {
      const year = i % 3 === 0 ? String(1890 + Math.floor(rng() * 150)) : digits(2);
      const serial = digits(1 + Math.floor(rng() * 7));
      const letter = rng() < 0.6 ? computePncCheckLetter(Number(year.slice(-2)), Number(serial)) : String.fromCharCode(65 + Math.floor(rng() * 26));
      const text = rng() < 0.05 ? `${year}/${serial}${letter.toLowerCase()}` : `${year}/${serial}${letter}`;
      for (const thisYear of [2026, 2013]) {
        const answer = parsePnc(text, { thisYear });
        expect(answer, text).toEqual(parsePnc(` ${text}`, { thisYear }));
        // The coded form of the same reading: the code of the canonical text the parser gives, or
        // none; a lower-case letter is left to the general path (parsePnc repairs it).
        const plain = text === text.toUpperCase();
        expect(pncCodeAnyForm(text, 0, text.length, thisYear), text).toBe(answer.ok && plain ? pncCode(answer.pnc, 0, 13, thisYear) : -1);
        if (answer.ok) {
          expect(pncTextOfCode(pncCode(answer.pnc, 0, 13, thisYear))).toBe(answer.pnc);
          valid += 1;
        }
      }
    }
    expect(valid).toBeGreaterThan(20_000);
  });
});
