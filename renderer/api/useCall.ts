import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import { call, errorMessage } from './client';

export type Loadable<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/** Puts a newer value in place of the loaded one (one a change handed back), without calling again. */
type Replace<T> = (update: (current: T | null) => T) => void;

/** Loads a call's result for a screen, with loading and error states, a reload, and a replace. */
export function useCall<N extends CallName>(name: N, input: CallInput<N>, deps: unknown[] = []): [Loadable<CallOutput<N>>, () => void, Replace<CallOutput<N>>] {
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
  const replace = useCallback<Replace<CallOutput<N>>>((update) => setState((previous) => ({ status: 'ready', value: update(previous.status === 'ready' ? previous.value : null) })), []);
  return [state, reload, replace];
}
