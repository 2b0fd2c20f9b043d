import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { LOCKED_DOWN_WEB_PREFERENCES } from './webPreferences';

/**
 * The hidden window the desktop app prints the cohort report in. It shows only the report's own
 * HTML (aggregate figures, no personal data) and needs nothing but layout: no JavaScript, no
 * preload, no Node, sandboxed and isolated, no dev tools, nothing that could fetch or navigate.
 * It stays in the default session, so the app's request policy (network refused) applies to it too.
 */
export function reportPrintWebPreferences(): WebPreferences {
  return { ...LOCKED_DOWN_WEB_PREFERENCES, javascript: false, images: false, devTools: false };
}

/** Never shown, never in the taskbar; A4 width at 96 dpi so the layout is the printed one. */
export function reportPrintWindowShape(): Omit<BrowserWindowConstructorOptions, 'webPreferences'> {
  return { show: false, width: 794, height: 1123, skipTaskbar: true, focusable: false, paintWhenInitiallyHidden: true };
}
