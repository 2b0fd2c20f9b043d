import { useEffect, useState } from 'react';
import { call } from '../api/client';

export interface IntakeTranche {
  month: string;
  label: string;
  starts: number;
}

/**
 * The months of the accepted cohort's intake plan (saved or default parameters), so a projection or
 * report can be made for one tranche. Empty before any panel; a failure only loses the choice.
 */
export function useIntakeTranches(): IntakeTranche[] {
  const [tranches, setTranches] = useState<IntakeTranche[]>([]);
  useEffect(() => {
    let live = true;
    call('intake.plan', {}).then(
      (view) => live && setTranches((view.report?.plan.months ?? []).filter((m) => m.starts > 0).map((m) => ({ month: m.month, label: m.label, starts: m.starts }))),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return tranches;
}
