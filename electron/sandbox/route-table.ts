import type { WriteOperation } from './fault-injector';
import type { MaxPageSizes } from './paging';
import type { OrgState } from './org-state';
import type { LinkSigner } from './presigned-link';

/** Everything a route handler may read about one authenticated request. */
export interface RouteRequest {
  org: OrgState;
  /** The OAuth client id, recorded as createdBy/modifiedBy like Genesys does for client apps. */
  clientId: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when none was sent. */
  body: unknown;
  /** The request time as an ISO string, shared by every timestamp one request writes. */
  now: string;
  maxPageSizes: MaxPageSizes;
  /** How long an Architect export or import job runs before it reports its outcome. */
  flowJobDurationMs?: number;
  /** `http://127.0.0.1:<port>`, for the absolute links some replies carry (prompt media, uploads). */
  origin?: string;
  /** Where Architect job files live (another host than the API) and how their links are signed. */
  storage?: { origin: string; signer: LinkSigner };
  /** A fault the handler itself carries out: the job this call registers ends in Failure. */
  injectedFault?: 'jobFailure';
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  /** True when the handler changed the org, so the server persists it before answering. */
  changed?: boolean;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: HttpMethod;
  /** A path with `:name` segments, e.g. `/api/v2/routing/queues/:queueId/wrapupcodes`. */
  pattern: string;
  /**
   * Names the write, so tests can make the sandbox lose this write's reply (after applying it) or
   * refuse it with a 429 (see fault-injector.ts, `WriteOperation`).
   */
  operation?: WriteOperation;
  /**
   * Handlers are synchronous on purpose: a request validates, then mutates the in-memory org in
   * one step, so two overlapping requests can never observe each other's half-made change.
   */
  handle(request: RouteRequest): RouteResponse;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrongMethod'; allowed: HttpMethod[] }
  | { kind: 'none' };

interface CompiledRoute {
  route: Route;
  segments: string[];
  literalCount: number;
}

export class RouteTable {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    // Literal segments win over parameters, so `/divisions/home` is never read as an id.
    this.routes = routes
      .map((route) => {
        const segments = splitPath(route.pattern);
        return { route, segments, literalCount: segments.filter((s) => !s.startsWith(':')).length };
      })
      .sort((a, b) => b.literalCount - a.literalCount);
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    const allowed: HttpMethod[] = [];
    let matchedShape: string[] | null = null;
    for (const compiled of this.routes) {
      const params = matchSegments(compiled.segments, segments);
      if (!params) continue;
      // Only routes of the most specific matching shape decide between found and wrong method.
      if (matchedShape && matchedShape.join('/') !== compiled.segments.join('/')) continue;
      matchedShape = compiled.segments;
      if (compiled.route.method === method) return { kind: 'found', route: compiled.route, params };
      allowed.push(compiled.route.method);
    }
    return allowed.length > 0 ? { kind: 'wrongMethod', allowed } : { kind: 'none' };
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | null {
  if (pattern.length !== actual.length) return null;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const expected = pattern[index] as string;
    const value = actual[index] as string;
    if (expected.startsWith(':')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        return null;
      }
      params[expected.slice(1)] = decoded;
    } else if (expected !== value) {
      return null;
    }
  }
  return params;
}
