import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { daysInMonth, isIsoDate, isoFromParts, isoParts } from '../../shared/domain/isoDate';
import { formatDisplayDate, formatUkNumericDate, MONTH_NAMES, readTypedDate } from '../../shared/domain/dateDisplay';

interface DateFieldProps {
  id?: string;
  /** `YYYY-MM-DD`, '' for none, or (while the analyst's text is not yet a date) that text. */
  value: string;
  /**
   * The ISO date once the text is one, '' when cleared, and otherwise the text itself: it is then
   * not an ISO date, so the form's own check refuses it, as it refuses any other bad value.
   */
  onChange(value: string): void;
  disabled?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function textOf(value: string): string {
  return isIsoDate(value) ? formatUkNumericDate(value) : value;
}

/**
 * The app's own date field, used instead of the browser's date input, whose order follows the
 * operating system's locale (10/31/2013 on a US-set machine). It is typed day first, dd/mm/yyyy,
 * or picked from a calendar whose weeks start on Monday, and it says what it read ("31 Oct 2013").
 */
export function DateField({ id: givenId, value, onChange, disabled, ...aria }: DateFieldProps) {
  const ownId = useId();
  const id = givenId ?? ownId;
  const [text, setText] = useState(() => textOf(value));
  const [touched, setTouched] = useState(false);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // A value set from outside (a preset, a reset) replaces the text; the analyst's own typing does not loop back.
  useEffect(() => {
    setText((current) => {
      const read = readTypedDate(current);
      const same = read.kind === 'date' ? read.iso === value : read.kind === 'empty' ? value === '' : current === value;
      return same ? current : textOf(value);
    });
  }, [value]);

  const read = readTypedDate(text);
  const problem = touched && read.kind === 'invalid' ? read.reason : null;
  const hintId = `${id}-read`;
  const describedBy = [aria['aria-describedby'], hintId].filter(Boolean).join(' ');

  function type(next: string) {
    setText(next);
    const r = readTypedDate(next);
    onChange(r.kind === 'date' ? r.iso : r.kind === 'empty' ? '' : next);
  }

  function pick(iso: string) {
    setText(formatUkNumericDate(iso));
    setTouched(false);
    onChange(iso);
    setOpen(false);
    buttonRef.current?.focus();
  }

  return (
    <span className="date-field">
      <span className="date-field-row">
        <input
          id={id}
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="dd/mm/yyyy"
          className="date-field-input"
          value={text}
          disabled={disabled}
          onChange={(e) => type(e.target.value)}
          onBlur={() => {
            setTouched(true);
            // 1/2/13 reads as 01/02/2013: show it in full, so what was understood is on screen.
            if (read.kind === 'date') setText(formatUkNumericDate(read.iso));
          }}
          aria-invalid={aria['aria-invalid'] || problem ? true : undefined}
          aria-describedby={describedBy}
        />
        <button
          ref={buttonRef}
          type="button"
          className="button secondary date-field-pick"
          disabled={disabled}
          aria-expanded={open}
          aria-label="Pick the date from a calendar"
          onClick={() => setOpen((o) => !o)}
        >
          <CalendarIcon />
        </button>
      </span>
      <span id={hintId} className={problem ? 'field-error date-field-read' : 'field-hint date-field-read'} aria-live="polite">
        {problem ?? (read.kind === 'date' ? formatDisplayDate(read.iso) : 'dd/mm/yyyy')}
      </span>
      {open ? (
        <CalendarPopover
          selected={read.kind === 'date' ? read.iso : null}
          onPick={pick}
          onClose={() => {
            setOpen(false);
            buttonRef.current?.focus();
          }}
        />
      ) : null}
    </span>
  );
}

function CalendarIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x="1.5" y="2.5" width="13" height="12" rx="1.5" fill="none" stroke="currentColor" />
      <path d="M1.5 6h13M5 1v3M11 1v3" stroke="currentColor" />
    </svg>
  );
}

function todayIso(): string {
  const now = new Date();
  return isoFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

function moveDays(iso: string, days: number): string {
  const { year, month, day } = isoParts(iso);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** A month grid, Monday first; arrows move a day or a week, Page Up/Down a month, Enter picks, Escape closes. */
function CalendarPopover({ selected, onPick, onClose }: { selected: string | null; onPick(iso: string): void; onClose(): void }) {
  const [focused, setFocused] = useState(() => selected ?? todayIso());
  const gridRef = useRef<HTMLTableElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const { year, month } = isoParts(focused);

  // A click anywhere else closes it, as a menu does.
  useEffect(() => {
    const away = (e: MouseEvent) => {
      if (e.target instanceof Node && !boxRef.current?.contains(e.target) && !boxRef.current?.parentElement?.contains(e.target)) onClose();
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [onClose]);

  useEffect(() => {
    gridRef.current?.querySelector<HTMLButtonElement>(`button[data-date="${focused}"]`)?.focus();
  }, [focused]);

  const first = isoFromParts(year, month, 1);
  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const cells: Array<string | null> = [...Array<null>(lead).fill(null)];
  for (let d = 1; d <= daysInMonth(year, month); d++) cells.push(isoFromParts(year, month, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));

  const shiftMonth = (by: number) => {
    const index = year * 12 + (month - 1) + by;
    const y = Math.floor(index / 12);
    const m = (index % 12) + 1;
    setFocused(isoFromParts(y, m, Math.min(isoParts(focused).day, daysInMonth(y, m))));
  };

  function onKeyDown(e: KeyboardEvent) {
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
    const by = moves[e.key];
    if (by !== undefined) {
      e.preventDefault();
      setFocused(moveDays(focused, by));
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      shiftMonth(e.key === 'PageUp' ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  }

  const caption = `${MONTH_NAMES[month - 1]} ${year}`;
  return (
    <div ref={boxRef} className="date-popover" role="dialog" aria-label={`Choose a date, ${caption}`} onKeyDown={onKeyDown}>
      <div className="date-popover-head">
        <button type="button" className="button secondary" onClick={() => shiftMonth(-12)} aria-label="Previous year">«</button>
        <button type="button" className="button secondary" onClick={() => shiftMonth(-1)} aria-label="Previous month">‹</button>
        <span className="date-popover-caption" aria-live="polite">{caption}</span>
        <button type="button" className="button secondary" onClick={() => shiftMonth(1)} aria-label="Next month">›</button>
        <button type="button" className="button secondary" onClick={() => shiftMonth(12)} aria-label="Next year">»</button>
      </div>
      <table ref={gridRef} className="date-popover-grid" data-first={first}>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">{d}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((iso, i) =>
                iso ? (
                  <td key={iso}>
                    <button
                      type="button"
                      data-date={iso}
                      tabIndex={iso === focused ? 0 : -1}
                      aria-pressed={iso === selected}
                      aria-label={formatDisplayDate(iso)}
                      className={iso === selected ? 'date-day date-day-selected' : 'date-day'}
                      onClick={() => onPick(iso)}
                    >
                      {isoParts(iso).day}
                    </button>
                  </td>
                ) : (
                  <td key={`blank-${i}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="date-popover-foot">
        <button type="button" className="button secondary" onClick={() => onPick(todayIso())}>Today</button>
        <button type="button" className="button secondary" onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
