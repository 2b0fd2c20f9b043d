import type { CliIo } from './cli';

/** A plain-text table: the first column left-aligned, the rest right-aligned (they hold numbers). */
export function printTable(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>, io: CliIo): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  io.out(header.map((h, i) => (i === 0 ? h.padEnd(widths[i]!) : h.padStart(widths[i]!))).join('  '));
  for (const row of rows) io.out(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
}
