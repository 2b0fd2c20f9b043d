import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import { call, errorMessage } from './client';

export type Loadable<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/** Loads a call's result for a screen, with loading and error states, and a reload. */
export function useCall<N extends CallName>(name: N, input: CallInput<N>, deps: unknown[] = []): [Loadable<CallOutput<N>>, () => void] {
  const [state, setState] = useState<Loadable<CallOutput<N>>>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const inputRef = useRef(input);
  inputRef.current = input;
  // The caller's dependencies, compared by value: a new array of the same values is no change.
  const depsKey = JSON.stringify(deps);
  useEffect(() => {
    let live = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    call(name, inputRef.current).then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [name, tick, depsKey]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [state, reload];
}
