import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { call } from '../../api/client';
import { useCall } from '../../api/useCall';
import { NOTE_MAX_LENGTH, type PersonArrest, type PersonProfile } from '../../../shared/shortlist/personSchemas';
import { CRIME_TYPE_LABELS } from '../../../shared/domain/crimeTypes';
import { FLAG_LABELS } from '../../../shared/domain/flags';
import { importKindLabel } from '../../../shared/domain/importKinds';
import { LoadingState } from '../../components/LoadingState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useActions } from '../../components/useSubmit';
import { FlagChip, FlagChips } from '../../components/FlagChips';
import { CRIME_TYPE_COLOURS } from '../../components/crimeTypeColours';
import { rememberedState } from '../Candidates/explorerState';
import { CUSTODY_LABELS, GENDER_LABELS, SHORTLIST_LABELS, displayName, formatDateTime, formatIsoDate } from '../Candidates/candidateLabels';
import { ArrestTimeline } from './ArrestTimeline';
import { personFieldLabel, personFieldValue } from './personFieldLabels';
import { PurgePersonAction } from './PurgePersonAction';
import { formatCount, plural } from '../../../shared/domain/numberFormat';
import { DataTable } from '../../components/DataTable';
import { Stat } from '../../components/Stat';
import { BackLink } from '../../components/BackLink';

/** Newest arrests shown before "Show all": a prolific person can have thousands. */
const ARRESTS_SHOWN = 50;

/**
 * One person's profile: who they are and where each detail came from, which lists they are on (and
 * were on), their arrests over time, the selection result with its reason, notes, and everything
 * still to check (pending link reviews). Counts use the explorer's window, so the two agree.
 */
export function PersonPage({ personId, workspacePath, onNavigate }: { personId: number; workspacePath: string; onNavigate(route: string): void }) {
  const explorer = rememberedState(workspacePath);
  // The explorer's window, so the counts here match the row the analyst opened.
  const explorerWindow = explorer ? { referenceDate: explorer.filter.referenceDate, windowMonths: explorer.filter.windowMonths } : undefined;
  const [profile, reload] = useCall('person.get', explorerWindow ? { personId, window: explorerWindow } : { personId }, [personId]);
  const [settings] = useCall('settings.get', {});
  const headingRef = useRef<HTMLHeadingElement>(null);
  const marking = settings.status === 'ready' ? settings.value.values.protectiveMarking : 'OFFICIAL-SENSITIVE';

  // The page's heading takes the focus on arrival, so a screen reader starts at the person's name.
  const loaded = profile.status === 'ready';
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded, personId]);

  if (!Number.isInteger(personId) || personId <= 0) return <ErrorNotice message="That address does not name a person." title="No such person" />;
  if (profile.status === 'loading') return <LoadingState label="Reading the profile…" />;
  if (profile.status === 'error') {
    return (
      <div className="page">
        <BackLink route="candidates" label="← Back to candidates" onNavigate={onNavigate} />
        <ErrorNotice message={profile.message} title="Could not open this person" />
      </div>
    );
  }
  const p = profile.value;
  const person = p.person;
  const activeFlags = [...new Set(p.flags.filter((f) => f.active).map((f) => f.flag))];

  return (
    <div className="page person-page">
      <BackLink route="candidates" label="← Back to candidates" onNavigate={onNavigate} />
      <header className="page-header person-header">
        <h1 ref={headingRef} tabIndex={-1} data-testid="person-name">
          {displayName(person.surname, person.forenames)}
        </h1>
        <p className="person-facts">
          <span>
            PNC <span className="cand-pnc">{person.pnc ?? 'not known'}</span>
          </span>
          <span>
            Born {formatIsoDate(person.dob)}
            {person.age !== null ? ` (${person.age} on ${formatIsoDate(p.window.referenceDate)})` : ''}
          </span>
          <span>{person.gender && person.gender in GENDER_LABELS ? GENDER_LABELS[person.gender as keyof typeof GENDER_LABELS] : 'Gender not recorded'}</span>
          <span>{person.borough ?? 'Borough not recorded'}</span>
          <span className={`custody custody-${person.custody}`}>{person.custody === 'unknown' ? 'Custody not known' : CUSTODY_LABELS[person.custody]}</span>
          {person.onLongList ? null : <span className="muted">Not on the Potential Candidate List</span>}
        </p>
        <FlagChips flags={activeFlags} emptyLabel="On no agency list" className="person-flags" />
      </header>

      {p.pendingReviews.length > 0 ? (
        <div className="notice notice-warn person-review-notice" data-testid="person-pending-reviews">
          <strong>{plural(p.pendingReviews.length, 'uncertain match', 'uncertain matches')} may belong to this person.</strong>{' '}
          {p.pendingReviews.map((r) => `row ${formatCount(r.rowNumber)} of ${r.fileName} (${Math.round(r.probability * 100)}% likely)`).join('; ')}.{' '}
          <a href="#/links">Review them in Link reviews</a>
        </div>
      ) : null}

      <section className="stat-grid person-stats" aria-label="Arrest counts">
        <Stat label={`Arrests in the window (${p.window.windowMonths} months)`} value={formatCount(p.arrestCounts.inWindow)} testId="person-arrests-window" />
        <Stat label="Last 22 months" value={formatCount(p.arrestCounts.last22)} />
        <Stat label="Last 10 months" value={formatCount(p.arrestCounts.last10)} />
        <Stat label="All arrests recorded" value={formatCount(p.arrestCounts.total)} />
        <Stat label="OGRS score" value={person.ogrsScore === null ? '—' : person.ogrsScore.toLocaleString('en-GB', { maximumFractionDigits: 1 })} />
      </section>

      <div className="person-columns">
        <SelectionPanel profile={p} />
        <NotesPanel personId={person.id} notes={p.notes} onAdded={reload} />
      </div>

      <ArrestTimeline profile={p} marking={marking} />

      <FlagsPanel profile={p} />
      <ArrestsPanel arrests={p.arrests} />
      <FieldsPanel profile={p} />
      <LinkedRecordsPanel profile={p} />
      <PurgePersonAction personId={person.id} arrests={p.arrestCounts.total} notes={p.notes.length} onPurged={() => onNavigate('candidates')} />
    </div>
  );
}

