import { useEffect, useMemo, useState } from 'react';
import type { FilterInput } from '../../../shared/shortlist/filterModel';
import { useHashRoute } from '../../useHashRoute';
import { useIntakeTranches, type IntakeTranche } from '../../components/useIntakeTranches';
import { EMPTY_FLAGS_FILTER, describeFlagsFilter, filterFromRoute, POPULATION_LABELS, type FlagsFilterValue, type PopulationChoice } from './population';

/** The people the Projection screen is about, as the analyst has chosen them in its PopulationPicker. */
export interface PopulationChoiceState {
  choice: PopulationChoice;
  setChoice(choice: PopulationChoice): void;
  flags: FlagsFilterValue;
  setFlags(value: FlagsFilterValue): void;
  /** The filter passed in the screen's address, until the analyst sets it aside. */
  routeFilter: FilterInput | null;
  clearRouteFilter(): void;
  tranches: readonly IntakeTranche[];
  /** The chosen tranche's month; the first tranche's until one is chosen. */
  trancheMonth: string | null;
  setTrancheMonth(month: string): void;
  /** The chosen people in words, as the scenario comparison names them. */
  label: string;
}

export function usePopulationChoice(): PopulationChoiceState {
  const [route, navigate] = useHashRoute('projection');
  const routeFilterFromHash = useMemo(() => filterFromRoute(route), [route]);
  const [routeFilterDismissed, setRouteFilterDismissed] = useState(false);
  const routeFilter = routeFilterDismissed ? null : routeFilterFromHash;
  const [choice, setChoice] = useState<PopulationChoice>(() => (filterFromRoute(route) ? 'filter' : 'longList'));
  const [flags, setFlags] = useState<FlagsFilterValue>(EMPTY_FLAGS_FILTER);
  const tranches = useIntakeTranches();
  const [trancheChoice, setTrancheChoice] = useState<string | null>(null);
  const trancheMonth = trancheChoice ?? tranches[0]?.month ?? null;

  // A filter arriving in the address (also while the screen is open) becomes the chosen people.
  useEffect(() => {
    if (!routeFilterFromHash) return;
    setChoice('filter');
    setRouteFilterDismissed(false);
  }, [routeFilterFromHash]);

  const trancheLabel = tranches.find((t) => t.month === trancheMonth)?.label;
  const label =
    choice === 'filter'
      ? routeFilter
        ? 'the filter from the link'
        : `the long list, ${describeFlagsFilter(flags)}`
      : choice === 'tranche'
        ? `the intake tranche starting ${trancheLabel ?? '(none)'}`
        : `the ${POPULATION_LABELS[choice]}`;
  function clearRouteFilter() {
    setRouteFilterDismissed(true);
    navigate('projection');
  }
  return { choice, setChoice, flags, setFlags, routeFilter, clearRouteFilter, tranches, trancheMonth, setTrancheMonth: setTrancheChoice, label };
}
