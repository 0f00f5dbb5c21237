import { z } from 'zod';
import { versionConflict } from '../genesys-error';
import type { AuditFields, OrgState } from '../org-state';
import {
  assertNameFree,
  listRecords,
  divisionRef,
  NO_CONTENT,
  parseBody,
  removeRecord,
  requireRecord,
  type ListOptions,
} from '../route-helpers';
import type { Route, RouteRequest } from '../route-table';

interface NamedBody {
  name: string;
  version?: number;
}

interface NamedRecord {
  id: string;
  name: string;
  version?: number;
}

/**
 * What one Genesys object type needs for the list / create / get / replace / delete routes it
 * shares with the others. Anything a type does beyond these is a hook or an extra route.
 */
export interface CollectionSpec<T extends NamedRecord, B extends NamedBody> {
  path: string;
  /** The `:param` naming the record in item paths, e.g. `skillId`. */
  idParam: string;
  /** The type as Genesys names it in messages, e.g. `wrap-up code`. */
  label: string;
  records(org: OrgState): Record<string, T>;
  list: Omit<ListOptions<T>, 'basePath'>;
  /** Narrows what the list sees, for filters `listRecords` does not know about. */
  listScope?(request: RouteRequest, records: Record<string, T>): Record<string, T>;
  /** The body answered after a write. */
  render(org: OrgState, record: T): unknown;
  /** The body for list and get, when the query can change it (e.g. `expand`); `render` otherwise. */
  renderRead?(request: RouteRequest, record: T): unknown;
  /** The POST body. */
  body: z.ZodType<B>;
  /** Builds the new record from a body already checked for a free name; throws to refuse it. */
  create(input: B, request: RouteRequest): T;
  /** PUT, which replaces a record; types without PUT answer it with 405. */
  replace?: ReplaceSpec<T, B>;
  /** A type's own PATCH, for types that change records only partially. */
  patch?(record: T, request: RouteRequest): void;
  /**
   * Runs before a record is deleted: throws to refuse, or tidies what referred to it. The request
   * carries the query, for the types whose refusal a `force` parameter overrides.
   */
  beforeDelete?(record: T, org: OrgState, request: RouteRequest): void;
}

export interface ReplaceSpec<T extends NamedRecord, B extends NamedBody> {
  /** Defaults to the POST body. */
  body?: z.ZodType<B>;
  /** The body must carry the record's current version, and each replace bumps it. */
  versioned?: boolean;
  /** Validates the rest of the body and writes it to the record; the name is already free. */
  apply(record: T, input: B, request: RouteRequest): void;
}

/**
 * The order (list, create, get, PUT or PATCH, delete) is kept on purpose: a 405's `Allow` header
 * names the methods in route order, and clients may compare it.
 */
export function collectionRoutes<T extends NamedRecord, B extends NamedBody>(
  spec: CollectionSpec<T, B>,
): Route[] {
  const itemPath = `${spec.path}/:${spec.idParam}`;
  const find = (request: RouteRequest): T =>
    requireRecord(spec.records(request.org), request.params[spec.idParam] ?? '', spec.label);
  const renderRead = (request: RouteRequest, record: T): unknown =>
    spec.renderRead ? spec.renderRead(request, record) : spec.render(request.org, record);
  const written = (request: RouteRequest, record: T) =>
    ({ status: 200, body: spec.render(request.org, record), changed: true }) as const;

  const routes: Route[] = [
    {
      method: 'GET',
      pattern: spec.path,
      handle: (request) => {
        const records = spec.records(request.org);
        const scope = spec.listScope ? spec.listScope(request, records) : records;
        return {
          status: 200,
          body: listRecords(request, scope, (record) => renderRead(request, record), {
            ...spec.list,
            basePath: spec.path,
          }),
        };
      },
    },
    {
      method: 'POST',
      pattern: spec.path,
      handle: (request) => {
        const records = spec.records(request.org);
        const input = parseBody(spec.body, request.body);
        assertNameFree(records, input.name, spec.label);
        const record = spec.create(input, request);
        records[record.id] = record;
        return written(request, record);
      },
    },
    {
      method: 'GET',
      pattern: itemPath,
      handle: (request) => ({ status: 200, body: renderRead(request, find(request)) }),
    },
  ];
  const { replace, patch } = spec;
  if (replace) {
    routes.push({
      method: 'PUT',
      pattern: itemPath,
      handle: (request) => {
        const record = find(request);
        const input = parseBody(replace.body ?? spec.body, request.body);
        if (replace.versioned) checkVersion(record, input);
        assertNameFree(spec.records(request.org), input.name, spec.label, record.id);
        replace.apply(record, input, request);
        if (replace.versioned) bumpVersion(record);
        return written(request, record);
      },
    });
  }
  if (patch) {
    routes.push({
      method: 'PATCH',
      pattern: itemPath,
      handle: (request) => {
        const record = find(request);
        patch(record, request);
        return written(request, record);
      },
    });
  }
  routes.push({
    method: 'DELETE',
    pattern: itemPath,
    handle: (request) => {
      const record = find(request);
      spec.beforeDelete?.(record, request.org, request);
      removeRecord(spec.records(request.org), record.id);
      return NO_CONTENT;
    },
  });
  return routes;
}

/** Optimistic locking as Genesys does it: a stale version is a 409, not a silent overwrite. */
function checkVersion(record: NamedRecord, input: NamedBody): void {
  if (input.version !== record.version) throw versionConflict(record.id);
}

function bumpVersion(record: { version?: number }): void {
  record.version = (record.version ?? 0) + 1;
}

/** The audit fields of a record made by this request. */
export function createdStamp(request: RouteRequest) {
  return {
    dateCreated: request.now,
    dateModified: request.now,
    createdBy: request.clientId,
    modifiedBy: request.clientId,
  };
}

export function markModified(
  record: { dateModified: string; modifiedBy: string },
  request: RouteRequest,
): void {
  record.dateModified = request.now;
  record.modifiedBy = request.clientId;
}

/** A PUT replaces the whole record, so an omitted optional field is cleared rather than kept. */
export function setOptional<T, K extends keyof T>(record: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) Reflect.deleteProperty(record as object, key);
  else record[key] = value;
}

/**
 * The fields every Architect object (schedule, schedule group, IVR, emergency group) answers with
 * before its own: one place, so the types cannot drift apart in how they render them.
 */
export function architectObjectFields(
  org: OrgState,
  record: AuditFields & {
    id: string;
    name: string;
    divisionId: string;
    description?: string;
    version: number;
  },
) {
  return {
    id: record.id,
    name: record.name,
    division: divisionRef(org, record.divisionId),
    ...(record.description === undefined ? {} : { description: record.description }),
    version: record.version,
    dateCreated: record.dateCreated,
    dateModified: record.dateModified,
    modifiedBy: record.modifiedBy,
    createdBy: record.createdBy,
    state: 'active',
  };
}

/** A reference in a request body: Genesys reads only its id. */
export const idRef = z.object({ id: z.string().min(1) });

/**
 * The fields every Architect object's POST and PUT body (schedule, schedule group, IVR, emergency
 * group) starts with, under the same Genesys limits; each type adds its own after them.
 */
export const architectBodyHead = {
  name: z.string().trim().min(1).max(255),
  description: z.string().max(512).optional(),
  division: idRef.optional(),
};
