import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computePncCheckLetter } from '../../shared/domain/pnc';

/**
 * A small synthetic existing IOM cohort whose calibration can be checked by hand: four people who
 * joined on 2013-01-01 (data to 2013-10-31, so each has a full 12-month before and 6-month after
 * window), with their arrests (some outside the borough) and a statutory marker.
 *
 *   person  before (2012)  after (Jan–Jun 2013)  statutory
 *   A       6              1                     yes
 *   B       3              1                     yes
 *   C       3              0                     no
 *   D       0              0                     no
 *   before 12 arrests / 48 person-months = 0.25; after 2 / 24 = 0.0833…; RR 1/3; fall 66.67%.
 * Of the 16 arrests, 14 fall in the 24 months to 2013-10-31 (7 residential burglary, 4 robbery, 3
 * shoplifting), 4 of them outside Barnet (Enfield: 2 burglaries, 1 robbery, 1 shoplifting).
 */

function pnc(serial: number): string {
  return `1990/${String(serial).padStart(7, '0')}${computePncCheckLetter(90, serial)}`;
}

export const FIXTURE_REFERENCE_DATE = '2013-10-31';

const PEOPLE = [
  { key: 'A', pnc: pnc(101), surname: 'Ashdown', forename: 'Alan', dob: '01/02/1985', statutory: 'Stat' },
  { key: 'B', pnc: pnc(202), surname: 'Brooke', forename: 'Brian', dob: '03/04/1988', statutory: 'Stat' },
  { key: 'C', pnc: pnc(303), surname: 'Carver', forename: 'Colin', dob: '05/06/1990', statutory: 'Non-stat' },
  { key: 'D', pnc: pnc(404), surname: 'Dale', forename: 'Derek', dob: '07/08/1992', statutory: 'Non-stat' },
] as const;

/** [person, dd/mm/yyyy, offence, borough] */
const ARRESTS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['A', '10/01/2011', 'Burglary - Residential', 'Barnet'], // outside both windows (before the 24 months and the 12)
  ['A', '15/01/2012', 'Burglary - Residential', 'Barnet'],
  ['A', '15/03/2012', 'Burglary - Residential', 'Enfield'],
  ['A', '15/05/2012', 'Robbery', 'Barnet'],
  ['A', '15/07/2012', 'Burglary - Residential', 'Barnet'],
  ['A', '15/09/2012', 'Shoplifting', 'Enfield'],
  ['A', '15/11/2012', 'Burglary - Residential', 'Barnet'],
  ['A', '15/03/2013', 'Burglary - Residential', 'Barnet'],
  ['B', '20/02/2012', 'Robbery', 'Barnet'],
  ['B', '20/06/2012', 'Robbery', 'Enfield'],
  ['B', '20/10/2012', 'Shoplifting', 'Barnet'],
  ['B', '20/04/2013', 'Robbery', 'Barnet'],
  ['C', '05/04/2012', 'Burglary - Residential', 'Barnet'],
  ['C', '05/08/2012', 'Burglary - Residential', 'Enfield'],
  ['C', '05/12/2012', 'Shoplifting', 'Barnet'],
  ['D', '09/09/2010', 'Shoplifting', 'Barnet'], // outside every window: D is known, with no recent arrests
];

export function writeExistingCohortFixture(dir: string): { arrests: string; cohort: string } {
  const byKey = new Map(PEOPLE.map((p) => [p.key, p]));
  const arrests = join(dir, 'arrests-extract.csv');
  writeFileSync(
    arrests,
    ['PNC ID,Surname,Forename,Date of Birth,Arrest Date,Offence,Borough', ...ARRESTS.map(([key, date, offence, borough]) => {
      const p = byKey.get(key as 'A')!;
      return [p.pnc, p.surname, p.forename, p.dob, date, offence, borough].join(',');
    })].join('\r\n') + '\r\n',
  );
  const cohort = join(dir, 'iom-cohort.csv');
  writeFileSync(cohort, ['PNC ID,Surname,Forename,Date of Birth,IOM start date,Statutory', ...PEOPLE.map((p) => [p.pnc, p.surname, p.forename, p.dob, '01/01/2013', p.statutory].join(','))].join('\r\n') + '\r\n');
  return { arrests, cohort };
}
