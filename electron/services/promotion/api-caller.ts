import { FerryError } from '../../../shared/api/api-error';
import type { ObjectTypeDefinition } from '../../../shared/model/object-types/object-type-definition';
import type { ApiCall } from '../../../shared/model/plan';
import type { Connector } from '../connectors/connector';

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
    if (call.method === 'PUT' && ownId !== null) return connector.update(type.id, ownId, body ?? {}, signal);
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
