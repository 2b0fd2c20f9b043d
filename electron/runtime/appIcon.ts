import { join } from 'node:path';
import { findAppRoot } from './appLayout';

/**
 * The window's icon (Linux and Windows show it in the title bar and task bar; the installers carry
 * their own from electron-builder.yml). Generated from assets/icon.svg by scripts/icons.mjs, and
 * packaged (electron-builder.yml `files`), so the same path holds in a clone and in app.asar.
 */
export const WINDOW_ICON = join(findAppRoot(__dirname), 'assets', 'icons', '256x256.png');
