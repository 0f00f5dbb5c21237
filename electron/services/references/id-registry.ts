import type { ReferencedObject } from '../connectors/genesys/reference-lookups';

/**
 * Natural key ↔ id in one target, for the types read plus whatever a run creates. Ids of types
 * Ferry does not manage (flows, prompts) are learned from the references read objects carry and
 * from lookups in the target (see reference-resolution).
 */
export class IdRegistry {
  private readonly byKey = new Map<string, Map<string, string>>();
  private readonly byId = new Map<string, Map<string, string>>();
  /** type + key of names that several objects in the target carry: resolved to none of them. */
  private readonly ambiguousKeys = new Set<string>();
  /** Whole lists of unmanaged types already read from this target, so one read serves all. */
  private readonly wholeLists = new Map<string, readonly ReferencedObject[]>();

  wholeList(type: string): readonly ReferencedObject[] | undefined {
    return this.wholeLists.get(type);
  }

  rememberWholeList(type: string, objects: readonly ReferencedObject[]): void {
    this.wholeLists.set(type, objects);
  }

  idOf(type: string, key: string): string | undefined {
    return this.byKey.get(type)?.get(key);
  }

  /** Whether `key` names several objects of `type`, or of `type` narrowed to some kinds. */
  isAmbiguous(type: string, key: string): boolean {
    if (this.ambiguousKeys.has(`${type}\u0000${key}`)) return true;
    for (const entry of this.ambiguousKeys) {
      if (entry.startsWith(`${type}#`) && entry.endsWith(`\u0000${key}`)) return true;
    }
    return false;
  }

  markAmbiguous(type: string, key: string): void {
    this.forget(type, key);
    this.ambiguousKeys.add(`${type}\u0000${key}`);
  }

  keyOf(type: string, id: string): string | undefined {
    return this.byId.get(type)?.get(id);
  }

  set(type: string, key: string, id: string): void {
    this.ambiguousKeys.delete(`${type}\u0000${key}`);
    const previous = this.idOf(type, key);
    if (previous !== undefined) this.byId.get(type)?.delete(previous);
    mapOf(this.byKey, type).set(key, id);
    mapOf(this.byId, type).set(id, key);
  }

  forget(type: string, key: string): void {
    const previous = this.idOf(type, key);
    if (previous === undefined) return;
    this.byKey.get(type)?.delete(key);
    this.byId.get(type)?.delete(previous);
  }

  /** type → key → id, the shape of a snapshot's `ids.json`. */
  byType(): Record<string, Record<string, string>> {
    const result: Record<string, Record<string, string>> = {};
    for (const [type, keys] of this.byKey) result[type] = Object.fromEntries(keys);
    return result;
  }

  copy(): IdRegistry {
    const copy = new IdRegistry();
    for (const [type, keys] of this.byKey) for (const [key, id] of keys) copy.set(type, key, id);
    for (const key of this.ambiguousKeys) copy.ambiguousKeys.add(key);
    for (const [type, objects] of this.wholeLists) copy.wholeLists.set(type, objects);
    return copy;
  }
}

function mapOf(maps: Map<string, Map<string, string>>, type: string): Map<string, string> {
  let map = maps.get(type);
  if (map === undefined) {
    map = new Map();
    maps.set(type, map);
  }
  return map;
}
