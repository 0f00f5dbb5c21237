/**
 * One Platform API request, through the connector's login, transport and rate limit: what the
 * parts of the connector that make their own calls (prompt audio, flow export/import jobs,
 * integrations and data actions) are given, so none of them holds the transport itself.
 */
export type PlatformApiCall = (
  method: string,
  path: string,
  query: Record<string, unknown>,
  body: unknown,
  signal: AbortSignal | undefined,
) => Promise<unknown>;
