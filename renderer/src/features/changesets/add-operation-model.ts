import { FLOW_TYPES, flowType } from '../../../../shared/model/object-types/architect-flow';
import { scopedKey } from '../../../../shared/model/object-types/object-key';
import { findObjectType } from '../../../../shared/model/object-types/registry';
import type { TargetCatalog } from '../../../../shared/model/changeset-wire';

/**
 * "Add an operation" by hand. Most types are named by a name alone; a type whose names are unique
 * within a scope only (a flow's name within its flow type) also asks for the scope, and its key is
 * `<SCOPE>/<name>`: a person types "Main Menu" and picks "Inbound call", never `INBOUNDCALL/…`.
 */

/** The scopes to pick from for a type; empty when its names need none. */
export function scopesOf(type: string, catalog: TargetCatalog | null): string[] {
  const definition = findObjectType(type);
  if (definition?.keyScope === undefined) return [];
  const known: string[] = type === flowType.id ? [...FLOW_TYPES] : [];
  // The target may hold a kind Ferry does not list yet (Genesys adds flow types).
  for (const entry of Object.keys(catalog?.keys ?? {})) {
    if (!entry.startsWith(`${type}#`)) continue;
    const scope = entry.slice(type.length + 1);
    if (!known.includes(scope)) known.push(scope);
  }
  return known;
}

/** The scope in effect: the one chosen while the type offers it, else the first; none without scopes. */
export function pickedScope(scopes: readonly string[], chosen: string | undefined): string | undefined {
  if (chosen !== undefined && scopes.includes(chosen)) return chosen;
  return scopes[0];
}

/** The key the operation gets: the name, scoped when the type needs a scope; '' when no name yet. */
export function addOperationKey(type: string, scope: string | undefined, name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  if (findObjectType(type)?.keyScope === undefined || scope === undefined) return trimmed;
  return scopedKey(scope, trimmed);
}

/**
 * Names to suggest: the target's names of that type, within the chosen scope for a scoped type
 * (the catalog lists those names under `<type>#<SCOPE>`, and the type's own list holds whole keys).
 */
export function nameSuggestions(
  catalog: TargetCatalog | null,
  type: string,
  scope: string | undefined,
): string[] {
  const keys = catalog?.keys ?? {};
  if (findObjectType(type)?.keyScope === undefined) return keys[type] ?? [];
  if (scope === undefined) return [];
  return keys[`${type}#${scope.toUpperCase()}`] ?? [];
}
