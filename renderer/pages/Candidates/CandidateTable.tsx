import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState, type CSSProperties, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { clampWidth, MIN_COLUMN_PX } from '../../components/useColumnWidths';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { CandidateColumn, CandidateRow, CandidateSort } from '../../../shared/shortlist/candidateSchemas';
import { FlagChips } from '../../components/FlagChips';
import type { CandidatePages } from './useCandidatePages';
import { CUSTODY_ANSWERS, CUSTODY_LABELS, SHORTLIST_LABELS, displayName, gridTrack, type ColumnSpec } from './candidateLabels';
import { formatCount } from '../../../shared/domain/numberFormat';

/** Fixed row height: every row is one line, so the list's height is known without measuring 100,000 rows. */
const ROW_HEIGHT = 34;

export interface CandidateTableHandle {
  focus(): void;
  scrollTop(): number;
}

interface CandidateTableProps {
  columns: readonly CandidateColumn[];
  specs: Readonly<Record<CandidateColumn, ColumnSpec>>;
  sort: CandidateSort;
  onSort(column: CandidateColumn): void;
  pages: CandidatePages;
  activeIndex: number;
  onActiveChange(index: number): void;
  onOpen(personId: number): void;
  initialScrollTop: number;
  /** Changes with the filter and sort: the list then starts again from the top. */
  resetKey: string;
  /** Names the grid for screen readers, e.g. "Candidates, 6 of 170". */
  label: string;
  /** Widths the analyst set by dragging a header's edge, in px; other columns size themselves. */
  widths: Readonly<Record<string, number>>;
  onResize(column: CandidateColumn, px: number | null): void;
}

/**
 * The long list as an ARIA grid that renders only the rows in view (TanStack Virtual), so 100,000
 * rows scroll as smoothly as 100. The grid itself holds the keyboard focus and points at the active
 * row with aria-activedescendant: ↑/↓ move one row, Page Up/Down a screen, Home/End to the ends, and
 * Enter opens the person. The header stays in view while the rows scroll under it.
 */
