import { z } from 'zod';
import { CRIME_TYPE_IDS, type CrimeTypeId } from '../domain/crimeTypes';

/**
 * Offence descriptions arrive as free text typed into police systems ("Burglary - Residential",
 * "Burglary (dwelling)", "BURGLARY IN A DWELLING"). They are mapped to crime type ids by editable
 * keyword rules; an analyst can override any single description. Everything is matched on a
 * normalised form so that case, punctuation and spacing never change the answer.
 */

const MATCH_MODES = ['contains', 'word', 'exact'] as const;
type MatchMode = (typeof MATCH_MODES)[number];

export const ClassificationRuleSchema = z.object({
  id: z.string().min(1),
  crimeType: z.enum(CRIME_TYPE_IDS),
  /** Keywords or phrases; the rule matches when any one of them matches. */
  pattern: z.array(z.string().min(1)).min(1),
  /**
   * `contains`: the phrase appears anywhere (also inside words); `word`: the phrase appears as whole
   * words; `exact`: the whole description is the phrase.
   */
  matchMode: z.enum(MATCH_MODES),
  /** Higher wins when several rules match; equal priorities fall back to list order. */
  priority: z.number().int(),
  /** Whole words that must also all be present, e.g. "burglary" for the word "commercial". */
  requireAll: z.array(z.string().min(1)).optional(),
  note: z.string().optional(),
});
export type ClassificationRule = z.infer<typeof ClassificationRuleSchema>;

export const ClassificationRulesSchema = z.array(ClassificationRuleSchema).superRefine((rules, ctx) => {
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', message: `duplicate rule id ${rule.id}`, path: [i, 'id'] });
    seen.add(rule.id);
    if (normalisedPhrases(rule.pattern).length === 0) {
      ctx.addIssue({ code: 'custom', message: `rule ${rule.id} has no letters or digits in its pattern`, path: [i, 'pattern'] });
    }
  });
});

