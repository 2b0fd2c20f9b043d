import { cpus, loadavg, totalmem } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The CPU model as the kernel names it (os.cpus() often shortens it). */
function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1]!.trim();
  } catch {
    // Not Linux: os.cpus() below.
  }
  return cpus()[0]?.model ?? 'unknown CPU';
}

/** The machine a result was measured on, so numbers are never read without it. */
export function describeMachine(): string {
  return `${cpuModel()} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

/** Load average now: the machine may be shared, and other work moves every timing. */
export function describeLoad(): string {
  return `load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min)`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** "median (min–max of n)" for a list of repeated measurements. */
export function spread(values: readonly number[], format: (value: number) => string): string {
  if (!values.length) return 'no runs';
  return `${format(median(values))} (${format(Math.min(...values))}–${format(Math.max(...values))}, ${values.length} runs)`;
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
export const millis = (ms: number): string => `${ms.toFixed(0)} ms`;
export const times = (ratio: number): string => `${ratio.toFixed(2)}×`;

/**
 * CPU seconds used by this process's finished children (user + system), from /proc: what a child
 * such as `sqlite3` or `python3` spent, unaffected by waiting for a core on a shared machine.
 */
export function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    const ticks = Number(fields[13]) + Number(fields[14]);
    return (ticks * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The line each benchmark ends with, and `npm run bench` gathers. */
export function goalLine(name: string, figure: string, goal: string, met: boolean | null): string {
  return `${name}: ${figure}; goal ${goal}: ${met === null ? 'not measured' : met ? 'met' : 'NOT met'}`;
}

/** How many rows a bench generates: BENCH_ROWS, else the million. */
export function benchRows(): number {
  return Number(process.env.BENCH_ROWS ?? 1_000_000);
}

/** How many times a bench repeats what it times: BENCH_RUNS (at least 1), else `fallback`. */
export function benchRuns(fallback = 3): number {
  return Math.max(1, Number(process.env.BENCH_RUNS ?? fallback));
}

/** Prints a bench's report and keeps it in bench/results, saying where. */
export function printBenchReport(name: string, lines: readonly string[]): void {
  const markdown = lines.join('\n');
  console.log(markdown);
  console.log(`\nwritten to ${writeBenchReport(name, markdown)}`);
}

export function writeBenchReport(name: string, markdown: string): string {
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.md`);
  writeFileSync(path, `${markdown.trim()}\n\nMeasured ${new Date().toISOString()} on ${describeMachine()}; ${describeLoad()} when it finished.\n`);
  return path;
}
