import { cursorPageOf } from '../cursor-paging';
import type { OrgState } from '../org-state';
import { pageOf, readPageRequest, type ListKind } from '../paging';
import { multiValue, nameMatcher, requireRecord } from '../route-helpers';
import type { Route, RouteRequest } from '../route-table';

/**
 * List and get for an object type the sandbox only serves (the objects queues point at): the
 * page envelope (or cursor paging, for the types that use it), the filters the real list takes,
 * and the same page-size limits, rate limit and faults as every other route.
 */
export interface ReadOnlySpec<T extends { id: string }> {
  path: string;
  /** The `:param` naming the record in item paths. */
  idParam: string;
  label: string;
  kind: ListKind;
  paging?: 'pages' | 'cursor';
  /** The records list and get see; a sub-collection throws its parent's 404 here. */
  scope(request: RouteRequest): Record<string, T>;
  /** The list's own path, when it has parameters (e.g. a domain's routes). */
  listPath?(request: RouteRequest): string;
  /** The filters this list takes, read from the query. */
  filter?(query: URLSearchParams): (record: T) => boolean;
  /** Query parameters next/previous links carry. */
  carried?: readonly string[];
  /** Orders the list: name (lower case) then id, unless a type has no name. */
  sortKey?(record: T): string;
  render(org: OrgState, record: T): unknown;
}

export function readOnlyRoutes<T extends { id: string; name?: string }>(spec: ReadOnlySpec<T>): Route[] {
  const sortKey = spec.sortKey ?? ((record: T) => `${(record.name ?? '').toLowerCase()}\u0000${record.id}`);
  return [
    {
      method: 'GET',
      pattern: spec.path,
      handle: (request) => {
        const { query, org } = request;
        const records = spec.scope(request);
        const basePath = spec.listPath ? spec.listPath(request) : spec.path;
        const maxPageSize = request.maxPageSizes[spec.kind];
        const keep = spec.filter ? spec.filter(query) : () => true;
        const carried: [string, string][] = [];
        for (const name of spec.carried ?? []) {
          for (const value of query.getAll(name)) carried.push([name, value]);
        }
        const kept = Object.values(records).filter(keep);
        if (spec.paging === 'cursor') {
          const items = kept.map((record) => ({ sortKey: sortKey(record), value: spec.render(org, record) }));
          return { status: 200, body: cursorPageOf(items, query, maxPageSize, basePath, carried) };
        }
        const page = readPageRequest(query, maxPageSize);
        const sorted = kept
          .map((record) => ({ key: sortKey(record), record }))
          .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
          .map(({ record }) => spec.render(org, record));
        return { status: 200, body: pageOf(sorted, page, basePath, carried) };
      },
    },
    {
      method: 'GET',
      pattern: `${spec.path}/:${spec.idParam}`,
      handle: (request) => {
        const record = requireRecord(spec.scope(request), request.params[spec.idParam] ?? '', spec.label);
        return { status: 200, body: spec.render(request.org, record) };
      },
    },
  ];
}

/** The real lists' `name` filter: the whole name or its start, ignoring case. */
export function byName<T extends { name: string }>(
  query: URLSearchParams,
  parameter = 'name',
): (record: T) => boolean {
  const matches = nameMatcher(query.get(parameter), 'prefix');
  return (record) => matches(record.name);
}

/** A repeated (or comma-joined) filter: the record matches when any value does. */
export function anyOf<T>(
  query: URLSearchParams,
  parameter: string,
  value: (record: T) => string,
  compare: (actual: string, wanted: string) => boolean = (actual, wanted) =>
    actual.toLowerCase() === wanted.toLowerCase(),
): (record: T) => boolean {
  const wanted = multiValue(query, parameter);
  return (record) => wanted.length === 0 || wanted.some((one) => compare(value(record), one));
}

export function allOf<T>(...filters: ReadonlyArray<(record: T) => boolean>): (record: T) => boolean {
  return (record) => filters.every((keep) => keep(record));
}
