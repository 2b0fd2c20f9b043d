import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as SqliteDatabase, Options } from 'better-sqlite3-multiple-ciphers';
import { findAppRoot } from '../runtime/appLayout';
import { chooseNativeBinding, currentRuntime, wrongBindingError, type RuntimeIdentity } from './nativeBinding';

let appRoot: string | null = null;

/**
 * Every connection the app, the CLI and the workers make goes through here, so each gets the
 * SQLCipher build for the runtime it runs in (see nativeBinding.ts), and a build for the wrong
 * runtime is one line naming the fix rather than a NODE_MODULE_VERSION stack.
 */
export function openSqliteDatabase(path: string, options: Omit<Options, 'nativeBinding'> = {}): SqliteDatabase {
  appRoot ??= findAppRoot(__dirname);
  return openSqliteDatabaseFor(currentRuntime(), appRoot, path, options);
}

/** The same for a given runtime and app root (the tests choose both). */
export function openSqliteDatabaseFor(runtime: RuntimeIdentity, root: string, path: string, options: Omit<Options, 'nativeBinding'> = {}): SqliteDatabase {
  const choice = chooseNativeBinding(runtime, root);
  try {
    return new Database(path, choice.runtime === 'electron' ? { ...options, nativeBinding: choice.path } : options);
  } catch (error) {
    throw wrongBindingError(error, runtime, root) ?? error;
  }
}
