import { type AnalysisArrest, type AnalysisPerson, dayNumber, isoFromDayNumber } from '../../shared/domain/analysisModel';
import type { FlagName } from '../../shared/domain/flags';
import { addMonths, type IsoDate } from '../../shared/domain/isoDate';
import { createClassifier, DEFAULT_CLASSIFICATION_RULES } from '../../shared/analysis/classification';
import { mulberry32, type Rng } from '../../shared/domain/seededRandom';
import { DEFAULT_SCENARIO, type Scenario } from '../../shared/analysis/projection';
import { trackOutcomes, type TrackedMember, type TrackingInput, type TrackingResult } from '../../shared/tracking/outcomeTracking';
import { analysisPerson } from './analysisPeople';
import { buildArrestIndex } from './arrestIndex';

/**
 * A synthetic follow-up with a known answer (issue 20, "done means"). Not shipped.
 *
 * Everyone's monthly arrest rate is their own level λ times a passing phase: exp(σ·z − σ²/2) with z
 * an AR(1) series (φ per month), so a run of high months is followed, on average, by a return to the
 * person's level. The long list is everyone with at least `longListThreshold` arrests in the
 * selection window (the 24 months to the reference date); the panel takes a random share of it on
 * (so the long list keeps people alike the cohort), in monthly tranches after the reference date.
 * From each member's start date on, their rate is multiplied by 1 − `trueReduction`: that is the
 * only effect of joining. Because members were picked at a peak, their arrests fall after joining
 * even without it, so the cohort's own before/after fall overstates `trueReduction`.
 */

interface FollowUpOptions {
  seed: number;
  people: number;
  trueReduction: number;
  /** Share of the long list taken on. */
  takenOnShare?: number;
  longListThreshold?: number;
  referenceDate?: IsoDate;
  windowMonths?: number;
  /** Start months of the tranches (the first of each month). */
  trancheMonths?: readonly string[];
  /** The last day of data. */
  dataTo?: IsoDate;
  /** Mean monthly arrest rate and the AR(1) phase. */
  meanRate?: number;
  phi?: number;
  sigma?: number;
}

export interface FollowUpData {
  people: AnalysisPerson[];
  arrests: AnalysisArrest[];
  /** The offence wording of each arrest, for writing to a workspace. */
  members: TrackedMember[];
  /** The long list not taken on. */
  candidates: number[];
  referenceDate: IsoDate;
  windowMonths: number;
  dataTo: IsoDate;
  priorityGroups: FlagName[];
  trueReduction: number;
}

/** Wordings whose crime type the default rules give, each with the weight arrests draw it with. */
const FOLLOW_UP_OFFENCE_WEIGHTS: Readonly<Record<string, number>> = {
  'Theft from shop': 25,
  'Burglary - Residential': 12,
  Robbery: 8,
  'Common assault': 18,
  'Possession of class A': 15,
  'Criminal damage': 10,
  'Theft from motor vehicle': 7,
  'Public order offence': 5,
};

