import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closedSet, isOneOf } from '../../shared/domain/closedSets';
import { PANEL_DECISIONS, PANEL_DECISION_LABELS, PANEL_REASONS, PANEL_REASON_LABELS } from '../../shared/panel/panelDecisions';
import { PURGE_REASONS } from '../../shared/maintenance/maintenanceSchemas';

describe('closed sets written once', () => {
  it('lists the codes in the order their words are written, and keeps the words', () => {
    const [codes, words] = closedSet({ second: 'B', first: 'A', third: 'C' });
    expect(codes).toEqual(['second', 'first', 'third']);
    expect(words).toEqual({ second: 'B', first: 'A', third: 'C' });
  });

  it('cannot be changed after it is declared', () => {
    const source = { keep: 'Keep' } as Record<string, string>;
    const [codes, words] = closedSet(source);
    source.added = 'Added later';
    expect(words).toEqual({ keep: 'Keep' });
    expect(Object.isFrozen(codes)).toBe(true);
    expect(Object.isFrozen(words)).toBe(true);
    expect(() => (codes as unknown as string[]).push('extra')).toThrow(TypeError);
  });

  it('refuses an empty set, which no enum can hold', () => {
    expect(() => closedSet({})).toThrow(/at least one code/);
  });

  it('gives zod the same closed list the screens show', () => {
    const schema = z.enum(PANEL_REASONS);
    for (const reason of PANEL_REASONS) expect(schema.parse(reason)).toBe(reason);
    expect(schema.safeParse('in custody').success).toBe(false);
    expect(PANEL_REASONS.map((r) => PANEL_REASON_LABELS[r])).toContain('Tactical concern (e.g. DV risk)');
    expect(PANEL_DECISIONS).toEqual(['accept', 'reject', 'defer']);
    expect(PANEL_DECISION_LABELS.defer).toBe('Defer');
    expect(PURGE_REASONS).toEqual(['data_subject_request', 'recorded_in_error', 'no_longer_needed']);
  });

  it('tells a code from outside text, null and near misses included', () => {
    expect(isOneOf(PANEL_DECISIONS, 'accept')).toBe(true);
    expect(isOneOf(PANEL_DECISIONS, 'Accept')).toBe(false);
    expect(isOneOf(PANEL_DECISIONS, 'accepted')).toBe(false);
    expect(isOneOf(PANEL_DECISIONS, '')).toBe(false);
    expect(isOneOf(PANEL_DECISIONS, null)).toBe(false);
    expect(isOneOf(PANEL_DECISIONS, 'toString')).toBe(false);
  });
});
