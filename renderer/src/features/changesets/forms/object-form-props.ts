import type { JsonObject } from '../../../../../shared/model/canonical/json-value';

/**
 * The natural keys a picker may offer for a type, sorted: the target's snapshot plus the objects
 * the changeset itself creates.
 */
export type ObjectCatalog = (type: string) => readonly string[];

export interface ObjectFormProps {
  /** The object type id, e.g. `routing.queue`. */
  type: string;
  /** The object's canonical value as it would be after the changeset. */
  value: JsonObject;
  /** Receives the whole new value; `value` itself is never changed. */
  onChange(next: JsonObject): void;
  catalog: ObjectCatalog;
  readOnly?: boolean;
  /** The natural key cannot be edited for an update (renaming is a different operation). */
  keyLocked?: boolean;
}
