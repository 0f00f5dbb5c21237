import type { JsonValue } from '../model/canonical/json-value';
import { compareCodeUnits } from '../model/canonical/stable-stringify';

/**
 * Compact text that is equal for two values exactly when their `stableStringify` texts are equal
 * (keys sorted, no indentation). Set comparison makes one per element, and `stableStringify`
 * copies and indents the value first, which made it most of the time a compare spent.
 */
export function canonicalKey(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalKey).join(',')}]`;
  const keys = Object.keys(value).sort(compareCodeUnits);
  let text = '{';
  for (const key of keys) {
    if (text.length > 1) text += ',';
    text += `${JSON.stringify(key)}:${canonicalKey(value[key] as JsonValue)}`;
  }
  return `${text}}`;
}
