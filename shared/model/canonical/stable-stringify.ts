import { cloneJson, type JsonValue } from './json-value';

/**
 * Code-unit order, not `localeCompare`: the order must not depend on the machine's locale or ICU
 * version, or two hosts would write different bytes for the same object.
 */
export function compareCodeUnits(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}

/**
 * The canonical text of a JSON value: object keys sorted, 2-space indentation, a trailing newline.
 * Written out by hand rather than with `JSON.stringify(sorted)`: JavaScript objects enumerate
 * integer-like keys ("10", "2") first whatever order they were inserted in, so a sorted object
 * does not stringify sorted. Refuses values JSON cannot hold instead of silently dropping them.
 */
export function stableStringify(value: unknown): string {
  return `${render(cloneJson(value), '')}\n`;
}

function render(value: JsonValue, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((element) => inner + render(element, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value).sort(([left], [right]) => compareCodeUnits(left, right));
  if (entries.length === 0) return '{}';
  const fields = entries.map(([key, field]) => `${inner}${JSON.stringify(key)}: ${render(field, inner)}`);
  return `{\n${fields.join(',\n')}\n${indent}}`;
}
