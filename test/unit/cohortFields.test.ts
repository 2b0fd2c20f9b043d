import { describe, expect, it } from 'vitest';
import { parseStatutory, interpretRow, fieldColumnsOf } from '../../shared/import/importRowInterpretation';
import { missingRequiredFields, recogniseHeaders } from '../../shared/import/headerRecognition';

describe('existing IOM cohort lists', () => {
  it('recognises start-date and statutory columns as IOM teams head them', () => {
    const { mapping } = recogniseHeaders(['PNC ID', 'Surname', 'Forename', 'Date of Birth', 'IOM start date', 'Stat / Non-stat', 'Date joined IOM']);
    expect(mapping.map((m) => m.field)).toEqual(['pnc', 'surname', 'firstNames', 'dob', 'cohortStartDate', 'statutory', null]);
    expect(missingRequiredFields('cohort', mapping)).toEqual([]);
    expect(missingRequiredFields('cohort', mapping.filter((m) => m.field !== 'cohortStartDate')).map((r) => r.label)).toEqual(['IOM start date']);
  });

  it('reads statutory status in the ways it is written', () => {
    for (const yes of ['Stat', 'Statutory', 'STAT', 'Y', 'yes', '1']) expect(parseStatutory(yes), yes).toBe(true);
    for (const no of ['Non-stat', 'Non statutory', 'NON-STATUTORY', 'N', 'no', '0']) expect(parseStatutory(no), no).toBe(false);
    expect(parseStatutory('maybe')).toBeNull();
  });

  it('turns a cohort row into the person fields it sets, and notes an unreadable status', () => {
    const columns = fieldColumnsOf([
      { column: 0, field: 'pnc' },
      { column: 1, field: 'cohortStartDate' },
      { column: 2, field: 'statutory' },
    ]);
    const ok = interpretRow(['12/345678U', '06/06/2012', 'Non-stat'], columns);
    if (!ok.ok) throw new Error(ok.reason);
    expect(ok.row.fields).toEqual({ cohortStartDate: '2012-06-06', statutory: 0 });
    const noted = interpretRow(['12/345678U', '06/06/2012', 'perhaps'], columns);
    if (!noted.ok) throw new Error(noted.reason);
    expect(noted.row.fields.statutory).toBeUndefined();
    expect(noted.row.notes[0]).toMatch(/^statutory: "perhaps" is not statutory/);
  });
});

describe('PPO lists', () => {
  it('reads a status cell that names the list as yes, and anything else as a flag value', () => {
    const { mapping } = recogniseHeaders(['PNC', 'Surname', 'Forename', 'DOB', 'PPO status']);
    expect(mapping.map((m) => m.field)).toEqual(['pnc', 'surname', 'firstNames', 'dob', 'flag_ppo']);
    const columns = fieldColumnsOf(mapping);
    const flagsOf = (status: string): { flags: string[]; notes: string[] } => {
      const r = interpretRow(['12/345678U', 'Example', 'Sam', '01/02/1990', status], columns);
      if (!r.ok) throw new Error(r.reason);
      return { flags: r.row.flags, notes: r.row.notes };
    };
    expect(flagsOf('PPO').flags).toEqual(['ppo']);
    expect(flagsOf(' ppo ').flags).toEqual(['ppo']);
    expect(flagsOf('Yes').flags).toEqual(['ppo']);
    expect(flagsOf('').flags).toEqual([]);
    expect(flagsOf('Removed').flags).toEqual([]);
    expect(flagsOf('Removed').notes[0]).toMatch(/^ppo flag: "Removed" is not a yes\/no value/);
    // Only an acronym naming the list counts: "Female" in a repeat-female column is not read as yes.
    const female = fieldColumnsOf([{ column: 0, field: 'pnc' }, { column: 1, field: 'flag_female' }]);
    const r = interpretRow(['12/345678U', 'Female'], female);
    if (!r.ok) throw new Error(r.reason);
    expect(r.row.flags).toEqual([]);
  });
});
