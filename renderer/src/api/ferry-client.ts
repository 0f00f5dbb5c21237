import { apiResultSchema, FerryError, ferryErrorFromApi } from '../../../shared/api/api-error';
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
import { describeError } from '../../../shared/errors/describe-error';
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

let vaultUnlocker: (() => Promise<boolean>) | null = null;

/** Who asks a person to unlock the vault when a call finds it locked (the vault feature). */
export function setVaultUnlocker(unlocker: () => Promise<boolean>): void {
  vaultUnlocker = unlocker;
}

/**
 * Calls a channel; resolves with the checked response or throws a FerryError. A call refused
 * because the vault is locked asks the person to unlock it and, once they have, is made again.
 */
export async function call<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  try {
    return await callOnce(channel, request);
  } catch (error) {
    const locked = error instanceof FerryError && error.code === 'vault.locked';
    if (!locked || vaultUnlocker === null || channel.startsWith('vault.')) throw error;
    if (!(await vaultUnlocker())) throw error;
    return callOnce(channel, request);
  }
}

async function callOnce<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const invoke = ferry()[channel] as (request: RequestOf<C>) => Promise<unknown>;
  const result = apiResultSchema.safeParse(await invoke(request));
  if (!result.success) throw new FerryError('transport', `The answer to "${channel}" was malformed`);
  if (!result.data.ok) throw ferryErrorFromApi(result.data.error);
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

/** What a person is shown for a failure: a Ferry error's message with its next step when it lacks one. */
export function errorMessage(error: unknown): string {
  if (error instanceof FerryError) return describeError(error);
  return error instanceof Error ? error.message : String(error);
}