/** Lower case, every run of non-alphanumeric characters becomes one space, trimmed. */
export function normaliseDescription(description: string): string {
  return description
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function normalisedPhrases(phrases: readonly string[]): string[] {
  return phrases.map(normaliseDescription).filter((p) => p.length > 0);
}

/**
 * Priorities: specific kinds beat their general family (non-residential burglary 30 beats
 * residential 20 because "Burglary - Non Residential" also contains "residential"; business robbery
 * beats robbery), and the catch-all violence words (15) lose to robbery, which is also violent.
 * Sexual offences (40) are kept out of `violence` so that its unit cost, the Home Office's
 * violence with/without injury, is not applied to them.
 * A bare "Burglary" matches nothing on purpose: residential or not decides the unit cost and the
 * allegations-per-arrest ratio, so the analyst should decide it with an override.
 */
export const DEFAULT_CLASSIFICATION_RULES: ClassificationRule[] = [
  {
    id: 'sexual_offences',
    crimeType: 'other',
    pattern: ['sexual', 'rape', 'indecent', 'sex offence'],
    matchMode: 'word',
    priority: 40,
    note: 'Sexual offences are not a projection crime type; kept out of violence.',
  },
  {
    id: 'non_residential_burglary',
    crimeType: 'non_residential_burglary',
    pattern: ['non residential', 'non dwelling', 'other than a dwelling', 'other than dwelling', 'commercial', 'business', 'non domestic', 'shop', 'office'],
    matchMode: 'word',
    priority: 30,
    requireAll: ['burglary'],
  },
  {
    id: 'residential_burglary',
    crimeType: 'residential_burglary',
    pattern: ['residential', 'dwelling', 'domestic', 'house', 'home', 'flat'],
    matchMode: 'word',
    priority: 20,
    requireAll: ['burglary'],
  },
  {
    id: 'business_robbery',
    crimeType: 'business_robbery',
    pattern: ['business', 'commercial'],
    matchMode: 'word',
    priority: 30,
    requireAll: ['robbery'],
  },
  {
    id: 'robbery',
    crimeType: 'robbery',
    pattern: ['robbery'],
    matchMode: 'word',
    priority: 20,
    note: 'Robbery of personal property, and plain "Robbery".',
  },
  {
    id: 'theft_from_person',
    crimeType: 'theft_from_person',
    pattern: ['theft from person', 'theft from the person', 'snatch theft', 'snatch', 'pickpocket', 'pickpocketing', 'pick pocket', 'pick pocketing'],
    matchMode: 'word',
    priority: 20,
  },
  {
    id: 'vehicle_crime',
    crimeType: 'vehicle_crime',
    pattern: [
      'theft from motor vehicle',
      'theft from a motor vehicle',
      'theft of motor vehicle',
      'theft of a motor vehicle',
      'theft from vehicle',
      'theft of vehicle',
      'twoc',
      'taking without consent',
      'taking without owner s consent',
      'taking a motor vehicle without consent',
      'aggravated vehicle taking',
      'vehicle interference',
      'interfering with a motor vehicle',
      'interference with a motor vehicle',
    ],
    matchMode: 'word',
    priority: 20,
  },
  {
    id: 'shoplifting',
    crimeType: 'shoplifting',
    pattern: ['shoplifting', 'shop lifting', 'shoplift', 'theft from shop', 'theft from a shop', 'shop theft', 'theft from shops and stalls'],
    matchMode: 'word',
    priority: 20,
  },
  {
    id: 'criminal_damage',
    crimeType: 'criminal_damage',
    pattern: ['criminal damage', 'arson', 'damage to property', 'vandalism'],
    matchMode: 'word',
    priority: 20,
  },
  {
    id: 'drugs',
    crimeType: 'drugs',
    pattern: [
      'drug',
      'drugs',
      'possession of cannabis',
      'cannabis',
      'cocaine',
      'crack',
      'heroin',
      'controlled drug',
      'possession with intent to supply',
      'intent to supply',
      'concerned in supply',
      'concerned in the supply',
      'class a',
      'class b',
      'class c',
      'misuse of drugs',
    ],
    matchMode: 'word',
    priority: 20,
  },
  {
    id: 'violence',
    crimeType: 'violence',
    pattern: [
      'violence against the person',
      'assault',
      'abh',
      'gbh',
      'actual bodily harm',
      'grievous bodily harm',
      'wounding',
      'wound',
      'battery',
      'common assault',
    ],
    matchMode: 'word',
    priority: 15,
  },
];

interface CompiledRule {
  rule: ClassificationRule;
  order: number;
  phrases: string[];
  requiredWords: string[];
}

interface RuleMatch {
  ruleId: string;
  crimeType: CrimeTypeId;
  priority: number;
  matchedPattern: string;
}

type MatchedBy =
  | { kind: 'override'; normalised: string }
  | { kind: 'rule'; ruleId: string; matchedPattern: string; priority: number }
  | { kind: 'none' };

interface ClassificationExplanation {
  description: string;
  normalised: string;
  crimeType: CrimeTypeId;
  matchedBy: MatchedBy;
  /** Rules that matched too but lost on priority (or to the override), best first. */
  alsoMatched: RuleMatch[];
  explanation: string;
}

function compileRules(rules: readonly ClassificationRule[]): CompiledRule[] {
  return rules
    .map((rule, order) => ({
      rule,
      order,
      phrases: normalisedPhrases(rule.pattern),
      requiredWords: normalisedPhrases(rule.requireAll ?? []),
    }))
    .sort((a, b) => b.rule.priority - a.rule.priority || a.order - b.order);
}

function phraseMatches(normalised: string, padded: string, phrase: string, mode: MatchMode): boolean {
  switch (mode) {
    case 'contains':
      return normalised.includes(phrase);
    case 'word':
      return padded.includes(` ${phrase} `);
    case 'exact':
      return normalised === phrase;
  }
}

function matchRule(compiled: CompiledRule, normalised: string, padded: string): RuleMatch | null {
  for (const word of compiled.requiredWords) if (!padded.includes(` ${word} `)) return null;
  for (const phrase of compiled.phrases) {
    if (phraseMatches(normalised, padded, phrase, compiled.rule.matchMode)) {
      return {
        ruleId: compiled.rule.id,
        crimeType: compiled.rule.crimeType,
        priority: compiled.rule.priority,
        matchedPattern: phrase,
      };
    }
  }
  return null;
}

function allMatches(compiled: readonly CompiledRule[], normalised: string): RuleMatch[] {
  const padded = ` ${normalised} `;
  const matches: RuleMatch[] = [];
  for (const c of compiled) {
    const match = matchRule(c, normalised, padded);
    if (match) matches.push(match);
  }
  return matches;
}

const NO_OVERRIDES: ReadonlyMap<string, CrimeTypeId> = new Map();

export function explainClassification(
  description: string,
  rules: readonly ClassificationRule[],
  overrides: ReadonlyMap<string, CrimeTypeId> = NO_OVERRIDES,
): ClassificationExplanation {
  return explainWith(compileRules(rules), description, overrides);
}

function explainWith(
  compiled: readonly CompiledRule[],
  description: string,
  overrides: ReadonlyMap<string, CrimeTypeId>,
): ClassificationExplanation {
  const normalised = normaliseDescription(description);
  const matches = allMatches(compiled, normalised);
  const override = overrides.get(normalised);
  if (override !== undefined) {
    return {
      description,
      normalised,
      crimeType: override,
      matchedBy: { kind: 'override', normalised },
      alsoMatched: matches,
      explanation: `analyst override for "${normalised}" → ${override}`,
    };
  }
  const [best, ...rest] = matches;
  if (!best) {
    return {
      description,
      normalised,
      crimeType: 'other',
      matchedBy: { kind: 'none' },
      alsoMatched: [],
      explanation: `no rule matched "${normalised}" → other (unclassified)`,
    };
  }
  const lost = rest.length > 0 ? `; also matched ${rest.map((m) => `${m.ruleId} (priority ${m.priority})`).join(', ')}` : '';
  return {
    description,
    normalised,
    crimeType: best.crimeType,
    matchedBy: { kind: 'rule', ruleId: best.ruleId, matchedPattern: best.matchedPattern, priority: best.priority },
    alsoMatched: rest,
    explanation: `rule ${best.ruleId} (priority ${best.priority}) matched "${best.matchedPattern}" → ${best.crimeType}${lost}`,
  };
}

/**
 * A classifier for bulk use: rules are compiled once and each distinct description is classified
 * once, since an arrests extract repeats a few hundred descriptions across millions of rows.
 */
export function createClassifier(
  rules: readonly ClassificationRule[],
  overrides: ReadonlyMap<string, CrimeTypeId> = NO_OVERRIDES,
): { classify(description: string): CrimeTypeId; explain(description: string): ClassificationExplanation } {
  const compiled = compileRules(rules);
  const memo = new Map<string, CrimeTypeId>();
  return {
    classify(description: string): CrimeTypeId {
      const known = memo.get(description);
      if (known !== undefined) return known;
      const crimeType = explainWith(compiled, description, overrides).crimeType;
      memo.set(description, crimeType);
      return crimeType;
    },
    explain(description: string): ClassificationExplanation {
      return explainWith(compiled, description, overrides);
    },
  };
}

function describeMatchedBy(matchedBy: MatchedBy): string {
  switch (matchedBy.kind) {
    case 'override':
      return 'override';
    case 'rule':
      return `rule:${matchedBy.ruleId}`;
    case 'none':
      return 'none';
  }
}

export interface OffenceSummaryRow {
  description: string;
  normalised: string;
  count: number;
  crimeType: CrimeTypeId;
  /** `override`, `rule:<id>` or `none` (unclassified). */
  matchedBy: string;
  explanation: string;
}

/**
 * One row per description with its classification, unclassified rows first (those are the ones an
 * analyst must look at), then by count descending, then alphabetically so the order is stable.
 */
export function summariseOffences(
  descriptions: Iterable<{ description: string; count: number }> | ReadonlyMap<string, number>,
  rules: readonly ClassificationRule[],
  overrides: ReadonlyMap<string, CrimeTypeId> = NO_OVERRIDES,
): OffenceSummaryRow[] {
  const compiled = compileRules(rules);
  const entries: Array<{ description: string; count: number }> = [];
  if (descriptions instanceof Map) {
    for (const [description, count] of descriptions as ReadonlyMap<string, number>) entries.push({ description, count });
  } else {
    for (const entry of descriptions as Iterable<{ description: string; count: number }>) entries.push(entry);
  }
  const rows = entries.map(({ description, count }) => {
    const e = explainWith(compiled, description, overrides);
    return {
      description,
      normalised: e.normalised,
      count,
      crimeType: e.crimeType,
      matchedBy: describeMatchedBy(e.matchedBy),
      explanation: e.explanation,
    };
  });
  const unclassified = (row: OffenceSummaryRow): number => (row.matchedBy === 'none' ? 0 : 1);
  return rows.sort(
    (a, b) =>
      unclassified(a) - unclassified(b) ||
      b.count - a.count ||
      (a.description < b.description ? -1 : a.description > b.description ? 1 : 0),
  );
}
