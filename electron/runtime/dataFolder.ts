import { homedir } from 'node:os';
import { join } from 'node:path';

const PRODUCT_NAME = 'IOM Cohort Expansion Workbench';

/**
 * The folder Electron's `app.getPath('userData')` gives the desktop app, worked out without
 * Electron, so the browser preview keeps its demo workspace where the app would find it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}