export const CandidateTable = forwardRef<CandidateTableHandle, CandidateTableProps>(function CandidateTable(
  { columns, specs, sort, onSort, pages, activeIndex, onActiveChange, onOpen, initialScrollTop, resetKey, label, widths, onResize },
  ref,
) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const headerRef = useRef<HTMLDivElement>(null);
  const [headerHeight, setHeaderHeight] = useState(40);
  const count = pages.total ?? 0;

  useLayoutEffect(() => {
    const header = headerRef.current;
    if (!header) return undefined;
    const update = () => setHeaderHeight(header.offsetHeight);
    update();
    const observer = new ResizeObserver(update);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The rows start below the sticky header, and a row scrolled to must not end up under it.
    scrollMargin: headerHeight,
    scrollPaddingStart: headerHeight,
    initialOffset: initialScrollTop,
  });

  useImperativeHandle(ref, () => ({ focus: () => scrollRef.current?.focus(), scrollTop: () => scrollRef.current?.scrollTop ?? 0 }), []);

  const firstKey = useRef(resetKey);
  useEffect(() => {
    if (firstKey.current === resetKey) return;
    firstKey.current = resetKey;
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? -1;
  const { ensureRange } = pages;
  useEffect(() => {
    if (lastIndex >= firstIndex) ensureRange(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, ensureRange]);

  const moveTo = useCallback(
    (index: number) => {
      if (count === 0) return;
      const next = Math.max(0, Math.min(count - 1, index));
      onActiveChange(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    },
    [count, onActiveChange, virtualizer],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Keys pressed on a header button belong to that button.
    if (event.target !== scrollRef.current) return;
    const rowsPerScreen = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) - headerHeight) / ROW_HEIGHT) - 1);
    const handled: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeIndex + 1),
      ArrowUp: () => moveTo(activeIndex - 1),
      PageDown: () => moveTo(activeIndex + rowsPerScreen),
      PageUp: () => moveTo(activeIndex - rowsPerScreen),
      Home: () => moveTo(0),
      End: () => moveTo(count - 1),
      Enter: () => {
        const row = pages.rowAt(activeIndex);
        if (row) onOpen(row.personId);
      },
    };
    const action = handled[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  const template = columns.map((c) => (widths[c] ? `${widths[c]}px` : gridTrack(specs[c]))).join(' ');
  const minWidth = columns.reduce((sum, c) => sum + (widths[c] ? widths[c] / 16 : specs[c].minRem), 0) + 0.5;
  const gridStyle = { '--cand-columns': template, '--cand-min-width': `${minWidth}rem` } as CSSProperties;
  const activeRendered = items.some((item) => item.index === activeIndex) && activeIndex < count;

  const empty = count === 0 && !pages.refreshing && pages.total !== null;
  return (
    <div className="cand-grid-wrap">
      <div
        ref={scrollRef}
        className={`cand-grid${pages.refreshing ? ' cand-grid-refreshing' : ''}`}
        role="grid"
        aria-label={label}
        aria-rowcount={count + 1}
        aria-colcount={columns.length}
        aria-busy={pages.refreshing || undefined}
        aria-activedescendant={activeRendered ? `cand-row-${activeIndex}` : undefined}
        tabIndex={0}
        style={gridStyle}
        onKeyDown={onKeyDown}
        data-testid="candidate-grid"
      >
        <div className="cand-grid-head" role="rowgroup" ref={headerRef}>
          <div className="cand-row cand-row-head" role="row" aria-rowindex={1}>
            {columns.map((column, i) => {
              const spec = specs[column];
              const sorted = sort.column === column;
              return (
                <div
                  key={column}
                  role="columnheader"
                  aria-colindex={i + 1}
                  aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                  className={`cand-cell cand-head-cell${spec.numeric ? ' num' : ''}`}
                >
                  <button type="button" className={`cand-sort${sorted ? ' cand-sort-active' : ''}`} onClick={() => onSort(column)} title={spec.description ? `${spec.label}: ${spec.description}` : spec.label}>
                    <span>{spec.label}</span>
                    {spec.description ? <span className="visually-hidden">, {spec.description}</span> : null}
                    <span className="cand-sort-mark" aria-hidden="true">
                      {sorted ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                  <ColumnResizer label={spec.label} width={widths[column] ?? null} onResize={(px) => onResize(column, px)} />
                </div>
              );
            })}
          </div>
        </div>
        <div className="cand-grid-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = pages.rowAt(item.index);
            const active = item.index === activeIndex;
            const style: CSSProperties = { transform: `translateY(${item.start - headerHeight}px)` };
            if (!row) {
              return (
                <div key={item.key} id={`cand-row-${item.index}`} className={`cand-row cand-row-loading${active ? ' cand-row-active' : ''}`} role="row" aria-rowindex={item.index + 2} style={style}>
                  <div role="gridcell" className="cand-cell cand-cell-loading" aria-colindex={1}>
                    Loading…
                  </div>
                </div>
              );
            }
            return (
              <div
                key={item.key}
                id={`cand-row-${item.index}`}
                className={`cand-row${active ? ' cand-row-active' : ''}${item.index % 2 ? ' cand-row-odd' : ''}`}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={active}
                style={style}
                data-person-id={row.personId}
                onClick={() => {
                  onActiveChange(item.index);
                  scrollRef.current?.focus({ preventScroll: true });
                }}
                onDoubleClick={() => onOpen(row.personId)}
              >
                {columns.map((column, i) => (
                  <div key={column} role="gridcell" aria-colindex={i + 1} className={`cand-cell cand-cell-${column}${specs[column].numeric ? ' num' : ''}`}>
                    <CellValue column={column} row={row} />
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {/* Outside the grid: a grid may own only rows. */}
      {empty ? (
        <p className="cand-grid-empty" role="status">
          No one on the long list matches this filter. Loosen a criterion or clear the filters.
        </p>
      ) : null}
    </div>
  );
});

/**
 * The right edge of a column header: drag it, or focus it and press ← / → (Shift for bigger steps);
 * a double click or Delete gives the column its automatic width back.
 */
function ColumnResizer({ label, width, onResize }: { label: string; width: number | null; onResize(px: number | null): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const currentWidth = () => ref.current?.parentElement?.getBoundingClientRect().width ?? width ?? 100;

  function onPointerDown(event: ReactPointerEvent<HTMLDivElement>) {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = currentWidth();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => onResize(clampWidth(startWidth + e.clientX - startX));
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? 48 : 16;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      event.stopPropagation();
      onResize(clampWidth(currentWidth() + (event.key === 'ArrowRight' ? step : -step)));
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onResize(null);
    }
  }

  return (
    <div
      ref={ref}
      className="cand-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label={`Width of the ${label} column`}
      aria-valuenow={Math.round(width ?? currentWidth())}
      aria-valuemin={MIN_COLUMN_PX}
      tabIndex={0}
      title="Drag to resize; double-click for the automatic width"
      onPointerDown={onPointerDown}
      onDoubleClick={() => onResize(null)}
      onKeyDown={onKeyDown}
    />
  );
}

function CellValue({ column, row }: { column: CandidateColumn; row: CandidateRow }) {
  switch (column) {
    case 'name':
      // Not a tab stop: the grid moves between rows, and Enter opens the active one.
      return (
        <a href={`#/person/${row.personId}`} tabIndex={-1} className="cand-name" title={displayName(row.surname, row.forenames)}>
          {displayName(row.surname, row.forenames)}
        </a>
      );
    case 'age':
      return <>{row.age ?? <span className="muted">—</span>}</>;
    case 'pnc':
      return row.pnc ? <span className="cand-pnc">{row.pnc}</span> : <span className="muted">none</span>;
    case 'borough':
      return row.borough ? <span title={row.borough}>{row.borough}</span> : <span className="muted">—</span>;
    case 'arrests':
      return <strong>{formatCount(row.arrests)}</strong>;
    case 'last10':
      return <>{formatCount(row.last10)}</>;
    case 'last22':
      return <>{formatCount(row.last22)}</>;
    case 'flags':
      return <FlagChips flags={row.flags} />;
    case 'custody':
      return (
        <span className={`custody custody-${row.custody}`} title={CUSTODY_LABELS[row.custody]}>
          {CUSTODY_ANSWERS[row.custody]}
        </span>
      );
    case 'ogrs':
      return row.ogrsScore === null ? <span className="muted">—</span> : <>{row.ogrsScore.toLocaleString('en-GB', { maximumFractionDigits: 1 })}</>;
    case 'shortlist':
      return row.shortlist ? (
        <span className={`shortlist-status shortlist-${row.shortlist.status}`} title={row.shortlist.reason}>
          {SHORTLIST_LABELS[row.shortlist.status]}
        </span>
      ) : (
        <span className="muted">—</span>
      );
  }
}
