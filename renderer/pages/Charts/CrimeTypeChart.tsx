import type { ProjectionResult, Scenario } from '../../../shared/analysis/projection';
import { CRIME_TYPE_IDS, CRIME_TYPE_LABELS } from '../../../shared/domain/crimeTypes';
import { HorizontalBars } from '../../components/charts/DescribedChart';
import { ChartPanel } from '../../components/charts/ChartPanel';
import { CHART_COLOURS } from '../../components/charts/chartSetup';
import { formatCount, formatPercent } from '../../../shared/domain/numberFormat';
import { chartStateOf, type AsyncState } from '../../components/charts/useAsync';

/**
 * A scenario that only counts: every crime type with one offence per arrest, so the projection's
 * arrest counts per type (the same counting as the projection table) can be charted.
 */
export function countingScenario(referenceDate: string, windowMonths: number): Scenario {
  return {
    name: 'Arrests by crime type',
    referenceDate,
    windowMonths,
    reductionRate: 0,
    crimeTypes: [{ id: 'all', label: CRIME_TYPE_LABELS.all, allegationsPerArrest: 1 }, ...CRIME_TYPE_IDS.map((id) => ({ id, label: CRIME_TYPE_LABELS[id], allegationsPerArrest: 1 }))],
  };
}

export function CrimeTypeChart({ state, marking, peopleLabel, windowText, fileDate }: { state: AsyncState<ProjectionResult>; marking: string; peopleLabel: string; windowText: string; fileDate: string }) {
  const result = state.status === 'ready' ? state.value : null;
  const total = result?.rows.find((r) => r.crimeType === 'all')?.arrests ?? 0;
  const rows = (result?.rows.filter((r) => r.crimeType !== 'all') ?? []).sort((a, b) => b.arrests - a.arrests);
  return (
    <ChartPanel
      title="Arrests by crime type"
      description={`Arrests of ${peopleLabel} in ${windowText}, by the crime type each offence is classified as (Settings → Offence classification).`}
      fileStem={`arrests by crime type ${fileDate}`}
      marking={marking}
      state={chartStateOf(state, () => (total === 0 ? 'No arrests in this window for these people.' : null))}
      testId="chart-crime-types"
      csv={result ? { header: ['crime type', 'arrests', 'share of all arrests'], rows: rows.map((r) => [r.label, r.arrests, total ? r.arrests / total : null]) } : null}
      summary={
        <p>
          {formatCount(total)} arrests in all.{' '}
          {rows
            .filter((r) => r.arrests > 0)
            .map((r) => `${r.label}: ${formatCount(r.arrests)} (${formatPercent(r.arrests / total)})`)
            .join('; ')}
          .
        </p>
      }
    >
      {(summaryId) => (
        <HorizontalBars
          label="Arrests by crime type"
          summaryId={summaryId}
          series="Arrests"
          bars={rows.map((r) => ({ name: r.label, value: r.arrests, colour: CHART_COLOURS.green }))}
          countTitle="Arrests in window"
          tooltipLabel={(item) => `${formatCount(item.parsed.x ?? 0)} arrests (${formatPercent((item.parsed.x ?? 0) / (total || 1))})`}
        />
      )}
    </ChartPanel>
  );
}
