import { badRequest } from './genesys-error';

/**
 * Largest `pageSize` each list accepts. Genesys does not document most of these; the values are
 * the ones the Genesys terraform provider relies on, so a client that computes
 * `ceil(total / max)` requests here makes the same number of calls it would against a real org.
 */
export const DEFAULT_MAX_PAGE_SIZES = {
  skills: 500,
  queues: 500,
  languages: 100,
  wrapupcodes: 100,
  queueWrapupcodes: 100,
  schedules: 100,
  schedulegroups: 100,
  datatables: 100,
  datatableRows: 100,
  divisions: 100,
  ivrs: 100,
  emergencygroups: 100,
  utilizationlabels: 100,
  // The objects queues refer to; read-only here. 100 is what the terraform provider pages them by.
  groups: 100,
  skillgroups: 100,
  teams: 100,
  scripts: 100,
  flows: 100,
  prompts: 100,
  promptResources: 100,
  sites: 100,
  edgegroups: 100,
  emailDomains: 100,
  emailRoutes: 100,
  libraries: 100,
  smsPhoneNumbers: 100,
  messageRecipients: 100,
  // Issue 18: integrations, their credentials and data actions.
  integrations: 100,
  credentials: 100,
  actions: 100,
  flowVersions: 100,
} as const;

export type ListKind = keyof typeof DEFAULT_MAX_PAGE_SIZES;
export type MaxPageSizes = Readonly<Record<ListKind, number>>;

export const DEFAULT_PAGE_SIZE = 25;

/** Fewest list calls needed to read `total` objects at the largest page size. */
export function minimumListRequests(total: number, maxPageSize: number): number {
  return Math.max(1, Math.ceil(total / maxPageSize));
}

/** A number applies to every list; a partial table overrides only the kinds it names. */
export function resolveMaxPageSizes(
  option: number | Partial<Record<ListKind, number>> | undefined,
): MaxPageSizes {
  const sizes: Record<ListKind, number> = { ...DEFAULT_MAX_PAGE_SIZES };
  for (const kind of Object.keys(sizes) as ListKind[]) {
    const value = typeof option === 'number' ? option : option?.[kind];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`maxPageSize for ${kind} must be a positive integer, got ${String(value)}`);
    }
    sizes[kind] = value;
  }
  return sizes;
}

export interface PageRequest {
  pageSize: number;
  pageNumber: number;
}

/** Reads `pageSize`/`pageNumber`; out-of-range values are a 400 rather than silently clamped. */
export function readPageRequest(query: URLSearchParams, maxPageSize: number): PageRequest {
  const pageSize = readPositiveInteger(query, 'pageSize', DEFAULT_PAGE_SIZE);
  const pageNumber = readPositiveInteger(query, 'pageNumber', 1);
  if (pageSize > maxPageSize) {
    throw badRequest(`pageSize must be between 1 and ${maxPageSize}, got ${pageSize}.`, [
      { errorCode: 'page.size.too.large', fieldName: 'pageSize' },
    ]);
  }
  return { pageSize, pageNumber };
}

function readPositiveInteger(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
    throw badRequest(`${name} must be a positive integer, got "${raw}".`, [
      { errorCode: 'invalid.value', fieldName: name },
    ]);
  }
  return value;
}

export interface PageEnvelope<T> {
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

/**
 * Cuts one page out of an already filtered and sorted list. `carriedQuery` holds the filters a
 * caller sent, so following `nextUri` keeps the same view.
 */
export function pageOf<T>(
  items: readonly T[],
  page: PageRequest,
  basePath: string,
  carriedQuery: ReadonlyArray<readonly [string, string]> = [],
): PageEnvelope<T> {
  const total = items.length;
  const pageCount = Math.ceil(total / page.pageSize);
  const start = (page.pageNumber - 1) * page.pageSize;
  const uri = (pageNumber: number): string => {
    const params = new URLSearchParams();
    params.set('pageSize', String(page.pageSize));
    params.set('pageNumber', String(pageNumber));
    for (const [key, value] of carriedQuery) params.append(key, value);
    return `${basePath}?${params.toString()}`;
  };
  const envelope: PageEnvelope<T> = {
    entities: items.slice(start, start + page.pageSize),
    pageSize: page.pageSize,
    pageNumber: page.pageNumber,
    total,
    pageCount,
    firstUri: uri(1),
    lastUri: uri(Math.max(1, pageCount)),
    selfUri: uri(page.pageNumber),
  };
  if (page.pageNumber < pageCount) envelope.nextUri = uri(page.pageNumber + 1);
  if (page.pageNumber > 1) envelope.previousUri = uri(Math.min(page.pageNumber - 1, Math.max(1, pageCount)));
  return envelope;
}
