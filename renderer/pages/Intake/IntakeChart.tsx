import { Chart as ChartComponent } from 'react-chartjs-2';
import type { ChartData } from 'chart.js';
import type { IntakePlan } from '../../../shared/intake/intakePlan';
import { ChartPanel, type ChartState } from '../../components/charts/ChartPanel';
import { CHART_COLOURS, fillOf, patternFill, whiteBackground } from '../../components/charts/chartSetup';
import { formatCount } from '../../../shared/domain/numberFormat';

/**
 * The caseload per month against capacity: each month's bar is the caseload carried in from
 * before plus that month's new starts, split statutory / non-statutory / unknown (solid, striped,
 * dotted, so the split reads without colour), with the capacity as a dashed line over it.
 */
export function IntakeChart({ plan, marking, state }: { plan: IntakePlan | null; marking: string; state: ChartState }) {
  const months = plan?.months ?? [];
  const labels = months.map((m) => m.label);
  const data: ChartData<'bar' | 'line', number[], string> = {
    labels,
    datasets: [
      { type: 'bar', label: 'Caseload before the month', data: months.map((m) => m.caseloadAtStart), backgroundColor: fillOf(CHART_COLOURS.grey, 0.35), borderColor: CHART_COLOURS.grey, borderWidth: 1, stack: 'caseload' },
      { type: 'bar', label: 'New statutory', data: months.map((m) => m.statutory), backgroundColor: patternFill(CHART_COLOURS.blue, 'solid'), borderColor: CHART_COLOURS.blue, borderWidth: 1, stack: 'caseload' },
      { type: 'bar', label: 'New non-statutory', data: months.map((m) => m.nonStatutory), backgroundColor: patternFill(CHART_COLOURS.vermillion, 'stripes'), borderColor: CHART_COLOURS.vermillion, borderWidth: 1, stack: 'caseload' },
      { type: 'bar', label: 'New, status unknown', data: months.map((m) => m.unknownStatutory), backgroundColor: patternFill(CHART_COLOURS.purple, 'dots'), borderColor: CHART_COLOURS.purple, borderWidth: 1, stack: 'caseload' },
      {
        type: 'line',
        label: 'Capacity',
        data: months.map((m) => m.capacity),
        borderColor: CHART_COLOURS.green,
        backgroundColor: CHART_COLOURS.green,
        borderDash: [6, 4],
        borderWidth: 2.5,
        pointStyle: 'rectRot',
        pointRadius: 5,
        stepped: 'middle',
        stack: 'capacity',
      },
    ],
  };
  const csv = plan
    ? {
        header: ['month', 'caseload before the month', 'new statutory', 'new non-statutory', 'new status unknown', 'caseload at end', 'capacity', 'capacity limited by', 'left by then', 'of whom recorded'],
        rows: months.map((m) => [m.label, m.caseloadAtStart, m.statutory, m.nonStatutory, m.unknownStatutory, m.caseloadAtEnd, m.capacity, m.constrainedBy ?? '', m.exitsSoFar + m.startersLeftSoFar, m.recordedExitsSoFar + m.startersLeftSoFar]),
      }
    : null;
  const first = months[0];
  const last = months[months.length - 1];
  return (
    <ChartPanel
      title="Caseload per month against capacity"
      description="Caseload at the end of each month: carried in (less those who left, expected or recorded on the Tracking screen), plus the month’s new starts by statutory status; the dashed line is what the team can hold."
      fileStem={first && last ? `intake caseload ${first.month} to ${last.month}` : 'intake caseload'}
      marking={marking}
      state={state}
      testId="chart-intake"
      wide
      csv={csv}
      summary={
        <p>
          {months
            .map((m) => `${m.label}: ${formatCount(m.starts)} start (${m.statutory} statutory, ${m.nonStatutory} non-statutory${m.unknownStatutory ? `, ${m.unknownStatutory} unknown` : ''}), caseload ${formatCount(m.caseloadAtEnd)} of ${formatCount(m.capacity)}${m.constrainedBy ? ` (limited by ${m.constrainedBy})` : ''}`)
            .join('; ')}
          .
        </p>
      }
    >
      {(summaryId) => (
        <ChartComponent
          type="bar"
          role="img"
          aria-label="Caseload per month against capacity"
          aria-describedby={summaryId}
          plugins={[whiteBackground]}
          data={data}
          options={{
            maintainAspectRatio: false,
            plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
            scales: {
              x: { stacked: true, ticks: { maxRotation: 0 } },
              y: { stacked: true, beginAtZero: true, title: { display: true, text: 'Clients' }, ticks: { precision: 0 } },
            },
          }}
        />
      )}
    </ChartPanel>
  );
}
