import { useId, useState, type FormEvent } from 'react';
import { call, errorMessage } from '../../api/client';
import type { ShortlistView } from '../../../shared/shortlist/shortlistSchemas';
import { PANEL_AGENCIES, PANEL_AGENCY_LABELS, PANEL_MAX_MEMBERS, PANEL_MAX_RESERVES, PANEL_MEMBER_NAME_MAX_LENGTH, PANEL_TITLE_MAX_LENGTH, type PanelAgency } from '../../../shared/panel/panelDecisions';
import { isIsoDate } from '../../../shared/domain/isoDate';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatIsoDate } from '../Candidates/candidateLabels';
import { formatCount, plural } from '../../../shared/domain/numberFormat';
import { DateField } from '../../components/DateField';
import { DataTable } from '../../components/DataTable';
import { Options } from '../../components/Options';

interface MemberDraft {
  key: number;
  name: string;
  agency: PanelAgency;
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The four agencies the seed names at the panel, one row each to start with. */
const STARTING_AGENCIES: PanelAgency[] = ['police', 'probation', 'yos', 'council'];

/**
 * Starts a panel session on this shortlist: when it is held, who sits on it for which agency, and
 * how many of the over-capacity people to bring as reserves for places that rejections free up.
 */
export function StartPanelForm({ shortlist, onStarted, onNavigate }: { shortlist: ShortlistView; onStarted(sessionId: number): void; onNavigate(route: string): void }) {
  const id = useId();
  const [title, setTitle] = useState('Partnership cohort selection panel');
  const [heldOn, setHeldOn] = useState(today);
  const [members, setMembers] = useState<MemberDraft[]>(() => STARTING_AGENCIES.map((agency, key) => ({ key, name: '', agency })));
  const [reserves, setReserves] = useState('0');
  const [problem, setProblem] = useState<string | null>(null);
  const [fieldProblems, setFieldProblems] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [nextKey, setNextKey] = useState(STARTING_AGENCIES.length);

  const setMember = (key: number, change: Partial<MemberDraft>) => setMembers(members.map((m) => (m.key === key ? { ...m, ...change } : m)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (title.trim() === '') problems.title = 'Give the session a title.';
    if (!isIsoDate(heldOn)) problems.heldOn = 'A date as dd/mm/yyyy, e.g. 16/12/2013.';
    const named = members.filter((m) => m.name.trim() !== '');
    if (named.length === 0) problems.members = 'Name at least one member (a role will do, e.g. “DS, gangs unit”).';
    const reserveCount = /^\d+$/.test(reserves.trim()) ? Number(reserves.trim()) : NaN;
    if (!Number.isInteger(reserveCount) || reserveCount > PANEL_MAX_RESERVES) problems.reserves = `A whole number from 0 to ${PANEL_MAX_RESERVES}.`;
    setFieldProblems(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setProblem(null);
    try {
      const session = await call('panel.create', {
        shortlistId: shortlist.id,
        heldOn,
        title: title.trim(),
        members: named.map((m) => ({ name: m.name.trim(), agency: m.agency })),
        reserves: Math.min(reserveCount, shortlist.counts.over_capacity),
      });
      onStarted(session.id);
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const describedBy = (name: string) => ({ 'aria-describedby': `${id}-${name}-hint`, 'aria-invalid': fieldProblems[name] ? true : undefined });
  return (
    <section className="panel" aria-labelledby="sl-panel-title">
      <h2 id="sl-panel-title">Panel</h2>
      {shortlist.sessions.length > 0 ? (
        <>
          <p>Sessions held on this shortlist:</p>
          <ul className="plain-list sl-sessions" data-testid="sl-sessions">
            {shortlist.sessions.map((s) => (
              <li key={s.id}>
                <a
                  href={`#/panel/${s.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    onNavigate(`panel/${s.id}`);
                  }}
                >
                  {s.title}
                </a>{' '}
                <span className="muted">
                  {formatIsoDate(s.heldOn)} · {s.status === 'open' ? 'open' : 'closed'}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">No panel has reviewed this shortlist yet. Agencies pre-review the list; the panel then takes each person in turn.</p>
      )}
      {shortlist.counts.included === 0 ? (
        <p className="muted">This shortlist proposes nobody: change the rules or the capacity first.</p>
      ) : (
        <form onSubmit={(e) => void submit(e)} aria-label="Start a panel session" className="sl-start">
          <h3>Start a panel session</h3>
          <div className="sl-start-grid">
            <div className="field">
              <label htmlFor={`${id}-title`}>Title</label>
              <input id={`${id}-title`} type="text" value={title} maxLength={PANEL_TITLE_MAX_LENGTH} onChange={(e) => setTitle(e.target.value)} {...describedBy('title')} />
              <span id={`${id}-title-hint`} className={fieldProblems.title ? 'field-error' : 'field-hint'}>
                {fieldProblems.title ?? 'As it will appear on the session.'}
              </span>
            </div>
            <div className="field">
              <label htmlFor={`${id}-heldOn`}>Held on</label>
              <DateField id={`${id}-heldOn`} value={heldOn} onChange={setHeldOn} {...describedBy('heldOn')} />
              <span id={`${id}-heldOn-hint`} className={fieldProblems.heldOn ? 'field-error' : 'field-hint'}>
                {fieldProblems.heldOn ?? 'The date of the meeting.'}
              </span>
            </div>
            <div className="field">
              <label htmlFor={`${id}-reserves`}>Reserves</label>
              <input id={`${id}-reserves`} type="text" inputMode="numeric" className="input-number" value={reserves} onChange={(e) => setReserves(e.target.value)} {...describedBy('reserves')} />
              <span id={`${id}-reserves-hint`} className={fieldProblems.reserves ? 'field-error' : 'field-hint'}>
                {fieldProblems.reserves ?? `Over-capacity people to consider after the ${formatCount(shortlist.counts.included)} proposed (up to ${formatCount(shortlist.counts.over_capacity)}).`}
              </span>
            </div>
          </div>
          <fieldset className="sl-fieldset sl-members-fieldset" aria-describedby={`${id}-members-hint`}>
            <legend>Members present and their agencies</legend>
            <DataTable columns={['Member (name or role)', 'Agency', { label: 'Remove', hiddenLabel: true }]} className="sl-member-table">
              {members.map((m, i) => (
                <tr key={m.key}>
                  <td>
                    <input type="text" aria-label={`Member ${i + 1} name`} value={m.name} maxLength={PANEL_MEMBER_NAME_MAX_LENGTH} onChange={(e) => setMember(m.key, { name: e.target.value })} />
                  </td>
                  <td>
                    <select aria-label={`Member ${i + 1} agency`} value={m.agency} onChange={(e) => setMember(m.key, { agency: e.target.value as PanelAgency })}>
                      <Options values={PANEL_AGENCIES} label={PANEL_AGENCY_LABELS} />
                    </select>
                  </td>
                  <td>
                    <button type="button" className="button secondary small" onClick={() => setMembers(members.filter((x) => x.key !== m.key))} disabled={members.length === 1}>
                      Remove<span className="visually-hidden"> member {i + 1}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </DataTable>
            <div className="sl-member-actions">
              <button
                type="button"
                className="button secondary small"
                disabled={members.length >= PANEL_MAX_MEMBERS}
                onClick={() => {
                  setMembers([...members, { key: nextKey, name: '', agency: 'other' }]);
                  setNextKey(nextKey + 1);
                }}
              >
                Add a member
              </button>
              <span id={`${id}-members-hint`} className={fieldProblems.members ? 'field-error' : 'field-hint'}>
                {fieldProblems.members ?? 'Rows left blank are not saved.'}
              </span>
            </div>
          </fieldset>
          <ErrorNotice message={problem} title="The session was not started" />
          <div className="form-actions start">
            <button type="submit" className="button primary" disabled={busy}>
              {busy ? 'Starting…' : 'Start the panel session'}
            </button>
            <span className="muted">
              It will walk {plural(shortlist.counts.included, 'proposed person', 'proposed people')} in shortlist order.
            </span>
          </div>
        </form>
      )}
    </section>
  );
}
