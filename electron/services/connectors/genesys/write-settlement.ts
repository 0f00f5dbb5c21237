import {
  removeFieldsMatching,
  sortUnorderedArrays,
} from '../../../../shared/model/canonical/canonical-object-shape';
import { slotsAt, writeSlot } from '../../../../shared/model/canonical/field-path';
import {
  cloneJson,
  isJsonObject,
  type JsonObject,
  type JsonValue,
} from '../../../../shared/model/canonical/json-value';
import { stableStringify } from '../../../../shared/model/canonical/stable-stringify';
import type { ObjectTypeId } from '../../../../shared/model/object-types/object-type-definition';
import { getObjectType } from '../../../../shared/model/object-types/registry';
import { GenesysApiError, GenesysErrorCode, malformedReply } from './genesys-error';

/**
 * Writes that happen exactly once although replies get lost. When a write fails in a way that does
 * not show whether the server carried it out (see `GenesysApiError.outcomeUnknown`), the target is
 * read: a write it already shows is done and is not sent again; a PUT or DELETE it provably does
 * not show is sent again (repeating those is harmless); anything else keeps its real error.
 */

/** What a read after an unsure write found. */
export type Settlement<T> =
  | { held: true; value: T }
  /** `resend`: the write is not there and sending it again is safe. */
  | { held: false; resend: boolean };

export interface SettleOptions<T> {
  send: () => Promise<T>;
  /** Reads the target after an unsure outcome; its own failure leaves the write's error standing. */
  read: () => Promise<Settlement<T>>;
  /** What the error of a resent write already shows, without a read (null: read). */
  afterResend?: (error: unknown) => Settlement<T> | null;
  /** Waits before a resend and counts it as a retry. */
  backOff: (attempt: number) => Promise<void>;
  /** Resends at the most. */
  limit: number;
}

export async function settleWrite<T>(options: SettleOptions<T>): Promise<T> {
  for (let resent = 0; ; resent += 1) {
    try {
      return await options.send();
    } catch (error) {
      // After a resend, a 404 (a DELETE whose first attempt landed) or a 409 (a versioned PUT whose
      // first attempt moved the version) is as unsure as a lost reply: the first attempt may be why.
      if (!(isOutcomeUnknown(error) || (resent > 0 && isNotFoundOrConflict(error)))) throw error;
      let found = resent > 0 ? (options.afterResend?.(error) ?? null) : null;
      try {
        found ??= await options.read();
      } catch {
        throw error;
      }
      if (found.held) return found.value;
      if (!found.resend || !isOutcomeUnknown(error) || resent >= options.limit) throw error;
      await options.backOff(resent + 1);
    }
  }
}

export function isOutcomeUnknown(error: unknown): boolean {
  return error instanceof GenesysApiError && error.outcomeUnknown;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof GenesysApiError && error.code === GenesysErrorCode.notFound;
}

function isNotFoundOrConflict(error: unknown): boolean {
  return isNotFound(error) || (error instanceof GenesysApiError && error.code === GenesysErrorCode.conflict);
}

/**
 * True when `object`, as the target returns it, holds everything `sent` (a POST or PUT body) set:
 * each field of the body, compared without what the server keeps (ids, versions, dates), with
 * references compared by id and unordered arrays sorted. Fields the body leaves out (server
 * defaults, sub-resource lists) do not count.
 */
export function holdsWritten(type: ObjectTypeId, object: unknown, sent: unknown): boolean {
  const actual = comparable(type, object);
  const wanted = comparable(type, sent);
  if (actual === null || wanted === null) return false;
  // A field sent as null clears it: the object must not have it any more.
  const cleared = isJsonObject(sent) ? Object.keys(sent).filter((field) => sent[field] === null) : [];
  if (cleared.some((field) => Object.hasOwn(actual, field))) return false;
  return Object.entries(wanted).every(
    ([field, value]) => Object.hasOwn(actual, field) && holdsValue(actual[field] ?? null, value),
  );
}

/**
 * Whether `actual` holds what `wanted` sets: objects field by field (what the server adds inside
 * them, such as a data table schema's `$id` and `displayOrder`, does not count), everything else
 * exactly. A write the server applied only in part is still caught by the run's verify.
 */
function holdsValue(actual: JsonValue, wanted: JsonValue): boolean {
  if (isJsonObject(wanted) && isJsonObject(actual)) {
    return Object.entries(wanted).every(
      ([field, value]) => Object.hasOwn(actual, field) && holdsValue(actual[field] ?? null, value),
    );
  }
  return stableStringify(actual) === stableStringify(wanted);
}

function comparable(type: ObjectTypeId, value: unknown): JsonObject | null {
  const definition = getObjectType(type);
  let copy: unknown;
  try {
    copy = cloneJson(value, { dropNullFields: true });
  } catch {
    return null;
  }
  if (!isJsonObject(copy)) return null;
  removeFieldsMatching(copy, definition.volatileFields);
  // The API answers a reference as `{id, name, selfUri}` and is sent `{id}`: the id is what counts.
  for (const reference of definition.references) {
    for (const slot of slotsAt(copy, reference.path)) {
      const target = slot.value;
      if (isJsonObject(target) && typeof target.id === 'string') writeSlot(slot, { id: target.id });
    }
  }
  sortUnorderedArrays(copy, definition.unorderedArrays);
  return copy;
}

/** The objects of one type whose natural key is `key`, from pages read by `readPage`. */
export async function objectsByKey(
  type: ObjectTypeId,
  key: string,
  readPage: (query: Record<string, unknown>) => Promise<unknown>,
  pageSize: number,
  maxPages: number,
): Promise<Record<string, unknown>[]> {
  const definition = getObjectType(type);
  // Genesys filters lists by name (prefix or wildcard, depending on the type); the exact match is
  // made here, so a filter that matches more, or a server that ignores it, still gives the right answer.
  const filter = definition.naturalKey === 'name' ? { name: key } : {};
  const found: Record<string, unknown>[] = [];
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber += 1) {
    const page = await readPage({ ...filter, pageSize, pageNumber });
    if (!isJsonObject(page) || !Array.isArray(page.entities)) {
      throw malformedReply(definition.collectionPath, 'a page without an entities list');
    }
    for (const entity of page.entities) {
      if (isJsonObject(entity) && entity[definition.naturalKey] === key) found.push(entity);
    }
    const pageCount = typeof page.pageCount === 'number' ? page.pageCount : 1;
    if (pageNumber >= pageCount || page.entities.length === 0) return found;
  }
  throw new GenesysApiError(
    GenesysErrorCode.malformed,
    `${definition.collectionPath} filtered by ${definition.naturalKey} has more than ${maxPages} pages`,
    { status: null, method: 'GET', path: definition.collectionPath },
  );
}
