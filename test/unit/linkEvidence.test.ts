import { describe, expect, it } from 'vitest';
import { evidenceReason, linkStrength, spellingDifference } from '../../shared/links/linkEvidence';
import { scorePair } from '../../shared/links/recordLinkage';

function reasonsFor(a: Parameters<typeof scorePair>[0], b: Parameters<typeof scorePair>[1]): string[] {
  const score = scorePair(a, b);
  const values: Record<string, [string | null, string | null]> = {
    pnc: [a.pnc ?? null, b.pnc ?? null],
    surname: [a.surname ?? null, b.surname ?? null],
    forenames: [a.forenames ?? null, b.forenames ?? null],
    dob: [a.dob ?? null, b.dob ?? null],
  };
  return score.fields.map((f) => evidenceReason({ field: f.field, level: f.level, left: values[f.field]![0], right: values[f.field]![1] }).text);
}

describe('link evidence in words', () => {
  it('names each field the way a reviewer says it, with the spelling difference', () => {
    expect(reasonsFor({ surname: 'SMITH', forenames: 'John', dob: '1980-02-01' }, { surname: 'SMYTH', forenames: 'John', dob: '1980-02-01' })).toEqual([
      'no PNC on either side — no evidence',
      'surname differs: SMITH vs SMYTH (one letter)',
      'same first name',
      'same date of birth',
    ]);
    expect(reasonsFor({ surname: 'Pellow', forenames: 'Ruth', dob: '1900-01-01' }, { surname: 'Pellow', forenames: 'R', dob: '1986-03-04' })).toEqual([
      'no PNC on either side — no evidence',
      'same surname',
      'only the initial agrees: Ruth vs R',
      'date of birth is a placeholder (1 Jan 1900) — no evidence',
    ]);
    expect(reasonsFor({ surname: 'Okafor', forenames: 'Dan', dob: '1975-09-30', pnc: null }, { surname: 'Okafor', forenames: 'Dan', dob: '1975-03-09' })[3]).toBe(
      'date of birth differs: 30 Sep 1975 vs 9 Mar 1975',
    );
    expect(reasonsFor({ surname: 'Lee', forenames: 'Amy', dob: '1990-04-03' }, { surname: 'Lee', forenames: 'Amy', dob: '1990-03-04' })[3]).toBe(
      'date of birth has day and month swapped: 3 Apr 1990 vs 4 Mar 1990',
    );
  });

  it('says PNC agrees, and marks each reason for, against or no evidence', () => {
    expect(evidenceReason({ field: 'pnc', level: 'exact', left: '91/100511K', right: '1991/0100511K' })).toEqual({ field: 'pnc', tone: 'for', text: 'PNC agrees' });
    expect(evidenceReason({ field: 'surname', level: 'different', left: 'Okafor', right: 'Hartwell' }).tone).toBe('against');
    expect(evidenceReason({ field: 'dob', level: 'missing', left: null, right: '1980-01-02' })).toEqual({ field: 'dob', tone: 'none', text: 'no date of birth in the file — no evidence' });
  });

  it('tells one letter, a swap, a missing letter and a double-barrelled part apart', () => {
    expect(spellingDifference('SMITH', 'SMYTH')).toBe('one letter');
    expect(spellingDifference('Jonhson', 'Johnson')).toBe('two letters swapped');
    expect(spellingDifference('Philips', 'Phillips')).toBe('one letter fewer');
    expect(spellingDifference('Smith-Jones', 'Jones')).toBe('one part of a double-barrelled name');
    expect(spellingDifference('Mohammed', 'Muhammad')).toBe('similar spelling');
  });

  it('bands the queue strong, likely and weak, a disagreeing field capping it at likely', () => {
    const levels = (...l: string[]) => l.map((level) => ({ level }));
    expect(linkStrength(12.7, levels('missing', 'exact', 'initial', 'exact'))).toBe('strong');
    expect(linkStrength(12.7, levels('exact', 'different', 'exact', 'different'))).toBe('likely');
    expect(linkStrength(40, levels('exact', 'different', 'different', 'different'))).toBe('likely');
    expect(linkStrength(7.5, levels('missing', 'exact', 'close', 'exact'))).toBe('likely');
    expect(linkStrength(4.8, levels('missing', 'exact', 'exact', 'missing'))).toBe('weak');
  });
});
