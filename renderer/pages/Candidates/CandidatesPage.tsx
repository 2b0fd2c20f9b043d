import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call, errorMessage } from '../../api/client';
import { useCall } from '../../api/useCall';
import type { CandidateColumn, CandidateOverview, FilterPreset } from '../../../shared/shortlist/candidateSchemas';
import type { Filter } from '../../../shared/shortlist/filterModel';
import type { FlagName } from '../../../shared/domain/flags';
import { LoadingState } from '../../components/LoadingState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CandidateTable, type CandidateTableHandle } from './CandidateTable';
import { useColumnWidths } from '../../components/useColumnWidths';
import { FilterPanel } from './FilterPanel';
import { FilterCounts } from './FilterCounts';
import { PresetBar } from './PresetBar';
import { ViewExportButton } from './ViewExportButton';
import { ColumnPicker } from './ColumnPicker';
import { useCandidatePages } from './useCandidatePages';
import { activeCriteria, clearedFilter, filterFromRoute, forgetState, initialState, rememberState, rememberedState, sameFilter, type ExplorerState } from './explorerState';
import { columnSpecs, formatIsoDate, formatDateTime } from './candidateLabels';
import { formatCount } from '../../../shared/domain/numberFormat';

/**
 * The candidates explorer: the long list, filtered and sorted in main and fetched a page at a time,
 * with the counts that answer the panel's first questions (how many, on which lists, in which
 * priority groups). `route` is the hash route after "candidates", e.g. "candidates/flag/dtoa".
 */
