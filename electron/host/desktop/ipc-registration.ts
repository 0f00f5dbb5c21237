import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { ErrorCode, type ApiResult } from '../../../shared/api/api-error';
import { IPC_EVENT, IPC_INVOKE } from '../../../shared/api/ipc-names';
import type { Dispatcher } from '../core/dispatcher';
import type { EventHub } from '../../services/events/event-hub';
import { isTrustedSenderUrl } from '../../services/security/trusted-sender';

/**
 * The one place main accepts calls: a single invoke handler that checks the sender frame, then
 * hands the channel name and request to the dispatcher, which refuses unknown channels and
 * validates the request against the contract.
 */
export function registerIpc(dispatcher: Dispatcher, events: EventHub, windows: () => WebContents[]): void {
  ipcMain.handle(IPC_INVOKE, async (event: IpcMainInvokeEvent, channel: unknown, request: unknown) => {
    const frame = event.senderFrame;
    const isMainFrame = frame !== null && frame === event.sender.mainFrame;
    if (!isTrustedSenderUrl(frame?.url, isMainFrame)) {
      const refused: ApiResult<never> = {
        ok: false,
        error: { code: ErrorCode.senderRefused, message: 'Calls are accepted only from the Ferry window' },
      };
      return refused;
    }
    return dispatcher.dispatch(channel, request);
  });
  events.attach((event, payload) => {
    for (const contents of windows()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT, event, payload);
    }
  });
}
