import { useEffect } from 'react';

/**
 * A screen with unsaved edits asks before the analyst leaves it: through the app's own menu (the
 * shell asks `confirmLeave` before it navigates) and on closing or reloading the window. One guard
 * at a time: only one screen is open.
 */
let guard: string | null = null;

/** True when there is nothing unsaved, or the analyst chose to leave it. */
export function confirmLeave(): boolean {
  if (guard === null) return true;
  const leave = window.confirm(guard);
  if (leave) guard = null;
  return leave;
}

export function useLeaveGuard(active: boolean, message: string): void {
  useEffect(() => {
    if (!active) return undefined;
    guard = message;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      if (guard === message) guard = null;
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [active, message]);
}
