import { useEffect, type KeyboardEvent, type RefObject } from 'react';

/**
 * A <details> used as a small drop-down (column picker, priority groups) closes like one: on a
 * click elsewhere, and on Escape, which also returns the focus to its summary.
 */
export function useDismissableDetails(ref: RefObject<HTMLDetailsElement | null>): { onKeyDown(event: KeyboardEvent<HTMLDetailsElement>): void } {
  useEffect(() => {
    function onPointer(event: PointerEvent) {
      const details = ref.current;
      if (details?.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    }
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [ref]);
  return {
    onKeyDown(event) {
      const details = ref.current;
      if (event.key !== 'Escape' || !details?.open) return;
      event.preventDefault();
      details.open = false;
      details.querySelector('summary')?.focus();
    },
  };
}
