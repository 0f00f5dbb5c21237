import type { ApiResult } from './api-error';
import {
  channelNames,
  isEventName,
  type ChannelName,
  type EventName,
  type EventPayload,
  type RequestOf,
  type ResponseOf,
} from './channels';

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

/**
 * `window.ferry`: one method per channel and `on` for events, nothing else. Built the same way
 * by the Electron preload and the browser bridge so the renderer cannot tell them apart.
 */
export type FerryWindowApi = {
  readonly [C in ChannelName]: (request: RequestOf<C>) => Promise<ApiResult<ResponseOf<C>>>;
} & {
  readonly on: <E extends EventName>(event: E, listener: EventListener<E>) => () => void;
};

export interface WindowApiTransport {
  invoke(channel: ChannelName, request: unknown): Promise<unknown>;
  /** Delivers every event; returns the unsubscribe function. */
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

export function buildWindowApi(transport: WindowApiTransport): FerryWindowApi {
  const api: Record<string, unknown> = {};
  for (const channel of channelNames) {
    api[channel] = (request: unknown) => transport.invoke(channel, request);
  }
  api.on = (event: string, listener: (payload: unknown) => void) => {
    if (!isEventName(event)) throw new Error(`Unknown event "${event}"`);
    return transport.subscribe((name, payload) => {
      if (name === event) listener(payload);
    });
  };
  return Object.freeze(api) as FerryWindowApi;
}
