import type { IpcMain } from 'electron';
import { CALL_NAMES, channelFor } from '../shared/api/contract';
import type { CallResult } from '../shared/api/defineCall';
import { dispatchCall } from './callDispatcher';
import type { AppContext } from './services/appContext';
import { isTrustedIpcSender } from './security/requestPolicy';

/** One `ipcMain.handle` per contract entry, each refusing senders that are not the app's own page. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, ctx: AppContext): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(channelFor(name), (event, input: unknown): Promise<CallResult<unknown>> | CallResult<unknown> => {
      if (!isTrustedIpcSender(event.senderFrame?.url)) {
        return { ok: false, error: { code: 'unknown_call', message: 'Refused: the request did not come from the app.' } };
      }
      return dispatchCall(ctx, name, input);
    });
  }
}
