import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isInsideAsar, unpackedPath } from '../runtime/appLayout';
import { WorkspaceError } from './workspaceErrors';

/**
 * One SQLCipher binding per runtime. `npm install` compiles better-sqlite3-multiple-ciphers for
 * Node's ABI into its own `build/Release`: the CLI and the tests load that one. Electron embeds
 * another ABI, so the app loads a second build kept beside it in `native/electron-<abi>-<os>-<cpu>/`
 * (made by `npm run electron:binding`, never over the Node build). Which one is chosen here, when a
 * workspace opens, from what the running process is, never from what happens to be on disk.
 */
export interface RuntimeIdentity {
  /** `process.versions.electron`: absent under plain Node. */
  readonly electron: string | undefined;
  /** `process.versions.modules`, the ABI a native module must be built for. */
  readonly modules: string;
  readonly platform: string;
  readonly arch: string;
}

export function currentRuntime(): RuntimeIdentity {
  return { electron: process.versions.electron, modules: process.versions.modules, platform: process.platform, arch: process.arch };
}

const BINDING_FILE = 'better_sqlite3.node';
/** What rebuilds the Electron binding in a clone (scripts/electronBinding.mjs). */
const ELECTRON_BINDING_COMMAND = 'npm run electron:binding';
/** What rebuilds the Node binding in a clone (the package's own install step). */
const NODE_BINDING_COMMAND = 'npm rebuild better-sqlite3-multiple-ciphers';

function electronBindingFolder(runtime: Pick<RuntimeIdentity, 'modules' | 'platform' | 'arch'>): string {
  return `electron-${runtime.modules}-${runtime.platform}-${runtime.arch}`;
}

/** Relative to the app's root; the packaging config unpacks `native/**` from the archive. */
export function electronBindingRelativePath(runtime: Pick<RuntimeIdentity, 'modules' | 'platform' | 'arch'>): string {
  return join('native', electronBindingFolder(runtime), BINDING_FILE);
}

type NativeBindingChoice =
  /** The package's own build, found by better-sqlite3 itself (build/Release). */
  | { readonly runtime: 'node' }
  | { readonly runtime: 'electron'; readonly path: string };

function fixFor(runtime: RuntimeIdentity, appRoot: string): string {
  if (isInsideAsar(appRoot)) return 'reinstall the app';
  return `run "${runtime.electron === undefined ? NODE_BINDING_COMMAND : ELECTRON_BINDING_COMMAND}" in ${appRoot}`;
}

function runtimeName(runtime: RuntimeIdentity): string {
  return runtime.electron === undefined ? `Node ${process.versions.node}` : `Electron ${runtime.electron}`;
}

/** Throws the one line that names the fix when the Electron build is not where it must be. */
export function chooseNativeBinding(runtime: RuntimeIdentity, appRoot: string, exists: (path: string) => boolean = existsSync): NativeBindingChoice {
  if (runtime.electron === undefined) return { runtime: 'node' };
  const path = join(unpackedPath(appRoot), electronBindingRelativePath(runtime));
  if (!exists(path)) {
    throw new WorkspaceError('internal', `The SQLCipher library for ${runtimeName(runtime)} (ABI ${runtime.modules}, ${runtime.platform}-${runtime.arch}) is missing: ${fixFor(runtime, appRoot)}.`);
  }
  return { runtime: 'electron', path };
}

const WRONG_BUILD = /NODE_MODULE_VERSION \d+|was compiled against a different Node\.js version|invalid ELF header|file too short|not a valid Win32 application|wrong ELF class|Module did not self-register|mach-o file, but is an incompatible architecture/;

/**
 * A binding that exists but was built for another runtime (the failure `npm install` followed by
 * the first unlock in Electron used to give) as one line naming the fix; null for anything else.
 */
export function wrongBindingError(error: unknown, runtime: RuntimeIdentity, appRoot: string): WorkspaceError | null {
  const message = error instanceof Error ? error.message : '';
  if (!WRONG_BUILD.test(message)) return null;
  const builtAbi = /NODE_MODULE_VERSION (\d+)/.exec(message)?.[1];
  const builtFor = builtAbi ? ` (it was built for ABI ${builtAbi})` : '';
  return new WorkspaceError('internal', `The SQLCipher library does not fit ${runtimeName(runtime)}, ABI ${runtime.modules}${builtFor}: ${fixFor(runtime, appRoot)}.`);
}
