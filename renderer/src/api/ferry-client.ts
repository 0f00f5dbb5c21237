import { apiResultSchema, FerryError } from '../../../shared/api/api-error';
import {
  channels,
  events,
  type ChannelName,
  type EventName,
  type EventPayload,
  type RequestOf,
  type ResponseOf,
} from '../../../shared/api/channels';
import type { FerryWindowApi } from '../../../shared/api/window-api';
import { createBrowserBridgeApi } from './browser-bridge';

let api: FerryWindowApi | null = null;

/** Picks the transport once at start: the preload's `window.ferry` if present, else the bridge. */
export function installFerryApi(): void {
  if (!window.ferry) {
    window.ferry = createBrowserBridgeApi(window.location, window.sessionStorage, window.history);
  }
  api = window.ferry;
}

function ferry(): FerryWindowApi {
  if (!api) throw new Error('installFerryApi() must run before the first call');
  return api;
}

/** Calls a channel; resolves with the checked response or throws a FerryError. */
export async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const invoke = ferry()[channel] as (request: RequestOf<C>) => Promise<unknown>;
  const result = apiResultSchema.safeParse(await invoke(request));
  if (!result.success) throw new FerryError('transport', `The answer to "${channel}" was malformed`);
  if (!result.data.ok) {
    const { code, message, details } = result.data.error;
    throw new FerryError(code, message, details);
  }
  const value = channels[channel].response.safeParse(result.data.value);
  if (!value.success)
    throw new FerryError('transport', `The answer to "${channel}" did not match the contract`);
  return value.data as ResponseOf<C>;
}

export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return ferry().on(event, (payload) => {
    const checked = events[event].safeParse(payload);
    if (checked.success) listener(checked.data as EventPayload<E>);
  });
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
