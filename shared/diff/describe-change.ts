import { isCanonicalReference } from '../model/canonical/canonical-reference';
import { isJsonObject, type JsonValue } from '../model/canonical/json-value';
import { isParameterMarker, isSecretMarker } from '../parameters/parameter-marker';
import type { FieldChange } from './diff-types';

/** Values longer than this are cut with `…`: a sentence is for scanning, the JSON view has the rest. */
const MAX_VALUE_LENGTH = 80;

/**
 * One change as a sentence: `acwSettings.timeoutMs 30000 → 60000`, `wrapupCodes + "Escalated"`,
 * `wrapupCodes − "Old code"`, `description added "…"`, `queueFlow removed`. References read as
 * the name they point at.
 */
export function describeFieldChange(change: FieldChange): string {
  const path = change.path === '' ? '(object)' : change.path;
  switch (change.kind) {
    case 'changed':
      return `${path} ${describeValue(change.before)} → ${describeValue(change.after)}`;
    case 'added':
      return `${path} added ${describeValue(change.after)}`;
    case 'removed':
      return `${path} removed`;
    case 'set-added':
      return `${path} + ${describeValue(change.after)}`;
    case 'set-removed':
      return `${path} − ${describeValue(change.before)}`;
  }
}

/** A value in a sentence: strings and names quoted, objects and arrays compact. */
export function describeValue(value: JsonValue | undefined): string {
  if (value === undefined) return '(nothing)';
  if (typeof value === 'string') return quoted(value);
  if (isCanonicalReference(value) && typeof value.name === 'string') return quoted(value.name);
  const marker = markerText(value);
  if (marker !== null) return marker;
  const text = render(value);
  return text.length <= MAX_VALUE_LENGTH ? text : `${codePoints(text, MAX_VALUE_LENGTH - 1)}…`;
}

// Cut before quoting, so an escape is never split and the closing quote stays.
function quoted(text: string): string {
  return JSON.stringify(
    text.length <= MAX_VALUE_LENGTH ? text : `${codePoints(text, MAX_VALUE_LENGTH - 3)}…`,
  );
}

function codePoints(text: string, count: number): string {
  return Array.from(text).slice(0, count).join('');
}

/**
 * A value that depends on the environment, by name: `(secret crmToken)`, `(parameter
 * billingCallingNumber)`. Never the marker's JSON, and a secret's value is never there to show.
 */
function markerText(value: JsonValue): string | null {
  if (isSecretMarker(value)) return `(secret ${value.$secret})`;
  if (isParameterMarker(value)) return `(parameter ${value.$param})`;
  return null;
}

function render(value: JsonValue): string {
  const marker = markerText(value);
  if (marker !== null) return marker;
  if (isCanonicalReference(value)) {
    if (typeof value.name === 'string') return JSON.stringify(value.name);
    return `${value.$ref} ${typeof value.id === 'string' ? value.id : '?'} (unresolved)`;
  }
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (isJsonObject(value)) {
    const fields = Object.entries(value).map(([key, field]) => `${fieldName(key)}: ${render(field)}`);
    return `{${fields.join(', ')}}`;
  }
  return JSON.stringify(value);
}

function fieldName(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}
