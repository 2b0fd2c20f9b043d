/** Dates and numbers on the Audit screen, in the analyst's own time zone (entries are stored in UTC). */

/** "23 Nov 2026, 14:05:09": seconds matter when entries follow each other closely. */
export function formatAuditTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A `yyyy-mm-dd` from a date input as the instant its local day starts; null when not a date. */
export function startOfLocalDay(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const local = new Date(y, m - 1, d);
  return Number.isNaN(local.getTime()) ? null : local.toISOString();
}

/** The instant the local day after `date` starts: the exclusive end of a "to" date. */
export function endOfLocalDay(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(y, m - 1, d + 1);
  return Number.isNaN(next.getTime()) ? null : next.toISOString();
}

/** A long hash shown in groups of eight, so a person can read it out or compare it by eye. */
export function groupedHash(hash: string): string {
  return hash.replace(/(.{8})(?=.)/g, '$1 ');
}
