import type { ImportRemoval } from '../../../shared/import/importSchemas';
import { describeRemoval } from '../../../shared/import/importRemoval';
import { formatCount } from '../../../shared/domain/numberFormat';
import { FLAG_SHORT_LABELS, isFlagName } from '../../../shared/domain/flags';
import { DataTable } from '../../components/DataTable';

function flagLabel(flag: string): string {
  return isFlagName(flag) ? FLAG_SHORT_LABELS[flag] : flag;
}

/** What undoing (or replacing) an import takes away: the counts, each flag's change, and who goes. */
export function ImportRemovalSummary({ removal }: { removal: ImportRemoval }) {
  const [first, ...rest] = describeRemoval(removal);
  const flagLines = rest.filter((line) => line.startsWith('  '));
  const otherLines = rest.filter((line) => !line.startsWith('  '));
  return (
    <div className="import-removal" data-testid="import-removal">
      <p>{first}</p>
      {otherLines.length ? (
        <ul>
          {otherLines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {flagLines.length ? (
        <DataTable columns={['Flag', { label: 'Now', numeric: true }, { label: 'After', numeric: true }]} caption="People holding each flag" captionShown>
          {removal.flagChanges.map((change) => (
            <tr key={change.flag}>
              <td>{flagLabel(change.flag)}</td>
              <td className="num">{formatCount(change.before)}</td>
              <td className="num">{formatCount(change.after)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {removal.peopleRemovedSample.length ? (
        <details>
          <summary>
            The {formatCount(removal.peopleRemoved)} {removal.peopleRemoved === 1 ? 'person' : 'people'} removed
          </summary>
          <ul className="import-removal-people">
            {removal.peopleRemovedSample.map((p) => (
              <li key={p.personId}>
                {p.name}
                {p.pnc ? <span className="muted"> · {p.pnc}</span> : null}
              </li>
            ))}
            {removal.peopleRemoved > removal.peopleRemovedSample.length ? <li className="muted">and {formatCount(removal.peopleRemoved - removal.peopleRemovedSample.length)} more</li> : null}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
