import { PerformanceObserver } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** How often the probe's timer asks to run, in ms. */
const TICK_MS = 10;

export interface LagFigures {
  /**
   * 99th percentile of how late the probe's timer ran, one sample per run (what Node's
   * monitorEventLoopDelay reports): the measure.
   */
  p99Ms: number;
  /**
   * The delay an event arriving at a random moment waits longer than in 99% of the time: a loop
   * held for three seconds counts as three seconds of lag here, not as one late timer.
   */
  timeWeightedP99Ms: number;
  /** The longest the loop was held up, in ms. */
  maxMs: number;
  /** The same p99 for an idle thread of this process over the same time: what a busy machine costs anyone. */
  controlP99Ms: number;
  /** The time-weighted p99 of that idle thread. */
  controlTimeWeightedP99Ms: number;
  /** This thread's garbage collections over the time: the longest pause and their sum, in ms (to tell a collection from work). */
  gcMaxMs: number;
  gcTotalMs: number;
  elapsedMs: number;
}

/**
 * The probe (the same text runs in this thread and in the control thread): a timer every TICK_MS
 * records when it actually ran. A gap of g ms between runs is one timer g - TICK_MS late, and an
 * event arriving during it waited up to that long.
 */
const PROBE = `
  const ticks = [];
  let timer = null;
  function start() { ticks.length = 0; ticks.push(performance.now()); timer = setInterval(() => ticks.push(performance.now()), ${TICK_MS}); }
  function stop() { clearInterval(timer); ticks.push(performance.now()); return ticks.slice(); }
`;

/** One sample per timer run: how late it ran. */
function timerDelays(ticks: readonly number[]): number[] {
  const samples: number[] = [];
  for (let i = 1; i < ticks.length; i++) samples.push(Math.max(0, ticks[i]! - ticks[i - 1]! - TICK_MS));
  return samples.sort((a, b) => a - b);
}

/** One sample per TICK_MS of time: how long an event arriving then would wait. */
function timeWeightedDelays(ticks: readonly number[]): number[] {
  const samples: number[] = [];
  for (let i = 1; i < ticks.length; i++) {
    const gap = ticks[i]! - ticks[i - 1]!;
    for (let waited = gap - TICK_MS; waited > -TICK_MS; waited -= TICK_MS) samples.push(Math.max(0, waited));
  }
  return samples.sort((a, b) => a - b);
}

function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const CONTROL = `
  const { parentPort } = require('node:worker_threads');
  ${PROBE}
  parentPort.on('message', (m) => { if (m === 'start') { start(); parentPort.postMessage('started'); } else { parentPort.postMessage(stop()); } });
`;

/**
 * Measures how long this thread's event loop was held up while `operation` ran, beside an idle
 * control thread measured over the same time: on a loaded machine both wait for a core; only work
 * on this thread's loop makes this one wait longer.
 */
export async function measureEventLoopLag<T>(operation: () => Promise<T>): Promise<{ value: T; lag: LagFigures }> {
  const control = new Worker(CONTROL, { eval: true });
  try {
    const reply = () => new Promise<unknown>((resolve) => control.once('message', resolve));
    const started = reply();
    control.postMessage('start');
    await started;
    // The very probe text the control thread runs, so both measure alike.
    const probe = new Function(`${PROBE}; return { start, stop };`)() as { start(): void; stop(): number[] };
    const pauses: number[] = [];
    const gc = new PerformanceObserver((list) => pauses.push(...list.getEntries().map((entry) => entry.duration)));
    gc.observe({ entryTypes: ['gc'] });
    probe.start();
    const began = performance.now();
    let value: T;
    try {
      value = await operation();
    } finally {
      gc.disconnect();
    }
    const elapsedMs = performance.now() - began;
    // A loop held until the very end is seen once the timer runs again.
    await new Promise((resolve) => setTimeout(resolve, 3 * TICK_MS));
    const mine = probe.stop();
    const stopped = reply();
    control.postMessage('stop');
    const theirs = (await stopped) as number[];
    const delays = timerDelays(mine);
    return {
      value,
      lag: { p99Ms: percentile(delays, 99), timeWeightedP99Ms: percentile(timeWeightedDelays(mine), 99), maxMs: delays[delays.length - 1] ?? 0, controlP99Ms: percentile(timerDelays(theirs), 99), controlTimeWeightedP99Ms: percentile(timeWeightedDelays(theirs), 99),
        gcMaxMs: Math.max(0, ...pauses),
        gcTotalMs: pauses.reduce((sum, pause) => sum + pause, 0),
        elapsedMs,
      },
    };
  } finally {
    await control.terminate();
  }
}
