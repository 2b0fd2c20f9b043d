/**
 * A worker's promise can be ended by its message, its error or its exit, in any order: the first
 * outcome passed runs and any later one is ignored, so a crash after the answer cannot reject it.
 */
export function settleOnce(): (outcome: () => void) => void {
  let settled = false;
  return (outcome) => {
    if (settled) return;
    settled = true;
    outcome();
  };
}
