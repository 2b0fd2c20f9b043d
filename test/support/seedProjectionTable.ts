/**
 * The seed's projection table as printed (004), for the tests' seed checks (the app
 * works its projection out, never reads this). The printed
 * "24" burglary arrests per year is a typo: 44 arrests over 24 months is 22 a year, and the
 * printed 255.2 offences is 22 × 11.6.
 */
export const SEED_PROJECTION_TABLE = {
  referenceDate: '2013-10-31',
  windowMonths: 24,
  people: 170,
  rows: {
    all: { arrests: 973, arrestsPerYear: 486.5, offencesPerYear: 2432.5, offencesPerYearAfter: 1548, reductionPerYear: 884, sharePercent: 3.8 },
    residential_burglary: { arrests: 44, arrestsPerYear: 22, printedArrestsPerYear: 24, offencesPerYear: 255.2, offencesPerYearAfter: 162, reductionPerYear: 93, sharePercent: 3.1 },
    robbery: { arrests: 87, arrestsPerYear: 43.5, offencesPerYear: 130.5, offencesPerYearAfter: 83, reductionPerYear: 48, sharePercent: 5.4 },
  },
} as const;
