import { badRequest } from './genesys-error';
import { DEFAULT_PAGE_SIZE } from './paging';

/**
 * Cursor paging as skill groups and teams use it: `pageSize` plus an opaque `after` (or
 * `before`) cursor, answered `{entities, nextUri, previousUri, selfUri}` with no totals. A cursor
 * names the last (or first) entity seen by its sort key, not a position, so an object created or
 * deleted while a client pages never shifts the rest under it.
 */
export interface CursorEnvelope<T> {
  entities: T[];
  nextUri?: string;
  previousUri?: string;
  selfUri: string;
}

export interface CursorItem<T> {
  /** Orders the list; unique per item (e.g. lower-cased name, then id). */
  sortKey: string;
  value: T;
}

export function cursorPageOf<T>(
  items: ReadonlyArray<CursorItem<T>>,
  query: URLSearchParams,
  maxPageSize: number,
  basePath: string,
  carriedQuery: ReadonlyArray<readonly [string, string]> = [],
): CursorEnvelope<T> {
  const pageSize = readCursorPageSize(query, maxPageSize);
  const after = readCursor(query, 'after');
  const before = readCursor(query, 'before');
  if (after !== null && before !== null) {
    throw badRequest('Send either after or before, not both.', [
      { errorCode: 'invalid.value', fieldName: 'before' },
    ]);
  }
  const sorted = [...items].sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  let start: number;
  if (after !== null) {
    const index = sorted.findIndex((item) => item.sortKey > after);
    start = index === -1 ? sorted.length : index;
  } else if (before !== null) {
    const index = sorted.findIndex((item) => item.sortKey >= before);
    const end = index === -1 ? sorted.length : index;
    start = Math.max(0, end - pageSize);
  } else {
    start = 0;
  }
  const page = sorted.slice(start, start + pageSize);
  const uri = (cursor?: { name: 'after' | 'before'; key: string }): string => {
    const params = new URLSearchParams();
    params.set('pageSize', String(pageSize));
    if (cursor) params.set(cursor.name, encodeCursor(cursor.key));
    for (const [key, value] of carriedQuery) params.append(key, value);
    return `${basePath}?${params.toString()}`;
  };
  const first = page[0];
  const last = page[page.length - 1];
  const envelope: CursorEnvelope<T> = {
    entities: page.map((item) => item.value),
    selfUri: uri(
      after !== null
        ? { name: 'after', key: after }
        : before !== null
          ? { name: 'before', key: before }
          : undefined,
    ),
  };
  if (last && start + page.length < sorted.length)
    envelope.nextUri = uri({ name: 'after', key: last.sortKey });
  if (first && start > 0) envelope.previousUri = uri({ name: 'before', key: first.sortKey });
  return envelope;
}

function readCursorPageSize(query: URLSearchParams, maxPageSize: number): number {
  const raw = query.get('pageSize');
  if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1 || value > maxPageSize) {
    throw badRequest(`pageSize must be between 1 and ${maxPageSize}, got "${raw}".`, [
      { errorCode: 'invalid.value', fieldName: 'pageSize' },
    ]);
  }
  return value;
}

const CURSOR_PREFIX = 'c1.';

function encodeCursor(sortKey: string): string {
  return CURSOR_PREFIX + Buffer.from(sortKey, 'utf8').toString('base64url');
}

/** A cursor this server did not make is a 400, never read as "from the start". */
function readCursor(query: URLSearchParams, name: 'after' | 'before'): string | null {
  const raw = query.get(name);
  if (raw === null || raw === '') return null;
  const encoded = raw.startsWith(CURSOR_PREFIX) ? raw.slice(CURSOR_PREFIX.length) : null;
  if (encoded === null || !/^[A-Za-z0-9_-]+$/.test(encoded)) {
    throw badRequest(`${name} is not a cursor this list gave out.`, [
      { errorCode: 'invalid.value', fieldName: name },
    ]);
  }
  return Buffer.from(encoded, 'base64url').toString('utf8');
}
