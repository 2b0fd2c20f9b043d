import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/client';
import type { ChartState } from './ChartPanel';

export type AsyncState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/**
 * Runs `load` whenever `key` changes and keeps the latest answer; an answer for an older key is
 * dropped. The previous value stays on screen while the next one loads, so charts do not flicker.
 */
export function useAsync<T>(key: string | null, load: () => Promise<T>): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  // `load` is a fresh closure each render; `key` says when its inputs changed.
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (key === null) return undefined;
    let live = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    loadRef.current().then(
      (value) => live && setState({ status: 'ready', value }),
      (error: unknown) => live && setState({ status: 'error', message: errorMessage(error) }),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

/** The chart panel's state for an async value, with `empty` when the value has nothing to draw. */
export function chartStateOf<T>(state: AsyncState<T>, emptyMessage: (value: T) => string | null): ChartState {
  if (state.status !== 'ready') return state;
  const empty = emptyMessage(state.value);
  return empty ? { status: 'empty', message: empty } : { status: 'ready' };
}
