/**
 * The limitations the seed's analyst printed with the Potential Candidate List and the projection
 * (seed 004, "IOM Cohort Expansion Project": "Limitations", "A notes on Estimates", and the table's
 * footnotes *1 and *2), reworded only where the app's method differs. Every cohort report prints
 * all of them: a reader who sees the figures must also see why they are rough.
 */

interface ReportCaveat {
  id: string;
  heading: string;
  text: string;
}

export const REPORT_CAVEATS: readonly ReportCaveat[] = [
  {
    id: 'arrests-not-convictions',
    heading: 'Arrests are not convictions',
    text:
      'Every figure is built from arrests, which are not equivalent to convictions: an arrest can end in no further action, a de-arrest, ' +
      '“not proceeded with”, or a charge of which the person is found not guilty at court.',
  },
  {
    id: 'cris-accuracy',
    heading: 'Accuracy of the source systems',
    text:
      'The data are subject to the accuracy of the source systems, including the police CRIS system; such systems do not have a 100% ' +
      'accuracy rate, and offences are counted under the crime type their description was classified into.',
  },
  {
    id: 'names-and-dates-of-birth',
    heading: 'Names and dates of birth as recorded',
    text:
      'Name and date of birth are as recorded at the person’s most recent arrest. People are linked across lists by PNC and, where the PNC ' +
      'is missing or invalid, by name and date of birth, so the counts depend on that information being consistent and accurate.',
  },
  {
    id: 'addresses-out-of-date',
    heading: 'Addresses may be out of date',
    text:
      'Address and borough are those recorded by the police for the person’s most recent arrest. The address could be wrong (a false ' +
      'address given, or recorded incorrectly) and the person may since have moved, so “living in the borough” needs checking case by case.',
  },
  {
    id: 'offences-per-arrest',
    heading: 'Offences estimated from arrests',
    text:
      'Offending is estimated from arrests with the borough’s ratio of crime allegations to arrests for each crime type (seed note *1). ' +
      'The real number of offences committed is unknown and likely to be well above the number of arrests.',
  },
  {
    id: 'reduction-assumed',
    heading: 'The reduction is assumed, not measured',
    text:
      'The reduction applies the fall seen in the initial IOM cohort (monthly conviction rate, 12 months before against 6 months after ' +
      'joining; seed note *2) to this cohort. A new cohort with a different mix of offenders may not respond in the same way.',
  },
  {
    id: 'estimates-are-rough',
    heading: 'Estimates are a rough guide',
    text:
      'All estimates and predictions should be taken as a rough guide or best guess given the available evidence: more facts about crime ' +
      'are unknown than known, future conditions are not yet known, and the results are sensitive to the assumptions. Claiming accurate and ' +
      'precise predictions would be illusory; ball-park figures are still useful, which is why the ranges are shown.',
  },
];
