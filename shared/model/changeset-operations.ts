import type { JsonValue } from './canonical/json-value';
import { stableStringify } from './canonical/stable-stringify';
import { withoutStatusFields } from './canonical/status-fields';
import type { ChangesetOperation } from './changeset';
import { findObjectType } from './object-types/registry';

/**
 * The operations that turn one object state (`from`) into another (`to`): create, delete, or an
 * update listing each differing top-level field with both values, so the changeset stays exactly
 * invertible. Drift's revert (live → baseline) and `changeset from-diff` (a → b) both use it.
 */
export function operationsBetween(
  type: string,
  key: string,
  from: JsonValue | undefined,
  to: JsonValue | undefined,
): ChangesetOperation[] {
  // Status fields (a flow's published version, who holds it) are shown, never written.
  const definition = findObjectType(type);
  const before = withoutStatus(asRecord(from), definition);
  const after = withoutStatus(asRecord(to), definition);
  if (after && !before) return [{ op: 'create', type, key, body: after }];
  if (!after && before) return [{ op: 'delete', type, key, before }];
  if (!after || !before) return [];
  const changes = [...new Set([...Object.keys(after), ...Object.keys(before)])]
    .sort()
    .filter(
      (field) =>
        stableStringify(after[field] ?? null) !== stableStringify(before[field] ?? null) ||
        field in after !== field in before,
    )
    .map((field) => ({
      path: field,
      ...(field in before ? { before: before[field] } : {}),
      ...(field in after ? { after: after[field] } : {}),
    }));
  return changes.length > 0 ? [{ op: 'update', type, key, changes }] : [];
}

function asRecord(value: JsonValue | undefined): Record<string, JsonValue> | undefined {
  return value !== undefined && typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, JsonValue>)
    : undefined;
}

function withoutStatus(
  value: Record<string, JsonValue> | undefined,
  definition: ReturnType<typeof findObjectType>,
): Record<string, JsonValue> | undefined {
  return value === undefined || definition === undefined ? value : withoutStatusFields(value, definition);
}
