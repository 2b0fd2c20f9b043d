import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CALL_NAMES, channelFor, type CallName } from '../shared/api/contract';
import type { DroppedFiles, PreloadApi } from '../shared/api/preloadApi';

/**
 * Exactly the contract's calls, one function each; the renderer never sees `ipcRenderer`, so it
 * cannot send on any other channel.
 */
const api = Object.freeze(
  Object.fromEntries(CALL_NAMES.map((name: CallName) => [name, (input: unknown) => ipcRenderer.invoke(channelFor(name), input)])),
) as PreloadApi;

contextBridge.exposeInMainWorld('iomApi', api);

/**
 * A dropped file's path, which a sandboxed page cannot see (File.path is gone since Electron 32).
 * Local only: it sends nothing to main; the path then goes through 'import.preview' like a typed one.
 */
const files: DroppedFiles = Object.freeze({ pathForFile: (file: File) => webUtils.getPathForFile(file) });
contextBridge.exposeInMainWorld('iomFiles', files);