function SelectionPanel({ profile }: { profile: PersonProfile }) {
  const s = profile.selection;
  return (
    <section className="panel person-selection" aria-labelledby="selection-title" data-testid="person-selection">
      <h2 id="selection-title">Selection</h2>
      {s ? (
        <>
          <p>
            <span className={`shortlist-status shortlist-${s.status}`}>{SHORTLIST_LABELS[s.status]}</span>
            {s.position !== null ? <span> · place {formatCount(s.position)} on the shortlist</span> : null}
            {s.rank !== null && s.position === null ? <span> · ranked {formatCount(s.rank)}</span> : null}
          </p>
          <p className="selection-reason">{s.reason}</p>
          {s.rankingFormula ? (
            <p className="working-line small-print" data-testid="person-ranking-formula">
              How the shortlist ranked: <code>{s.rankingFormula}</code>
            </p>
          ) : null}
          <p className="muted">
            Rules “{s.ruleSetName}” (version {s.ruleSetVersion}), shortlist of {formatDateTime(s.shortlistCreatedAt)}; {plural(s.arrestsInWindow, 'arrest')} counted then.
          </p>
        </>
      ) : profile.notInLatestShortlist ? (
        <p className="muted">Not in the latest shortlist: the person was added after it was made, or is not on the long list. Run the selection rules again to include them.</p>
      ) : (
        <p className="muted">No shortlist has been made yet.</p>
      )}
    </section>
  );
}

