import { FerryError } from '../../../shared/api/api-error';
import type { ObjectTypeDefinition } from '../../../shared/model/object-types/object-type-definition';
import type { ApiCall } from '../../../shared/model/plan';
import type { Connector } from '../connectors/connector';
import { DIVISION_OBJECT_TYPES } from '../../../shared/promotion/engine/object-calls';

export type ApiCaller = (
  type: ObjectTypeDefinition,
  call: ApiCall,
  signal?: AbortSignal,
) => Promise<Record<string, unknown> | null>;

/**
 * Sends a resolved plan call. Writes of the object itself go through the connector's typed
 * methods; anything else (sub-resources) through its request path. The path must lie under the
 * type's collection: a plan read from disk is checked, never trusted to name other URLs.
 */
export function apiCallerFor(connector: Connector): ApiCaller {
  const request = connector.request.bind(connector);
  return async (type, call, signal) => {
    const path = call.path;
    if (isDivisionMove(type, call)) {
      await request(call.method, path, call.body, signal);
      return null;
    }
    const under = path === type.collectionPath || path.startsWith(`${type.collectionPath}/`);
    if (!under || path.split('/').some((segment) => segment === '.' || segment === '..')) {
      throw new FerryError(
        'promotion.plan-invalid',
        `${call.method} ${path} is not under ${type.collectionPath}`,
      );
    }
    const rest = path.slice(type.collectionPath.length + 1);
    const ownId = rest !== '' && !rest.includes('/') ? decodeURIComponent(rest) : null;
    const body = call.body as Record<string, unknown> | undefined;
    if (call.method === 'POST' && path === type.collectionPath) {
      return connector.create(type.id, body ?? {}, signal);
    }
    // The object's own update: a PUT, or a PATCH for types whose API has no PUT (skill groups).
    if (call.method === (type.updateMethod ?? 'PUT') && ownId !== null) {
      return connector.update(type.id, ownId, body ?? {}, signal);
    }
    if (call.method === 'PUT' && type.singleton !== undefined && path === type.collectionPath) {
      return connector.update(type.id, type.singleton.key, body ?? {}, signal);
    }
    if (call.method === 'DELETE' && ownId !== null) {
      await connector.remove(type.id, ownId, signal);
      return null;
    }
    const reply = await request(call.method, path, call.body, signal);
    return typeof reply === 'object' && reply !== null && !Array.isArray(reply)
      ? (reply as Record<string, unknown>)
      : null;
  };
}

/**
 * The one call a plan may make outside its type's collection: moving the step's own object into a
 * division (`POST /api/v2/authorization/divisions/{id}/objects/QUEUE` with `[object id]`). The path
 * is matched whole, so a plan read from disk cannot name any other URL through it.
 */
function isDivisionMove(type: ObjectTypeDefinition, call: ApiCall): boolean {
  const objectType = DIVISION_OBJECT_TYPES.get(type.id);
  if (objectType === undefined || call.method !== 'POST') return false;
  const match = /^\/api\/v2\/authorization\/divisions\/([0-9A-Za-z-]{1,64})\/objects\/([A-Z]+)$/.exec(
    call.path,
  );
  return (
    match?.[2] === objectType &&
    Array.isArray(call.body) &&
    call.body.length === 1 &&
    typeof call.body[0] === 'string'
  );
}
