import { FLAG_LABELS, FLAG_NAMES, FLAG_SHORT_LABELS, type FlagName } from '../../shared/domain/flags';

/**
 * A person's agency lists as small labelled chips, in the seed's list order. The short label is
 * shown; the full list name is what a screen reader hears and what the tooltip says, so "Gang M/L"
 * is never the only description. Each list has its own tint and border so chips can be told apart
 * at a glance, but the text always says which list it is (colour is never the only cue).
 */
export function FlagChips({ flags, emptyLabel = null, className }: { flags: readonly FlagName[]; emptyLabel?: string | null; className?: string }) {
  const ordered = FLAG_NAMES.filter((f) => flags.includes(f));
  if (ordered.length === 0) return emptyLabel ? <span className="muted">{emptyLabel}</span> : null;
  return (
    <span className={`flag-chips${className ? ` ${className}` : ''}`} title={ordered.map((f) => FLAG_LABELS[f]).join(', ')}>
      {ordered.map((flag) => (
        <FlagChip key={flag} flag={flag} />
      ))}
    </span>
  );
}

export function FlagChip({ flag, muted = false }: { flag: FlagName; muted?: boolean }) {
  return (
    <span className={`flag-chip flag-chip-${flag}${muted ? ' flag-chip-muted' : ''}`}>
      <span aria-hidden="true">{FLAG_SHORT_LABELS[flag]}</span>
      <span className="visually-hidden">{FLAG_LABELS[flag]}</span>
    </span>
  );
}