function NotesPanel({ personId, notes, onAdded }: { personId: number; notes: PersonProfile['notes']; onAdded(): void }) {
  const id = useId();
  const [text, setText] = useState('');
  const { busy, error: problem, submitWithText } = useActions();
  const [status, setStatus] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    await submitWithText(event, text, 'Write the note first.', async () => {
      await call('person.addNote', { personId, text });
      setText('');
      setStatus('Note added.');
      onAdded();
    });
  }

  return (
    <section className="panel person-notes" aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      <form onSubmit={(e) => void submit(e)} className="note-form">
        <label htmlFor={id}>Add a note</label>
        <textarea
          id={id}
          value={text}
          rows={3}
          maxLength={NOTE_MAX_LENGTH}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
          onKeyDown={(e) => {
            // Ctrl+Enter adds the note without leaving the keyboard.
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
          }}
        />
        <div id={`${id}-hint`} className="field-hint">
          Kept in the encrypted workspace with your name and the time. Ctrl+Enter adds it.
        </div>
        {problem ? (
          <div id={`${id}-problem`} className="field-error">
            {problem}
          </div>
        ) : null}
        <div className="note-actions">
          <span role="status" aria-live="polite" className="muted">
            {status}
          </span>
          <button type="submit" className="button primary small" disabled={busy}>
            Add note
          </button>
        </div>
      </form>
      {notes.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ol className="note-list" aria-label="Notes, newest first" data-testid="person-notes">
          {notes.map((n) => (
            <li key={n.id}>
              <p className="note-text">{n.text}</p>
              <p className="note-meta muted">
                {n.author} · {formatDateTime(n.createdAt)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function FlagsPanel({ profile }: { profile: PersonProfile }) {
  return (
    <section className="panel" aria-labelledby="flags-title">
      <h2 id="flags-title">Agency lists</h2>
      {profile.flags.length === 0 ? (
        <p className="muted">This person is on no agency list.</p>
      ) : (
        <DataTable columns={['List', 'Status', 'From', 'Imported', { label: 'Score', numeric: true }]} caption="Agency lists this person is or was on, with the list file and row" scroll data-testid="person-flags">
          {profile.flags.map((f) => (
            <tr key={`${f.flag}-${f.importId}-${f.rowNumber}`} className={f.active ? undefined : 'row-superseded'}>
              <td>
                <FlagChip flag={f.flag} muted={!f.active} /> <span className="flag-full-label">{FLAG_LABELS[f.flag]}</span>
              </td>
              <td>{f.active ? 'Current' : f.supersededBy ? `Replaced by ${f.supersededBy.fileName} (${formatDateTime(f.supersededBy.importedAt)})` : 'No longer current'}</td>
              <td>
                <span className="file-name">{f.fileName}</span> · row {formatCount(f.rowNumber)}
                <span className="muted"> · {importKindLabel(f.kind)}</span>
              </td>
              <td className="nowrap">{formatDateTime(f.importedAt)}</td>
              <td className="num">{f.score ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function ArrestsPanel({ arrests }: { arrests: readonly PersonArrest[] }) {
  const [showAll, setShowAll] = useState(false);
  const newestFirst = [...arrests].reverse();
  const shown = showAll ? newestFirst : newestFirst.slice(0, ARRESTS_SHOWN);
  return (
    <section className="panel" aria-labelledby="arrests-title">
      <h2 id="arrests-title">Arrests</h2>
      {arrests.length === 0 ? (
        <p className="muted">No arrests are recorded for this person.</p>
      ) : (
        <>
          <DataTable columns={['Date', 'Offence as listed', 'Crime type', 'Counted', 'From']} caption="Arrests, newest first, with how each offence was classified and where it came from" className="person-arrests" scroll data-testid="person-arrests">
            {shown.map((a) => (
              <tr key={a.id} className={a.inWindow ? undefined : 'row-outside'}>
                <td className="nowrap">{formatIsoDate(a.date)}</td>
                <td>{a.offence}</td>
                <td className="nowrap">
                  <span className="swatch" style={{ background: CRIME_TYPE_COLOURS[a.crimeType] }} aria-hidden="true" /> {CRIME_TYPE_LABELS[a.crimeType]}
                </td>
                <td>{a.inWindow ? 'In window' : <span className="muted">Outside window</span>}</td>
                <td>
                  <span className="file-name">{a.source.fileName}</span> · row {formatCount(a.source.rowNumber)}
                </td>
              </tr>
            ))}
          </DataTable>
          {arrests.length > ARRESTS_SHOWN ? (
            <button type="button" className="button secondary small" onClick={() => setShowAll(!showAll)} aria-expanded={showAll}>
              {showAll ? `Show the newest ${ARRESTS_SHOWN}` : `Show all ${formatCount(arrests.length)} arrests`}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

function FieldsPanel({ profile }: { profile: PersonProfile }) {
  return (
    <section className="panel" aria-labelledby="fields-title">
      <h2 id="fields-title">Details and where they came from</h2>
      <DataTable columns={['Detail', 'Value', 'From (list · row)']} caption="Each detail held on this person, with every list and row that gave it" className="person-fields" scroll data-testid="person-fields">
        {profile.fields.map((f) => (
          <tr key={f.field}>
            <th scope="row">{personFieldLabel(f.field)}</th>
            <td>{personFieldValue(f.field, f.value, formatIsoDate) ?? <span className="muted">—</span>}</td>
            <td>
              <ul className="plain-list source-list">
                {f.sources.map((s) => (
                  <li key={`${s.importId}-${s.rowNumber}`}>
                    <span className="file-name">{s.fileName}</span> · row {formatCount(s.rowNumber)}
                    {s.value !== f.value ? <span className="muted"> · gave “{personFieldValue(f.field, s.value, formatIsoDate) ?? ''}”</span> : null}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

function LinkedRecordsPanel({ profile }: { profile: PersonProfile }) {
  const gaveLabels = { details: 'details', flags: 'list membership', arrests: 'arrests' } as const;
  return (
    <section className="panel" aria-labelledby="linked-title">
      <h2 id="linked-title">Linked records</h2>
      <p className="muted">Every imported file and row that was matched to this person.</p>
      <DataTable columns={['File', 'Kind', 'Imported', 'Rows', 'Gave']} caption="Imports and rows matched to this person" scroll data-testid="person-linked-records">
        {profile.linkedRecords.map((r) => (
          <tr key={r.importId}>
            <td>
              <span className="file-name">{r.fileName}</span>
            </td>
            <td>{importKindLabel(r.kind)}</td>
            <td className="nowrap">{formatDateTime(r.importedAt)}</td>
            <td>{r.rows.length > 12 ? `${r.rows.slice(0, 12).map(formatCount).join(', ')} and ${formatCount(r.rows.length - 12)} more` : r.rows.map(formatCount).join(', ')}</td>
            <td>{r.gave.map((g) => gaveLabels[g]).join(', ')}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
