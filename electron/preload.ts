import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CALL_NAMES, channelFor, type CallName } from '../shared/api/contract';
import { DROPPED_FILE_CHANNEL, type DroppedFiles, type PreloadApi } from '../shared/api/preloadApi';

/**
 * Exactly the contract's calls, one function each; the renderer never sees `ipcRenderer`, so it
 * cannot send on any other channel.
 */
const api = Object.freeze(
  Object.fromEntries(CALL_NAMES.map((name: CallName) => [name, (input: unknown) => ipcRenderer.invoke(channelFor(name), input)])),
) as PreloadApi;

contextBridge.exposeInMainWorld('iomApi', api);

/**
 * A dropped file, registered with main for a token (issue 17.4). The path is read here, where a
 * sandboxed page cannot (File.path is gone since Electron 32), and never handed to the page:
 * webUtils answers '' for a File the page made itself, so only a file the user really dropped
 * (or picked in a file input) can be registered.
 */
const files: DroppedFiles = Object.freeze({
  choose: (file: File, purpose: unknown) => ipcRenderer.invoke(DROPPED_FILE_CHANNEL, { path: webUtils.getPathForFile(file), purpose }),
});
contextBridge.exposeInMainWorld('iomFiles', files);
