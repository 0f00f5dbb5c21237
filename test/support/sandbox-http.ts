import type { OrgKey, SandboxHandle } from '../../electron/sandbox';

/** Pages `listOrg` reads at the most: a bound on the loop, far above what a test org holds. */
const MAX_PAGES = 50;
/** Every list the sandbox serves accepts this page size. */
const PAGE_SIZE = 100;

/**
 * A bearer token for one of the sandbox's orgs, asked for over HTTP with its client credentials:
 * tests read the org as any client would, not through Ferry.
 */
export async function sandboxOrgToken(sandbox: SandboxHandle, org: OrgKey): Promise<string> {
  const credentials = sandbox.orgs[org];
  const reply = await fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  });
  if (!reply.ok) throw new Error(`The sandbox refused a token for ${org}: HTTP ${reply.status}.`);
  const { access_token: accessToken } = (await reply.json()) as { access_token: string };
  return accessToken;
}

/**
 * Every entity of a paged list (`path` such as `/api/v2/routing/wrapupcodes`) as the sandbox's org
 * holds it, read over HTTP page by page (at most `MAX_PAGES`). The entities are the test's own
 * sandbox's replies, so their shape is taken as `T` without a schema.
 */
export async function listOrg<T extends { name: string } = { name: string }>(
  sandbox: SandboxHandle,
  org: OrgKey,
  path: string,
): Promise<T[]> {
  const token = await sandboxOrgToken(sandbox, org);
  const entities: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const url = new URL(path, sandbox.url);
    url.searchParams.set('pageSize', String(PAGE_SIZE));
    url.searchParams.set('pageNumber', String(page));
    const reply = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!reply.ok) throw new Error(`The sandbox refused ${url.pathname} for ${org}: HTTP ${reply.status}.`);
    const listing = (await reply.json()) as { entities: T[]; pageCount: number };
    entities.push(...listing.entities);
    if (page >= listing.pageCount) break;
  }
  return entities;
}
