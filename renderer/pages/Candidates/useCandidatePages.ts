import { useCallback, useEffect, useRef, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useStableByContent } from '../../components/useStableByContent';
import type { CandidatePage, CandidateRow, CandidateSort, FilterCountsView } from '../../../shared/shortlist/candidateSchemas';
import type { Filter } from '../../../shared/shortlist/filterModel';

/** Rows per request: a few screens' worth, so a fast scroll needs one or two requests, not dozens. */
const PAGE_SIZE = 100;
/** Typing in a number or the search box waits this long before asking again. */
const QUERY_DELAY_MS = 150;

export interface CandidatePages {
  /** Null until the first answer for the current query. */
  total: number | null;
  counts: FilterCountsView | null;
  window: CandidatePage['window'] | null;
  longListSize: number | null;
  shortlist: CandidatePage['shortlist'];
  /** A row when its page has arrived; undefined while it is on its way. */
  rowAt(index: number): CandidateRow | undefined;
  /** Asks for the pages covering rows [start, end] that are not loaded or on their way. */
  ensureRange(start: number, end: number): void;
  /** True while the first page of a new filter or sort is awaited. */
  refreshing: boolean;
  error: string | null;
  retry(): void;
  /** Milliseconds from the filter change to its first page, for the status line. */
  lastQueryMs: number | null;
}

/**
 * Fetches the explorer's rows a page at a time. A new filter or sort starts a new generation: pages
 * of an older one that arrive late are dropped, and the old rows stay on screen (dimmed) until the
 * new first page is in, so the table never flashes empty while the analyst types.
 */
export function useCandidatePages(filter: Filter, sort: CandidateSort): CandidatePages {
  const generation = useRef(0);
  const pages = useRef(new Map<number, CandidateRow[]>());
  const inFlight = useRef(new Set<number>());
  const query = useStableByContent({ filter, sort });
  // The query the pages in hand belong to, read by fetchPage for later pages of the same generation.
  const asked = useRef(query);
  const [, setTick] = useState(0);
  const [meta, setMeta] = useState<{ total: number | null; counts: FilterCountsView | null; window: CandidatePage['window'] | null; longListSize: number | null; shortlist: CandidatePage['shortlist'] }>({
    total: null,
    counts: null,
    window: null,
    longListSize: null,
    shortlist: null,
  });
  const [refreshing, setRefreshing] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [retryKey, setRetryKey] = useState(0);
  const [lastQueryMs, setLastQueryMs] = useState<number | null>(null);

  const fetchPage = useCallback((page: number, gen: number, started: number | null) => {
    inFlight.current.add(page);
    const { filter: f, sort: s } = asked.current;
    call('candidates.query', { filter: f, sort: s, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (result) => {
        if (gen !== generation.current) return;
        inFlight.current.delete(page);
        if (page === 0 || pages.current.size === 0) {
          // The first page of a new query replaces everything shown before it.
          if (started !== null) {
            pages.current = new Map();
            setLastQueryMs(Math.round(performance.now() - started));
          }
          setMeta({ total: result.total, counts: result.counts, window: result.window, longListSize: result.longListSize, shortlist: result.shortlist });
          setRefreshing(false);
        }
        pages.current.set(page, result.rows);
        setError(null);
        setTick((t) => t + 1);
      },
      (e: unknown) => {
        if (gen !== generation.current) return;
        inFlight.current.delete(page);
        setRefreshing(false);
        setError(errorMessage(e));
      },
    );
  }, []);

  useEffect(() => {
    asked.current = query;
    const gen = ++generation.current;
    inFlight.current = new Set();
    setRefreshing(true);
    const timer = setTimeout(() => fetchPage(0, gen, performance.now()), QUERY_DELAY_MS);
    return () => clearTimeout(timer);
    // retryKey asks again after an error.
  }, [query, retryKey, fetchPage]);

  const ensureRange = useCallback(
    (start: number, end: number) => {
      if (meta.total === null || refreshing) return;
      const last = Math.min(end, meta.total - 1);
      for (let page = Math.floor(Math.max(0, start) / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        if (!pages.current.has(page) && !inFlight.current.has(page)) fetchPage(page, generation.current, null);
      }
    },
    [meta.total, refreshing, fetchPage],
  );

  const rowAt = useCallback((index: number) => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  return { ...meta, rowAt, ensureRange, refreshing, error, retry: () => setRetryKey((k) => k + 1), lastQueryMs };
}
