import type { AgencySplit } from '../../../shared/analysis/statutoryGroups';
import type { GroupSplit } from '../../../shared/analysis/statutoryProjection';
import { formatCount, formatMoney, formatNumber, formatPercent } from '../../../shared/domain/numberFormat';
import { WorkingFigure } from '../../components/charts/WorkingFigure';
import { DataTable } from '../../components/DataTable';

/** The projection per statutory group at each group's rate, the groups combined, and the statutory share checked. */
export function GroupSplitTable({ split }: { split: GroupSplit }) {
  const crimeTypes = split.combined;
  return (
    <div className="group-split" data-testid="group-split">
      <h3>By statutory status</h3>
      <p className={`notice ${split.statutoryShare.inBand === false ? 'notice-warn' : 'notice-info'}`} data-testid="statutory-share">
        {split.statutoryShare.text}
      </p>
      <div className="table-scroll">
        <table className="table compact">
          <caption className="visually-hidden">Fewer offences a year per statutory group, each at its own reduction rate</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col" className="num">People</th>
              <th scope="col" className="num">Reduction</th>
              {crimeTypes.map((c) => (
                <th key={c.crimeType} scope="col" className="num">
                  {c.label}: fewer a year
                </th>
              ))}
              <th scope="col" className="num">Cost avoided a year</th>
            </tr>
          </thead>
          <tbody>
            {split.groups.map((g) => (
              <tr key={g.group} data-testid={`group-${g.group}`}>
                <th scope="row">{g.label}</th>
                <td className="num">{formatCount(g.people)}</td>
                <td className="num">
                  <WorkingFigure working={g.rateWorking}>{formatPercent(g.reductionRate, 2)}</WorkingFigure>
                </td>
                {crimeTypes.map((c) => {
                  const row = g.rows.find((r) => r.crimeType === c.crimeType);
                  return (
                    <td key={c.crimeType} className="num">
                      {row ? <WorkingFigure working={row.working} testId={`group-${g.group}-${c.crimeType}`}>{formatNumber(row.reductionPerYear)}</WorkingFigure> : '—'}
                    </td>
                  );
                })}
                <td className="num">{g.totalCostSavingPerYear === null ? '—' : formatMoney(g.totalCostSavingPerYear)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                All groups
              </th>
              {crimeTypes.map((c) => (
                <td key={c.crimeType} className="num emphasis">
                  <WorkingFigure working={c.working} testId={`group-combined-${c.crimeType}`}>{formatNumber(c.reductionPerYear)}</WorkingFigure>
                </td>
              ))}
              <td className="num emphasis">
                {split.combinedCostSavingPerYear ? <WorkingFigure working={split.combinedCostSavingPerYear.working} testId="group-combined-cost">{formatMoney(split.combinedCostSavingPerYear.value)}</WorkingFigure> : '—'}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="muted small-print">Group rates: {split.source}.</p>
    </div>
  );
}

/** The cost saving shared among the agencies, each share with its working and the source. */
export function AgencySplitTable({ split }: { split: AgencySplit }) {
  return (
    <div className="agency-split" data-testid="agency-split">
      <h3>Cost of crime avoided by agency</h3>
      <DataTable columns={['Agency', { label: 'Share', numeric: true }, { label: 'Saving a year', numeric: true }]} caption="Cost of crime avoided a year, by agency">
        {split.rows.map((r) => (
          <tr key={r.agency}>
            <th scope="row">{r.agency}</th>
            <td className="num">{formatPercent(r.share, 2)}</td>
            <td className="num">
              <WorkingFigure working={r.working} testId={`agency-${r.agency}`}>{formatMoney(r.saving)}</WorkingFigure>
            </td>
          </tr>
        ))}
      </DataTable>
      <p className="muted small-print">Shares: {split.source}.</p>
    </div>
  );
}
