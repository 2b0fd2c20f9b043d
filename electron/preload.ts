import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, channelFor, type CallName } from '../shared/api/contract';
import type { PreloadApi } from '../shared/api/preloadApi';

/**
 * Exactly the contract's calls, one function each; the renderer never sees `ipcRenderer`, so it
 * cannot send on any other channel.
 */
const api = Object.freeze(
  Object.fromEntries(CALL_NAMES.map((name: CallName) => [name, (input: unknown) => ipcRenderer.invoke(channelFor(name), input)])),
) as PreloadApi;

contextBridge.exposeInMainWorld('iomApi', api);
