import type { ReactNode } from 'react';

/** One headline figure with what it counts under it, as the stat grids of Home, a person, the panel and the intake plan show them. */
export function Stat({ value, label, testId, labelTestId, warn }: { value: ReactNode; label: ReactNode; testId?: string; labelTestId?: string; warn?: boolean }) {
  return (
    <div className={warn ? 'stat stat-warn' : 'stat'}>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      <div className="stat-label" data-testid={labelTestId}>
        {label}
      </div>
    </div>
  );
}