function gamma(random: Rng, shape: number): number {
  // Marsaglia–Tsang; shape < 1 boosted by U^(1/shape).
  if (shape < 1) return gamma(random, shape + 1) * random() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function normal(random: Rng): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function poisson(random: Rng, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

// Two groups a candidate list can carry as columns, so the same data can go through the importer.
const PRIORITY_GROUPS: FlagName[] = ['dtoa', 'female'];

export function generateFollowUp(options: FollowUpOptions): FollowUpData {
  const random = mulberry32(options.seed);
  const referenceDate = options.referenceDate ?? '2013-10-31';
  const windowMonths = options.windowMonths ?? 24;
  const trancheMonths = options.trancheMonths ?? ['2014-01', '2014-02', '2014-03', '2014-04', '2014-05'];
  const dataTo = options.dataTo ?? '2015-05-31';
  const meanRate = options.meanRate ?? 0.12;
  const phi = options.phi ?? 0.85;
  const sigma = options.sigma ?? 0.9;
  const threshold = options.longListThreshold ?? 8;
  const takenOn = options.takenOnShare ?? 0.4;
  const classifier = createClassifier(DEFAULT_CLASSIFICATION_RULES);
  const offences = Object.entries(FOLLOW_UP_OFFENCE_WEIGHTS);
  const totalWeight = offences.reduce((s, [, weight]) => s + weight, 0);
  const pickOffence = (): string => {
    let r = random() * totalWeight;
    for (const [offence, weight] of offences) if ((r -= weight) < 0) return offence;
    return offences[0]![0];
  };

  // Months simulated: from the window's first month to the data's last.
  const firstMonth = addMonths(`${referenceDate.slice(0, 7)}-01`, -windowMonths - 12);
  const months: IsoDate[] = [];
  for (let m = firstMonth; m <= dataTo; m = addMonths(m, 1)) months.push(m);
  const monthDays = months.map((m) => dayNumber(m));
  const endDay = dayNumber(dataTo) + 1;
  const windowFrom = dayNumber(addMonths(referenceDate, -windowMonths));
  const windowTo = dayNumber(referenceDate);
  const innovation = sigma * Math.sqrt(1 - phi * phi);

  const people: AnalysisPerson[] = [];
  const arrestsOf: Array<Array<{ day: number; offence: string }>> = [];
  // The paths are drawn first with no effect; members' after months are thinned afterwards by
  // keeping each arrest with probability 1 − trueReduction (the same as multiplying the rate).
  for (let id = 1; id <= options.people; id++) {
    const level = meanRate * gamma(random, 0.7) / 0.7;
    let z = normal(random) * sigma;
    const own: Array<{ day: number; offence: string }> = [];
    for (let k = 0; k < months.length; k++) {
      z = phi * z + innovation * normal(random);
      const n = poisson(random, level * Math.exp(sigma * z - (sigma * sigma) / 2));
      const from = monthDays[k]!;
      const to = Math.min(k + 1 < months.length ? monthDays[k + 1]! : endDay, endDay);
      for (let i = 0; i < n; i++) own.push({ day: from + Math.floor(random() * (to - from)), offence: pickOffence() });
    }
    own.sort((a, b) => a.day - b.day);
    // One arrest per person, day and offence: an extract lists a repeat of the same as one row (and the importer keeps one).
    arrestsOf.push(own.filter((a, i) => i === 0 || a.day !== own[i - 1]!.day || a.offence !== own[i - 1]!.offence));
    const flags = PRIORITY_GROUPS.filter(() => random() < 0.15);
    people.push(analysisPerson(id, { dob: isoFromDayNumber(dayNumber('1965-01-01') + Math.floor(random() * 11000)), gender: random() < 0.85 ? 'M' : 'F', flags, statutory: random() < 0.58 }));
  }

  const members: TrackedMember[] = [];
  const candidates: number[] = [];
  for (const person of people) {
    const inWindow = arrestsOf[person.id - 1]!.filter((a) => a.day > windowFrom && a.day <= windowTo).length;
    if (inWindow < threshold) continue;
    if (random() < takenOn) {
      const startDate = `${trancheMonths[Math.floor(random() * trancheMonths.length)]!}-01`;
      members.push({ personId: person.id, startDate, exit: null, statutory: person.statutory });
      person.cohortStartDate = null;
      const startDay = dayNumber(startDate);
      arrestsOf[person.id - 1] = arrestsOf[person.id - 1]!.filter((a) => a.day < startDay || random() >= options.trueReduction);
    } else {
      candidates.push(person.id);
    }
  }
  const arrests: AnalysisArrest[] = [];
  arrestsOf.forEach((own, i) => {
    for (const a of own) arrests.push({ personId: i + 1, date: isoFromDayNumber(a.day), offence: a.offence, crimeType: classifier.classify(a.offence) });
  });
  return { people, arrests, members, candidates, referenceDate, windowMonths, dataTo, priorityGroups: PRIORITY_GROUPS, trueReduction: options.trueReduction };
}

/**
 * The generated follow-up tracked by the domain itself, 12 months either side of each start: the
 * answer a screen, a command or a return built from the same data must agree with. The scenario is
 * the default one over the data's own selection window unless given; the data run to their own end
 * unless `dataTo` says otherwise.
 */
export function trackGeneratedFollowUp(
  data: FollowUpData,
  options: { scenario?: Scenario; dataTo?: IsoDate; bootstrap?: TrackingInput['bootstrap'] } = {},
): TrackingResult {
  return trackOutcomes(buildArrestIndex(data.people, data.arrests), {
    scenario: options.scenario ?? { ...DEFAULT_SCENARIO, referenceDate: data.referenceDate, windowMonths: data.windowMonths },
    members: data.members,
    candidates: data.candidates,
    priorityGroups: data.priorityGroups,
    dataTo: options.dataTo ?? data.dataTo,
    beforeMonths: 12,
    afterMonths: 12,
    bootstrap: options.bootstrap ?? null,
  });
}
