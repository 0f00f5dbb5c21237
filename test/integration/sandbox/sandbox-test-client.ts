import type { DemoClient } from '../../../electron/sandbox';

/** A bare fetch client for the sandbox, so tests see raw statuses, headers and bodies. */
export interface RawResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function requestToken(
  baseUrl: string,
  client: DemoClient,
  form = 'grant_type=client_credentials',
): Promise<RawResponse<Record<string, unknown>>> {
  const basic = Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64');
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

export async function login(baseUrl: string, client: DemoClient): Promise<string> {
  const response = await requestToken(baseUrl, client);
  if (response.status !== 200 || typeof response.body.access_token !== 'string') {
    throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body.access_token;
}

export async function call<T = Record<string, unknown>>(
  baseUrl: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<RawResponse<T>> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}

/** A client bound to one org: `api('GET', path)`. */
export function apiFor(baseUrl: string, token: string) {
  return <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
    call<T>(baseUrl, token, method, path, body);
}

export interface Listing<T = Record<string, unknown>> {
  entities: T[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  firstUri: string;
  nextUri?: string;
  previousUri?: string;
  lastUri: string;
  selfUri: string;
}

export interface Named {
  id: string;
  name: string;
  [field: string]: unknown;
}

/** Every entity of a list, following nextUri; bounded so a paging bug cannot loop forever. */
export async function listAll<T = Named>(
  api: ReturnType<typeof apiFor>,
  path: string,
  maxPages = 50,
): Promise<T[]> {
  const all: T[] = [];
  let next: string | undefined = path;
  for (let page = 0; next !== undefined && page < maxPages; page += 1) {
    const response: RawResponse<Listing<T>> = await api<Listing<T>>('GET', next);
    if (response.status !== 200) throw new Error(`GET ${next}: ${response.status}`);
    all.push(...response.body.entities);
    next = response.body.nextUri;
  }
  return all;
}

export async function findByName<T extends Named = Named>(
  api: ReturnType<typeof apiFor>,
  listPath: string,
  name: string,
): Promise<T> {
  const match = (await listAll<T>(api, `${listPath}?pageSize=100`)).find((entity) => entity.name === name);
  if (!match) throw new Error(`no ${listPath} entity named ${name}`);
  return match;
}
