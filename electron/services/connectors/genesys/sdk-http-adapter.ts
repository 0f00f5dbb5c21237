import { loadGenesysSdk, type SdkHttpRequest } from './genesys-sdk';
import type { GenesysTransport } from './genesys-transport';
import { checkRequestDestination, type RequestDestinations } from './request-destinations';

/**
 * Plugs Ferry's transport under the SDK (`ApiClient.setHttpClient`), so every SDK call gets the
 * same timeouts, retries, pacing and request counting. Errors pass through unchanged: they are
 * already typed and carry no headers. Every request's destination is checked here, where the
 * token request is made, before it is sent.
 */
export function createSdkHttpAdapter(
  transport: GenesysTransport,
  signal: () => AbortSignal | undefined,
  destinations: RequestDestinations,
): object {
  const { AbstractHttpClient } = loadGenesysSdk();
  class FerrySdkHttpClient extends AbstractHttpClient {
    async request(options: SdkHttpRequest) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(options.headers ?? {})) {
        if (typeof value === 'string') headers[name] = value;
      }
      let body: string | undefined;
      if (typeof options.data === 'string') {
        body = options.data;
        // The SDK's token request sends a form body without saying so (axios used to add it).
        if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
          headers['Content-Type'] = 'application/x-www-form-urlencoded';
        }
      } else if (options.data !== undefined && options.data !== null) {
        body = JSON.stringify(options.data);
      }
      const url = withQuery(options.url, options.params ?? {});
      checkRequestDestination(destinations, url, headers);
      const response = await transport.send({
        method: options.method,
        url,
        headers,
        ...(body !== undefined ? { body } : {}),
        ...(signal() ? { signal: signal() } : {}),
      });
      return {
        status: response.status,
        statusText: response.statusText,
        headers: Object.fromEntries(response.headers.entries()),
        data: response.body,
      };
    }

    enableHooks(): void {
      /* hooks are not used: the transport is the hook */
    }
  }
  return new FerrySdkHttpClient();
}

function withQuery(url: string, params: Record<string, unknown>): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) target.searchParams.append(name, String(item));
    else target.searchParams.set(name, String(value));
  }
  return target.toString();
}
