import { useId, useMemo, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import type { OffenceSummaryRow } from '../../../shared/analysis/classification';
import { CRIME_TYPE_IDS, CRIME_TYPE_LABELS, type CrimeTypeId } from '../../../shared/domain/crimeTypes';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LoadingState } from '../../components/LoadingState';
import { formatCount } from '../../../shared/domain/numberFormat';
import { DataTable } from '../../components/DataTable';
import { Options } from '../../components/Options';

function howAssigned(row: OffenceSummaryRow): { text: string; kind: 'none' | 'override' | 'rule' } {
  if (row.matchedBy === 'none') return { text: 'Not classified', kind: 'none' };
  if (row.matchedBy === 'override') return { text: 'Your choice', kind: 'override' };
  return { text: 'Keyword rule', kind: 'rule' };
}

/**
 * Every offence description in the arrests, with how many arrests use it and the crime type it
 * counts as; unclassified ones first (they fall into "Other" until someone decides). Choosing a
 * type stores an override for that description; "Use the rules" removes it.
 */
export function ClassificationSection() {
  const searchId = useId();
  const [offences, , replaceRows] = useCall('classification.offences', {});
  const rows = offences.status === 'ready' ? offences.value : null;
  const loadError = offences.status === 'error' ? offences.message : null;
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busyRow, setBusyRow] = useState<string | null>(null);
  const [search, setSearch] = useState('');

  async function setOverride(description: string, crimeType: CrimeTypeId | null) {
    setBusyRow(description);
    setError(null);
    try {
      await call('classification.setOverride', { description, crimeType });
      const fresh = await call('classification.offences', {});
      const byDescription = new Map(fresh.map((r) => [r.description, r]));
      // Rows keep their place until the screen is opened again, so the focus does not jump away.
      replaceRows((previous) => (previous ?? fresh).map((r) => byDescription.get(r.description) ?? r));
      setStatus(crimeType === null ? `“${description}” follows the keyword rules again.` : `“${description}” now counts as ${CRIME_TYPE_LABELS[crimeType]}.`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyRow(null);
    }
  }

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    return (rows ?? []).filter((r) => !q || r.description.toLowerCase().includes(q) || CRIME_TYPE_LABELS[r.crimeType].toLowerCase().includes(q));
  }, [rows, search]);
  const unclassified = rows?.filter((r) => r.matchedBy === 'none').length ?? 0;

  return (
    <section className="panel settings-section" aria-labelledby="settings-classification-title" id="settings-classification">
      <div className="settings-section-header">
        <h2 id="settings-classification-title" tabIndex={-1}>
          Offence classification
        </h2>
        {rows ? (
          <span className={unclassified ? 'pill pill-warn' : 'pill pill-info'} data-testid="unclassified-count">
            {unclassified ? `${formatCount(unclassified)} not classified` : 'All classified'}
          </span>
        ) : null}
      </div>
      <p className="muted">Each offence description counts as one crime type, by keyword rules unless you choose otherwise here. Projections, charts and selection rules use these types at once.</p>
      {loadError ? <ErrorNotice message={loadError} title="Could not read the offences" /> : null}
      {!rows && !loadError ? <LoadingState label="Reading the offence descriptions…" /> : null}
      {rows && rows.length === 0 ? <p className="muted">No arrests imported yet.</p> : null}
      {rows && rows.length > 0 ? (
        <>
          <div className="field search-field">
            <label htmlFor={searchId}>Find an offence or crime type</label>
            <input id={searchId} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
          <ErrorNotice message={error} title="Not changed" />
          <DataTable columns={['Offence description', { label: 'Arrests', numeric: true }, 'Counts as', 'How', { label: 'Actions', hiddenLabel: true }]} caption="Offence descriptions and their crime types, unclassified first" className="classification-table" scroll="classification-scroll">
            {shown.map((row) => {
              const how = howAssigned(row);
              return (
                <tr key={row.description} className={how.kind === 'none' ? 'unclassified' : undefined}>
                  <th scope="row" className="offence-description">
                    {row.description}
                  </th>
                  <td className="num">{formatCount(row.count)}</td>
                  <td>
                    <select aria-label={`Crime type for “${row.description}”`} value={row.crimeType} disabled={busyRow === row.description} onChange={(e) => void setOverride(row.description, e.target.value as CrimeTypeId)}>
                      <Options values={CRIME_TYPE_IDS} label={CRIME_TYPE_LABELS} />
                    </select>
                  </td>
                  <td>
                    <span className={`how how-${how.kind}`} title={row.explanation}>
                      {how.text}
                    </span>
                  </td>
                  <td>
                    {how.kind === 'override' ? (
                      <button type="button" className="link-button" disabled={busyRow === row.description} onClick={() => void setOverride(row.description, null)} aria-label={`Use the keyword rules for “${row.description}”`}>
                        Use the rules
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </DataTable>
          <p className="muted">
            Showing {formatCount(shown.length)} of {formatCount(rows.length)} descriptions.
          </p>
        </>
      ) : null}
      <p className="settings-status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
