import type { z } from 'zod';
import { badRequest, nameTaken, notFound, type GenesysErrorDetail } from './genesys-error';
import type { DivisionRecord, OrgState } from './org-state';
import { pageOf, readPageRequest, type ListKind, type PageEnvelope } from './paging';
import type { RouteRequest } from './route-table';

/** `{id, name, selfUri}`, the reference shape Genesys uses everywhere. */
export interface EntityRef {
  id: string;
  name?: string;
  selfUri: string;
}

export const DIVISIONS_PATH = '/api/v2/authorization/divisions';

/** Validates a JSON body; a failure names every bad field, as a Genesys 400 does. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === undefined) throw badRequest('A request body is required.', [{ errorCode: 'body.required' }]);
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const details: GenesysErrorDetail[] = result.error.issues.map((issue) => ({
    errorCode: issue.code,
    fieldName: issue.path.map(String).join('.') || '(body)',
  }));
  const summary = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  throw badRequest(`The request body is not valid: ${summary}.`, details);
}

export function requireRecord<T>(collection: Record<string, T>, id: string, label: string): T {
  const record = Object.hasOwn(collection, id) ? collection[id] : undefined;
  if (record === undefined) throw notFound(`The ${label} ${id} was not found.`);
  return record;
}

/** Genesys treats names as unique per type regardless of case. */
export function assertNameFree(
  collection: Record<string, { id: string; name: string }>,
  name: string,
  label: string,
  exceptId?: string,
): void {
  const wanted = name.toLowerCase();
  const clash = Object.values(collection).find((r) => r.id !== exceptId && r.name.toLowerCase() === wanted);
  if (clash) throw nameTaken(label, name);
}

export function homeDivision(org: OrgState): DivisionRecord {
  const home = Object.values(org.divisions).find((division) => division.homeDivision);
  if (!home) throw new Error(`org ${org.key} has no home division`);
  return home;
}

/** An omitted division means the home division, as in Genesys; an unknown one is a 400. */
export function resolveDivisionId(
  org: OrgState,
  ref: { id: string } | undefined,
  field = 'division',
): string {
  if (!ref) return homeDivision(org).id;
  if (!Object.hasOwn(org.divisions, ref.id)) {
    throw badRequest(`${field}.id ${ref.id} is not a division of this org.`, [
      { errorCode: 'invalid.reference', fieldName: `${field}.id`, entityId: ref.id },
    ]);
  }
  return ref.id;
}

export function divisionRef(org: OrgState, divisionId: string): EntityRef {
  const division = org.divisions[divisionId];
  return { id: divisionId, name: division?.name ?? '', selfUri: `${DIVISIONS_PATH}/${divisionId}` };
}

/** Checks each referenced id exists in `collection`; the 400 names the body path of each miss. */
export function checkReferences(
  collection: Record<string, unknown>,
  refs: ReadonlyArray<{ id: string; field: string }>,
  label: string,
): void {
  const missing = refs.filter((ref) => !Object.hasOwn(collection, ref.id));
  if (missing.length === 0) return;
  throw badRequest(
    `Unknown ${label} referenced at ${missing.map((ref) => `${ref.field} (${ref.id})`).join(', ')}.`,
    missing.map((ref) => ({ errorCode: 'invalid.reference', fieldName: ref.field, entityId: ref.id })),
  );
}

export type NameMatch = 'prefix' | 'wildcard';

/**
 * `prefix`: skills, languages and wrap-up codes match names starting with the filter.
 * `wildcard`: queues, schedules, schedule groups, data tables and divisions match the whole name
 * unless the filter has a leading and/or trailing `*`. Both ignore case.
 */
export function nameMatcher(filter: string | null, mode: NameMatch): (name: string) => boolean {
  if (filter === null || filter === '') return () => true;
  const wanted = filter.toLowerCase();
  if (mode === 'prefix') return (name) => name.toLowerCase().startsWith(wanted);
  const leading = wanted.startsWith('*');
  const trailing = wanted.length > 1 && wanted.endsWith('*');
  const core = wanted.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  return (name) => {
    const text = name.toLowerCase();
    if (leading && trailing) return text.includes(core);
    if (leading) return text.endsWith(core);
    if (trailing) return text.startsWith(core);
    return text === core;
  };
}

/** Multi-valued filters arrive repeated (`id=a&id=b`) or comma-joined (`id=a,b`, the SDK's way). */
export function multiValue(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

export interface ListOptions<T> {
  kind: ListKind;
  basePath: string;
  nameMatch?: NameMatch;
  divisionOf?: (record: T) => string;
  /** Query parameters beyond paging that the next/previous links must carry. */
  carried?: readonly string[];
}

/**
 * The common list behaviour: `name`, `id` and `divisionId` filters, ordering by name
 * (`sortOrder=desc` reverses it) and the paging envelope.
 */
export function listRecords<T extends { id: string; name: string }, R>(
  request: RouteRequest,
  collection: Record<string, T>,
  render: (record: T) => R,
  options: ListOptions<T>,
): PageEnvelope<R> {
  const { query } = request;
  const page = readPageRequest(query, request.maxPageSizes[options.kind]);
  const matchesName = nameMatcher(
    options.nameMatch ? query.get('name') : null,
    options.nameMatch ?? 'prefix',
  );
  const ids = new Set(multiValue(query, 'id'));
  const divisions = new Set(options.divisionOf ? multiValue(query, 'divisionId') : []);
  const descending = (query.get('sortOrder') ?? '').toLowerCase() === 'desc';
  const records = Object.values(collection)
    .filter((record) => matchesName(record.name))
    .filter((record) => ids.size === 0 || ids.has(record.id))
    .filter(
      (record) => divisions.size === 0 || (options.divisionOf && divisions.has(options.divisionOf(record))),
    )
    .sort((a, b) => compareByName(a, b) * (descending ? -1 : 1));
  const carried: [string, string][] = [];
  for (const name of ['name', 'sortOrder', ...(options.carried ?? [])]) {
    for (const value of query.getAll(name)) carried.push([name, value]);
  }
  if (ids.size > 0) carried.push(['id', [...ids].join(',')]);
  if (divisions.size > 0) carried.push(['divisionId', [...divisions].join(',')]);
  return pageOf(records.map(render), page, options.basePath, carried);
}

export function compareByName(a: { id: string; name: string }, b: { id: string; name: string }): number {
  const byName = a.name.toLowerCase().localeCompare(b.name.toLowerCase(), 'en');
  return byName !== 0 ? byName : a.id.localeCompare(b.id);
}

/** Removes one record by id; the ids are data, hence the dynamic key. */
export function removeRecord(collection: Record<string, unknown>, id: string): void {
  Reflect.deleteProperty(collection, id);
}

/** Deletion answers: Genesys sends 204 with no body for most DELETEs. */
export const NO_CONTENT = { status: 204, changed: true } as const;

/** On a replace an omitted division keeps the current one, unlike a create where it means home. */
export function keptDivisionId(org: OrgState, ref: { id: string } | undefined, current: string): string {
  return ref ? resolveDivisionId(org, ref) : current;
}
