import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LagFigures {
  /** 99th percentile of the event loop's delay while the operation ran, in ms. */
  p99Ms: number;
  maxMs: number;
  /** How many delay samples the histogram holds: too few and the percentile means nothing. */
  samples: number;
  elapsedMs: number;
}

/**
 * Measures how long this thread's event loop was held up while `operation` ran: Node's own
 * histogram of timer delays (a 10 ms timer that fires late records how late), read once the
 * operation has settled. A handler that blocks for a second shows as a one-second sample.
 */
export async function measureEventLoopLag<T>(operation: () => Promise<T>): Promise<{ value: T; lag: LagFigures }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = performance.now();
  try {
    const value = await operation();
    const elapsedMs = performance.now() - started;
    // A stall is recorded when the next timer fires late, so give it the chance to fire: work that
    // ran start to finish without yielding would otherwise leave no sample at all.
    await new Promise((resolve) => setTimeout(resolve, 50));
    histogram.disable();
    return { value, lag: { p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6, samples: histogram.count, elapsedMs } };
  } finally {
    histogram.disable();
  }
}
