import type { ChannelName } from '../../../shared/api/channels';
import { buildWindowApi, type FerryWindowApi, type WindowApiTransport } from '../../../shared/api/window-api';

const TOKEN_KEY = 'ferry.bridgeToken';
const RECONNECT_MS = 1000;

/**
 * The browser twin of the Electron preload: the same `window.ferry`, carried over HTTP to the
 * bridge on loopback. The per-run token arrives in the URL fragment and is kept for reloads of
 * this tab only.
 */
export function createBrowserBridgeApi(
  location: Location,
  storage: Storage,
  history: History,
): FerryWindowApi {
  const token = takeToken(location, storage, history);
  return buildWindowApi(httpTransport(token));
}

function takeToken(location: Location, storage: Storage, history: History): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    storage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
    return match[1];
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(token: string): WindowApiTransport {
  const headers = { Authorization: `Bearer ${token}` };
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let streaming = false;

  async function stream(): Promise<void> {
    while (listeners.size > 0) {
      try {
        const response = await fetch('/api/events', { headers });
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        await readEventStream(response.body, (event, data) => {
          for (const listener of listeners) listener(event, data);
        });
      } catch {
        /* the bridge went away or refused; retry while anyone listens */
      }
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
    streaming = false;
  }

  return {
    async invoke(channel: ChannelName, request: unknown) {
      try {
        const response = await fetch('/api/invoke', {
          method: 'POST',
          headers: { ...headers, 'Content-Type': 'application/json' },
          body: JSON.stringify({ channel, request }),
        });
        return (await response.json()) as unknown;
      } catch (error) {
        return {
          ok: false,
          error: {
            code: 'transport',
            message: `Ferry's bridge did not answer (${error instanceof Error ? error.message : 'network error'})`,
          },
        };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!streaming) {
        streaming = true;
        void stream();
      }
      return () => listeners.delete(listener);
    },
  };
}

async function readEventStream(
  body: ReadableStream<Uint8Array>,
  deliver: (event: string, data: unknown) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const event = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data !== undefined) {
        try {
          deliver(event, JSON.parse(data));
        } catch {
          /* a malformed event is dropped, not fatal */
        }
      }
      boundary = buffer.indexOf('\n\n');
    }
  }
}
