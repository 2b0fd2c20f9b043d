import { useState } from 'react';

/**
 * The value, kept as the same object while its JSON stays the same: an effect that depends on it
 * runs again when the content changes, not on every render that rebuilds an equal object.
 */
export function useStableByContent<T>(value: T): T {
  const key = JSON.stringify(value);
  const [held, setHeld] = useState({ key, value });
  if (held.key === key) return held.value;
  // React's pattern for state derived from a changed input: set during render, re-rendered at once.
  setHeld({ key, value });
  return value;
}
