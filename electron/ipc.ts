import type { IpcMain } from 'electron';
import { CALL_NAMES, channelFor } from '../shared/api/contract';
import type { CallResult } from '../shared/api/defineCall';
import { dispatchCall } from './callDispatcher';
import type { AppContext } from './runtime/appContext';
import { isTrustedIpcSender } from './security/requestPolicy';
import { DROPPED_FILE_CHANNEL } from '../shared/api/preloadApi';
import { registerDroppedFile } from './security/droppedFiles';

const REFUSED = { ok: false, error: { code: 'unknown_call', message: 'Refused: the request did not come from the app.' } } as const;

/**
 * One `ipcMain.handle` per contract entry, and the preload's channel for dropped files, each
 * refusing senders that are not the app's own page.
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, ctx: AppContext): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(channelFor(name), (event, input: unknown): Promise<CallResult<unknown>> | CallResult<unknown> => {
      if (!isTrustedIpcSender(event.senderFrame?.url)) return REFUSED;
      return dispatchCall(ctx, name, input);
    });
  }
  ipcMain.handle(DROPPED_FILE_CHANNEL, (event, input: unknown) => (isTrustedIpcSender(event.senderFrame?.url) ? registerDroppedFile(ctx.session.files, input) : REFUSED));
}
