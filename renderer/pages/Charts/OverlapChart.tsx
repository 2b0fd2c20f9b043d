import type { FilterResult } from '../../../shared/shortlist/filterModel';
import { PRIORITY_OVERLAP_FLAGS } from '../../../shared/shortlist/filterModel';
import { FLAG_SHORT_LABELS } from '../../../shared/domain/flags';
import { HorizontalBars } from '../../components/charts/DescribedChart';
import { ChartPanel } from '../../components/charts/ChartPanel';
import { CHART_COLOURS } from '../../components/charts/chartSetup';
import { formatCount } from '../../../shared/domain/numberFormat';
import { chartStateOf, type AsyncState } from '../../components/charts/useAsync';

/**
 * Who is on several priority lists (004's groups: DTOA, gangs high and mid-low, repeat women,
 * mandatory OGRS): one bar per combination actually held, so double counting is visible before a
 * rule set takes "all DTOA, all gangs …".
 */
export function OverlapChart({ state, marking, fileDate }: { state: AsyncState<FilterResult>; marking: string; fileDate: string }) {
  const result = state.status === 'ready' ? state.value : null;
  const counts = result?.counts;
  const bars = counts ? [...counts.overlaps.map((o) => ({ label: o.flags.map((f) => FLAG_SHORT_LABELS[f]).join(' + '), count: o.count, groups: o.flags.length })), { label: 'None of these lists', count: counts.inNoPriorityGroup, groups: 0 }] : [];
  const inSeveral = counts ? counts.overlaps.filter((o) => o.flags.length > 1).reduce((s, o) => s + o.count, 0) : 0;
  const inAny = counts ? counts.total - counts.inNoPriorityGroup : 0;
  return (
    <ChartPanel
      title="Priority groups and their overlaps"
      description={`People on the long list by the combination of priority lists they are on (${PRIORITY_OVERLAP_FLAGS.map((f) => FLAG_SHORT_LABELS[f]).join(', ')}).`}
      fileStem={`priority group overlaps ${fileDate}`}
      marking={marking}
      state={chartStateOf(state, (r) => (r.counts.total === 0 ? 'No one on the long list yet.' : null))}
      testId="chart-overlaps"
      tall
      csv={counts ? { header: ['lists', 'number of lists', 'people'], rows: bars.map((b) => [b.label, b.groups, b.count]) } : null}
      summary={
        counts ? (
          <p>
            Of {formatCount(counts.total)} people on the long list, {formatCount(inAny)} are on at least one priority list and {formatCount(inSeveral)} on two or more.{' '}
            {PRIORITY_OVERLAP_FLAGS.map((f) => `${FLAG_SHORT_LABELS[f]}: ${formatCount(counts.perFlag[f])}`).join('; ')}.{' '}
            {counts.overlaps
              .filter((o) => o.flags.length > 1)
              .map((o) => `${o.flags.map((f) => FLAG_SHORT_LABELS[f]).join(' and ')}: ${formatCount(o.count)}`)
              .join('; ')}
          </p>
        ) : null
      }
    >
      {(summaryId) => (
        <HorizontalBars
          label="People by combination of priority lists"
          summaryId={summaryId}
          series="People"
          // Combinations of two or more lists stand out in a second colour (and are listed in the summary).
          bars={bars.map((b) => ({ name: b.label, value: b.count, colour: b.groups > 1 ? CHART_COLOURS.vermillion : b.groups === 0 ? CHART_COLOURS.grey : CHART_COLOURS.blue }))}
          countTitle="People"
          wholeNumbers
        />
      )}
    </ChartPanel>
  );
}
