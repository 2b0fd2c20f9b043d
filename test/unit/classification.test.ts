import { describe, expect, it } from 'vitest';
import {
  ClassificationRuleSchema,
  ClassificationRulesSchema,
  DEFAULT_CLASSIFICATION_RULES,
  createClassifier,
  explainClassification,
  normaliseDescription,
  summariseOffences,
  type ClassificationRule,
} from '../../shared/analysis/classification';
import type { CrimeTypeId } from '../../shared/domain/crimeTypes';
import { buildOverrideMap, classifyOffence } from '../support/classifyOffence';

const rules = DEFAULT_CLASSIFICATION_RULES;

describe('normaliseDescription', () => {
  it('ignores case, punctuation and spacing', () => {
    expect(normaliseDescription('  Burglary (Dwelling)!! ')).toBe('burglary dwelling');
    expect(normaliseDescription('BURGLARY - RESIDENTIAL')).toBe('burglary residential');
    expect(normaliseDescription('Taking w/o owner’s consent')).toBe('taking w o owner s consent');
  });
});

describe('default rules', () => {
  const cases: Array<[string, CrimeTypeId]> = [
    ['Burglary - Residential', 'residential_burglary'],
    ['Burglary in a dwelling', 'residential_burglary'],
    ['Burglary Dwelling', 'residential_burglary'],
    ['Burglary (dwelling)', 'residential_burglary'],
    ['BURGLARY IN A DWELLING', 'residential_burglary'],
    ['Burglary - Non Residential', 'non_residential_burglary'],
    ['Burglary other than a dwelling', 'non_residential_burglary'],
    ['Burglary - Commercial', 'non_residential_burglary'],
    ['Robbery of personal property', 'robbery'],
    ['Robbery - Personal Property', 'robbery'],
    ['Robbery', 'robbery'],
    ['Robbery of business property', 'business_robbery'],
    ['Theft from person', 'theft_from_person'],
    ['Snatch theft', 'theft_from_person'],
    ['Theft from motor vehicle', 'vehicle_crime'],
    ['Theft of motor vehicle', 'vehicle_crime'],
    ['TWOC', 'vehicle_crime'],
    ['Vehicle interference', 'vehicle_crime'],
    ['Assault ABH', 'violence'],
    ['GBH', 'violence'],
    ['Common assault', 'violence'],
    ['Wounding', 'violence'],
    ['Violence against the person', 'violence'],
    ['Possession of cannabis', 'drugs'],
    ['Possession with intent to supply', 'drugs'],
    ['Drugs - possession class A', 'drugs'],
    ['Shoplifting', 'shoplifting'],
    ['Theft from shop', 'shoplifting'],
    ['Criminal damage', 'criminal_damage'],
    ['Criminal damage to motor vehicle', 'criminal_damage'],
    ['Handling stolen goods', 'other'],
    ['Possession of offensive weapon', 'other'],
    ['Sexual assault', 'other'],
    ['Burglary', 'other'],
    ['', 'other'],
  ];
  it.each(cases)('%s → %s', (description, expected) => {
    expect(classifyOffence(description, rules)).toBe(expected);
  });

  it('passes its own schema', () => {
    expect(ClassificationRulesSchema.parse(DEFAULT_CLASSIFICATION_RULES)).toHaveLength(DEFAULT_CLASSIFICATION_RULES.length);
  });

  it('word mode does not match inside other words but contains mode does', () => {
    const wordRule: ClassificationRule = { id: 'r', crimeType: 'robbery', pattern: ['rob'], matchMode: 'word', priority: 1 };
    expect(classifyOffence('Robbery', [wordRule])).toBe('other');
    expect(classifyOffence('Attempt to rob', [wordRule])).toBe('robbery');
    expect(classifyOffence('Robbery', [{ ...wordRule, matchMode: 'contains' }])).toBe('robbery');
  });

  it('exact mode needs the whole description', () => {
    const exact: ClassificationRule = { id: 'x', crimeType: 'drugs', pattern: ['Possession of cannabis'], matchMode: 'exact', priority: 1 };
    expect(classifyOffence('possession of CANNABIS.', [exact])).toBe('drugs');
    expect(classifyOffence('Possession of cannabis resin', [exact])).toBe('other');
  });

  it('equal priorities fall back to list order', () => {
    const a: ClassificationRule = { id: 'a', crimeType: 'drugs', pattern: ['x'], matchMode: 'word', priority: 5 };
    const b: ClassificationRule = { id: 'b', crimeType: 'violence', pattern: ['x'], matchMode: 'word', priority: 5 };
    expect(classifyOffence('x', [a, b])).toBe('drugs');
    expect(classifyOffence('x', [b, a])).toBe('violence');
    expect(classifyOffence('x', [a, { ...b, priority: 6 }])).toBe('violence');
  });
});

