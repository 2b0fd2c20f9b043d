import { useCall } from '../../api/useCall';
import { FLAG_LABELS, FLAG_NAMES } from '../../../shared/domain/flags';
import { LoadingState } from '../../components/LoadingState';
import { ErrorNotice } from '../../components/ErrorNotice';

function formatCount(value: number): string {
  return value.toLocaleString('en-GB');
}

export function HomePage() {
  const [summary] = useCall('workspace.summary', {});
  if (summary.status === 'loading') return <LoadingState label="Reading the workspace…" />;
  if (summary.status === 'error') return <ErrorNotice message={summary.message} title="Could not read the workspace" />;
  const s = summary.value;
  const empty = s.people === 0 && s.imports === 0;
  return (
    <div className="page">
      <header className="page-header">
        <h1>{s.name}</h1>
        <p className="muted">
          Encrypted workspace · schema version <span data-testid="schema-version">{s.schemaVersion}</span> · <span className="path">{s.path}</span>
        </p>
      </header>
      <section aria-label="Workspace counts" className="stat-grid">
        <Stat label="People" value={s.people} testId="count-people" />
        <Stat label="Arrests" value={s.arrests} testId="count-arrests" />
        <Stat label="Imports" value={s.imports} testId="count-imports" />
        <Stat label="Link reviews pending" value={s.pendingLinkReviews} testId="count-link-reviews" />
      </section>
      {empty ? (
        <section className="panel empty-state" aria-label="Getting started">
          <h2>Nothing imported yet</h2>
          <p>Import the Potential Candidate List first, then the agency lists (DTOA, gangs matrix, repeat DV, repeat female, ASB, YOS, OGRS) and the PINS custody results.</p>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="flags-title">
        <h2 id="flags-title">People on each agency list</h2>
        <table className="table compact">
          <thead>
            <tr>
              <th scope="col">List</th>
              <th scope="col" className="num">People</th>
            </tr>
          </thead>
          <tbody>
            {FLAG_NAMES.map((flag) => (
              <tr key={flag}>
                <td>{FLAG_LABELS[flag]}</td>
                <td className="num" data-testid={`flag-${flag}`}>{formatCount(s.flags[flag])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="stat">
      <div className="stat-value" data-testid={testId}>{formatCount(value)}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}
