import { useEffect, useRef } from 'react';

export const APP_TITLE = 'IOM Cohort Workbench';

/** "Candidates — IOM Cohort Workbench": the window title and the screen reader's first words name the screen. */
export function useDocumentTitle(screen: string): void {
  useEffect(() => {
    document.title = `${screen} — ${APP_TITLE}`;
  }, [screen]);
}

/**
 * After a move to another screen, the focus goes to its heading, so keyboard and screen-reader users
 * start on the new page rather than in the menu they left. A page that has already put the focus
 * inside itself (a field it focuses on arrival) keeps it. Pages that load first get a little time
 * (about a second) for their heading to appear.
 */
export function useFocusHeadingOnArrival(route: string, mainId: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    let frames = 0;
    let handle = 0;
    const tryFocus = () => {
      const main = document.getElementById(mainId);
      const active = document.activeElement;
      if (!main || (active && active !== document.body && main.contains(active))) return;
      const heading = main.querySelector('h1');
      if (heading instanceof HTMLElement) {
        if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
        heading.focus();
        return;
      }
      if (++frames < 60) handle = requestAnimationFrame(tryFocus);
    };
    handle = requestAnimationFrame(tryFocus);
    return () => cancelAnimationFrame(handle);
  }, [route, mainId]);
}
