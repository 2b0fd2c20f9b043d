import { useId } from 'react';
import type { AuditFacets } from '../../../shared/audit/auditSchemas';
import { auditActionLabel, auditEntityLabel, auditGroupLabel, auditGroupOf } from '../../../shared/audit/auditTrail';
import { formatCount } from '../../../shared/domain/numberFormat';
import { DateField } from '../../components/DateField';
import { Options } from '../../components/Options';
import { problemLink } from '../../components/FieldProblem';

/** What the analyst has chosen, as typed (dates as yyyy-mm-dd); the page turns it into a call filter. */
export interface AuditFilterDraft {
  action: string;
  actor: string;
  entity: string;
  entityId: string;
  fromDate: string;
  toDate: string;
}

export const EMPTY_FILTER_DRAFT: AuditFilterDraft = { action: '', actor: '', entity: '', entityId: '', fromDate: '', toDate: '' };

export function isDraftEmpty(draft: AuditFilterDraft): boolean {
  return Object.values(draft).every((v) => v === '');
}

interface ActionGroup {
  group: string;
  count: number;
  actions: Array<{ action: string; count: number }>;
}

function groupActions(actions: AuditFacets['actions']): ActionGroup[] {
  const groups = new Map<string, ActionGroup>();
  for (const a of actions) {
    const group = auditGroupOf(a.action);
    const entry = groups.get(group) ?? { group, count: 0, actions: [] };
    entry.count += a.count;
    entry.actions.push(a);
    groups.set(group, entry);
  }
  return [...groups.values()].sort((a, b) => auditGroupLabel(a.group).localeCompare(auditGroupLabel(b.group)));
}

/**
 * The filter form. Lists offer only what the trail holds (from `audit.facets`); an action group
 * ("Exports, all") matches every action under it.
 */
export function AuditFilters({ facets, draft, dateError, onChange, onClear }: { facets: AuditFacets; draft: AuditFilterDraft; dateError: string | null; onChange(draft: AuditFilterDraft): void; onClear(): void }) {
  const id = useId();
  const groups = groupActions(facets.actions);
  const set = (patch: Partial<AuditFilterDraft>) => onChange({ ...draft, ...patch });
  return (
    <form className="audit-filters" aria-label="Filter the audit trail" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor={`${id}-action`}>Action</label>
        <select id={`${id}-action`} value={draft.action} onChange={(e) => set({ action: e.target.value })}>
          <option value="">All actions ({formatCount(facets.total)})</option>
          {groups.map((g) => (
            <optgroup key={g.group} label={auditGroupLabel(g.group)}>
              {g.actions.length > 1 || g.actions[0]?.action !== g.group ? (
                <option value={g.group}>
                  {auditGroupLabel(g.group)}, all ({formatCount(g.count)})
                </option>
              ) : null}
              {g.actions.map((a) => (
                <option key={a.action} value={a.action}>
                  {auditActionLabel(a.action)} ({formatCount(a.count)})
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-actor`}>Who</label>
        <select id={`${id}-actor`} value={draft.actor} onChange={(e) => set({ actor: e.target.value })}>
          <option value="">Anyone</option>
          <Options values={facets.actors} />
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-entity`}>About</label>
        <select id={`${id}-entity`} value={draft.entity} onChange={(e) => set({ entity: e.target.value })}>
          <option value="">Any record</option>
          <Options values={facets.entities} label={auditEntityLabel} />
        </select>
      </div>
      <div className="field audit-filter-id">
        <label htmlFor={`${id}-entity-id`}>Record id</label>
        <input id={`${id}-entity-id`} type="text" inputMode="numeric" maxLength={60} title="For example a person's internal id" value={draft.entityId} onChange={(e) => set({ entityId: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <DateField id={`${id}-from`} value={draft.fromDate} {...problemLink(`${id}-date-error`, dateError)} onChange={(fromDate) => set({ fromDate })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>To (inclusive)</label>
        <DateField id={`${id}-to`} value={draft.toDate} {...problemLink(`${id}-date-error`, dateError)} onChange={(toDate) => set({ toDate })} />
      </div>
      <div className="audit-filter-actions">
        <button type="button" className="button secondary" onClick={onClear} disabled={isDraftEmpty(draft)}>
          Clear filters
        </button>
      </div>
      {dateError ? (
        <div id={`${id}-date-error`} className="field-error audit-filter-error">
          {dateError}
        </div>
      ) : null}
    </form>
  );
}
