export type Rng = () => number;

/**
 * mulberry32: a tiny deterministic 32-bit generator, identical on every platform, so a seed always
 * gives the same synthetic cohort, bootstrap or benchmark data.
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
