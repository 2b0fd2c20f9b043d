/**
 * The renderer shows restricted data and must not be able to reach Node, other origins or other
 * windows: every option below is the locked-down choice, set explicitly rather than trusted to
 * Electron's defaults, which have changed between versions. Every window the app makes (its own
 * and the hidden one the report is printed in, electron/security/reportPrintWindow.ts) starts here.
 */
export const LOCKED_DOWN_WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const);

type SecureWebPreferences = typeof LOCKED_DOWN_WEB_PREFERENCES & { preload: string; devTools: boolean };

export function secureWebPreferences(preloadPath: string, options: { allowDevTools: boolean }): SecureWebPreferences {
  return { preload: preloadPath, ...LOCKED_DOWN_WEB_PREFERENCES, devTools: options.allowDevTools };
}

interface WindowShape {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: false;
  backgroundColor: string;
  autoHideMenuBar: true;
  title: string;
}

/** Sized for the 1366×768 workstation screens the analysts use. */
export function mainWindowShape(): WindowShape {
  return { width: 1366, height: 768, minWidth: 1100, minHeight: 640, show: false, backgroundColor: '#f6f7f9', autoHideMenuBar: true, title: 'IOM Cohort Expansion Workbench' };
}