export function CandidatesPage({ workspacePath, route, onNavigate }: { workspacePath: string; route: string; onNavigate(route: string): void }) {
  const [overview] = useCall('candidates.overview', {});
  if (overview.status === 'loading') return <LoadingState label="Reading the long list…" />;
  if (overview.status === 'error') return <ErrorNotice message={overview.message} title="Could not read the long list" />;
  if (overview.value.people === 0) {
    return (
      <div className="page">
        <header className="page-header">
          <h1>Candidates</h1>
        </header>
        <section className="panel empty-state" aria-label="Nothing to explore yet">
          <h2>No one is in the workspace yet</h2>
          <p>Import the Potential Candidate List, then the agency lists; the candidates appear here to filter and open.</p>
          <a className="button primary" href="#/import">
            Import a list
          </a>
        </section>
      </div>
    );
  }
  return <Explorer overview={overview.value} workspacePath={workspacePath} route={route} onNavigate={onNavigate} />;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function Explorer({ overview, workspacePath, route, onNavigate }: { overview: CandidateOverview; workspacePath: string; route: string; onNavigate(route: string): void }) {
  const [state, setState] = useState<ExplorerState>(() => rememberedState(workspacePath) ?? initialState(workspacePath, overview.defaultWindow));
  const [presets, setPresets] = useState<FilterPreset[]>([]);
  const [presetError, setPresetError] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<CandidateTableHandle>(null);
  const latest = useRef(state);
  latest.current = state;
  const { filter, sort, columns } = state;
  const pages = useCandidatePages(filter, sort);
  const [columnWidths, setColumnWidth] = useColumnWidths('candidates', workspacePath);
  const specs = useMemo(() => columnSpecs(pages.window?.windowMonths ?? filter.windowMonths), [pages.window?.windowMonths, filter.windowMonths]);
  const criteria = activeCriteria(filter);
  const queryKey = JSON.stringify([filter, sort]);

  // Links from the dashboard arrive as "candidates/flag/dtoa": apply, then drop the part from the
  // address so going back to the explorer later keeps the analyst's own changes.
  useEffect(() => {
    const fromRoute = filterFromRoute(route, latest.current.filter);
    if (!fromRoute) return;
    setState((s) => ({ ...s, filter: fromRoute, activeIndex: 0, scrollTop: 0, presetId: null }));
    window.history.replaceState(null, '', '#/candidates');
  }, [route]);

  // Kept in memory (never on disk) so opening a person and coming back finds the same place. The
  // explorer also unmounts when the workspace locks (by the analyst, idle or suspend): the state,
  // which can hold a name typed in the search, is then dropped.
  useEffect(() => rememberState(state), [state]);
  useEffect(
    () => () => {
      rememberState({ ...latest.current, scrollTop: tableRef.current?.scrollTop() ?? latest.current.scrollTop });
      call('workspace.status', {}).then(
        (status) => status.state === 'locked' && forgetState(),
        () => forgetState(),
      );
    },
    [],
  );

  useEffect(() => {
    call('candidates.presets', {}).then(setPresets, (e: unknown) => setPresetError(errorMessage(e)));
  }, []);

  // "/" jumps to the search box from anywhere on the page, as in most list tools.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const changeFilter = useCallback((next: Filter) => {
    setState((s) => (sameFilter(s.filter, next) ? s : { ...s, filter: next, activeIndex: 0, scrollTop: 0, presetId: null }));
  }, []);

  function changeSort(column: CandidateColumn) {
    setState((s) => {
      const direction = s.sort.column === column ? (s.sort.direction === 'asc' ? 'desc' : 'asc') : specs[column].firstDirection;
      return { ...s, sort: { column, direction }, activeIndex: 0, scrollTop: 0, presetId: null };
    });
  }

  function toggleAnyFlag(flag: FlagName) {
    const any = filter.flags.any.includes(flag) ? filter.flags.any.filter((f) => f !== flag) : [...filter.flags.any, flag];
    changeFilter({ ...filter, flags: { ...filter.flags, any } });
  }

  function applyPreset(preset: FilterPreset) {
    setState((s) => ({ ...s, filter: preset.filter, sort: preset.sort, columns: preset.columns ?? s.columns, presetId: preset.id, activeIndex: 0, scrollTop: 0 }));
  }

  async function savePreset(name: string): Promise<FilterPreset> {
    const saved = await call('candidates.savePreset', { name, filter, sort, columns });
    setPresets(await call('candidates.presets', {}));
    setState((s) => ({ ...s, presetId: saved.id }));
    return saved;
  }

  async function deletePreset(id: number): Promise<void> {
    await call('candidates.deletePreset', { id });
    setPresets(await call('candidates.presets', {}));
    setState((s) => ({ ...s, presetId: null }));
  }

  const openPerson = useCallback((personId: number) => onNavigate(`person/${personId}`), [onNavigate]);
  const setActive = useCallback((activeIndex: number) => setState((s) => (s.activeIndex === activeIndex ? s : { ...s, activeIndex })), []);

  const counted = pages.window ?? { referenceDate: filter.referenceDate, windowMonths: filter.windowMonths, firstDay: null };
  const total = pages.total;
  const gridLabel = total === null ? 'Candidates' : `Candidates, ${formatCount(total)} of ${formatCount(pages.longListSize ?? total)}`;

  return (
    <div className="page candidates-page">
      <header className="page-header cand-header">
        <div>
          <h1>Candidates</h1>
          <p className="muted" data-testid="candidate-window">
            {overview.hasLongList ? 'Potential Candidate List' : 'Everyone in the workspace (no candidate list imported yet)'} · {formatCount(overview.longListSize)} people · arrests counted{' '}
            {counted.firstDay ? `${formatIsoDate(counted.firstDay)} – ` : 'to '}
            {formatIsoDate(counted.referenceDate)} ({counted.windowMonths} months)
            {pages.shortlist ? ` · shortlist of ${formatDateTime(pages.shortlist.createdAt)}` : ''}
          </p>
        </div>
      </header>

      <div className="cand-toolbar">
        <div className="cand-search">
          <label htmlFor="candidate-search" className="visually-hidden">
            Search by name or PNC
          </label>
          <input
            id="candidate-search"
            ref={searchRef}
            type="search"
            placeholder="Search name or PNC   ( / )"
            value={filter.text}
            maxLength={200}
            autoComplete="off"
            spellCheck={false}
            aria-keyshortcuts="/"
            aria-describedby="candidate-search-hint"
            onChange={(e) => changeFilter({ ...filter, text: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || (e.key === 'Enter' && !e.shiftKey)) {
                e.preventDefault();
                tableRef.current?.focus();
              } else if (e.key === 'Escape' && filter.text) {
                e.preventDefault();
                changeFilter({ ...filter, text: '' });
              }
            }}
          />
          <span id="candidate-search-hint" className="visually-hidden">
            Down arrow or Enter moves to the list.
          </span>
        </div>
        <button
          type="button"
          className="button secondary small"
          aria-expanded={state.filtersOpen}
          aria-controls="candidate-filters"
          onClick={() => setState((s) => ({ ...s, filtersOpen: !s.filtersOpen }))}
        >
          {state.filtersOpen ? 'Hide filters' : 'Show filters'}
          {criteria ? ` (${criteria})` : ''}
        </button>
        <ColumnPicker columns={columns} specs={specs} onChange={(next) => setState((s) => ({ ...s, columns: next }))} />
        <PresetBar presets={presets} selectedId={state.presetId} onApply={applyPreset} onSave={savePreset} onDelete={deletePreset} />
        <ViewExportButton filter={filter} sort={sort} columns={columns} total={total} />
      </div>
      <ErrorNotice message={presetError} title="Saved filters are unavailable" />

      <div className={`cand-body${state.filtersOpen ? '' : ' cand-body-full'}`}>
        {state.filtersOpen ? <FilterPanel id="candidate-filters" filter={filter} onChange={changeFilter} boroughs={overview.boroughs} criteria={criteria} onClear={() => changeFilter(clearedFilter(filter))} /> : null}
        <div className="cand-main">
          <FilterCounts counts={pages.counts} longListSize={pages.longListSize} anyFlags={filter.flags.any} onToggleFlag={toggleAnyFlag} refreshing={pages.refreshing} queryMs={pages.lastQueryMs} />
          {pages.error ? (
            <div className="notice notice-error" role="alert">
              <strong>Could not load the list.</strong> {pages.error}{' '}
              <button type="button" className="link-button" onClick={pages.retry}>
                Try again
              </button>
            </div>
          ) : null}
          <CandidateTable
            ref={tableRef}
            resetKey={queryKey}
            columns={columns}
            specs={specs}
            sort={sort}
            onSort={changeSort}
            pages={pages}
            activeIndex={state.activeIndex}
            onActiveChange={setActive}
            onOpen={openPerson}
            initialScrollTop={state.scrollTop}
            label={gridLabel}
            widths={columnWidths}
            onResize={setColumnWidth}
          />
          <p className="cand-keys muted" aria-hidden="true">
            <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Page Up</kbd> <kbd>Page Down</kbd> · <kbd>Enter</kbd> opens the person · <kbd>/</kbd> search · drag a header's edge to resize
          </p>
        </div>
      </div>
    </div>
  );
}