describe('overrides and explanations', () => {
  it('an override wins over every rule, keyed by the normalised description', () => {
    const overrides = buildOverrideMap([{ description: 'BURGLARY!', crimeType: 'residential_burglary' }]);
    expect(classifyOffence('Burglary', rules, overrides)).toBe('residential_burglary');
    const robberyOverride = buildOverrideMap([{ description: 'Robbery', crimeType: 'business_robbery' }]);
    expect(classifyOffence('robbery', rules, robberyOverride)).toBe('business_robbery');
    const e = explainClassification('robbery', rules, robberyOverride);
    expect(e.matchedBy).toEqual({ kind: 'override', normalised: 'robbery' });
    expect(e.alsoMatched.map((m) => m.ruleId)).toEqual(['robbery']);
    expect(e.explanation).toBe('analyst override for "robbery" → business_robbery');
  });

  it('says which rule matched and which lost', () => {
    const e = explainClassification('Burglary - Non Residential', rules);
    expect(e.crimeType).toBe('non_residential_burglary');
    expect(e.matchedBy).toEqual({ kind: 'rule', ruleId: 'non_residential_burglary', matchedPattern: 'non residential', priority: 30 });
    expect(e.alsoMatched.map((m) => m.ruleId)).toEqual(['residential_burglary']);
    expect(e.explanation).toBe(
      'rule non_residential_burglary (priority 30) matched "non residential" → non_residential_burglary; also matched residential_burglary (priority 20)',
    );
  });

  it('says when nothing matched', () => {
    const e = explainClassification('Going equipped', rules);
    expect(e).toMatchObject({ crimeType: 'other', matchedBy: { kind: 'none' }, normalised: 'going equipped' });
    expect(e.explanation).toBe('no rule matched "going equipped" → other (unclassified)');
  });

  it('the bulk classifier agrees with classifyOffence', () => {
    const overrides = buildOverrideMap([{ description: 'Burglary', crimeType: 'non_residential_burglary' }]);
    const classifier = createClassifier(rules, overrides);
    for (const d of ['Burglary', 'Burglary', 'TWOC', 'Snatch theft', 'Nothing known']) {
      expect(classifier.classify(d)).toBe(classifyOffence(d, rules, overrides));
    }
  });
});

describe('summariseOffences', () => {
  it('lists unclassified rows first, then by count, then by name', () => {
    const rows = summariseOffences(
      [
        { description: 'Shoplifting', count: 50 },
        { description: 'Going equipped', count: 3 },
        { description: 'Robbery', count: 7 },
        { description: 'Affray', count: 9 },
        { description: 'Burglary', count: 9 },
        { description: 'Sexual assault', count: 1 },
      ],
      rules,
    );
    expect(rows.map((r) => [r.description, r.crimeType, r.matchedBy])).toEqual([
      ['Affray', 'other', 'none'],
      ['Burglary', 'other', 'none'],
      ['Going equipped', 'other', 'none'],
      ['Shoplifting', 'shoplifting', 'rule:shoplifting'],
      ['Robbery', 'robbery', 'rule:robbery'],
      ['Sexual assault', 'other', 'rule:sexual_offences'],
    ]);
  });

  it('accepts a map of counts and marks overrides', () => {
    const rows = summariseOffences(
      new Map([
        ['Burglary', 4],
        ['TWOC', 2],
      ]),
      rules,
      buildOverrideMap([{ description: 'burglary', crimeType: 'residential_burglary' }]),
    );
    expect(rows).toMatchObject([
      { description: 'Burglary', count: 4, crimeType: 'residential_burglary', matchedBy: 'override' },
      { description: 'TWOC', count: 2, crimeType: 'vehicle_crime', matchedBy: 'rule:vehicle_crime' },
    ]);
  });
});

describe('rule schema', () => {
  it('rejects unknown crime types, empty patterns and duplicate ids', () => {
    expect(
      ClassificationRuleSchema.safeParse({ id: 'a', crimeType: 'arson', pattern: ['x'], matchMode: 'word', priority: 1 }).success,
    ).toBe(false);
    expect(
      ClassificationRuleSchema.safeParse({ id: 'a', crimeType: 'drugs', pattern: [], matchMode: 'word', priority: 1 }).success,
    ).toBe(false);
    expect(
      ClassificationRuleSchema.safeParse({ id: 'a', crimeType: 'drugs', pattern: ['x'], matchMode: 'fuzzy', priority: 1 }).success,
    ).toBe(false);
    const rule = { id: 'a', crimeType: 'drugs', pattern: ['x'], matchMode: 'word', priority: 1 };
    expect(ClassificationRulesSchema.safeParse([rule, rule]).success).toBe(false);
    expect(ClassificationRulesSchema.safeParse([{ ...rule, pattern: ['--'] }]).success).toBe(false);
  });
});
