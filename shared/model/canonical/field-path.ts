import type { FieldPath } from '../object-types/object-type-definition';
import { isJsonObject, type JsonObject, type JsonValue } from './json-value';

type PathStep =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'each' }
  /** `*`: every field of an object used as a map (a queue's `defaultScripts` by media type). */
  | { readonly kind: 'anyField' };

const parsed = new Map<FieldPath, readonly PathStep[]>();

/**
 * `bullseye.rings[].actions` → field bullseye, field rings, each, field actions;
 * `defaultScripts.*` → field defaultScripts, any field.
 */
export function parseFieldPath(path: FieldPath): readonly PathStep[] {
  const cached = parsed.get(path);
  if (cached !== undefined) return cached;
  const steps: PathStep[] = [];
  for (const part of path.split('.')) {
    if (part === '*') {
      steps.push({ kind: 'anyField' });
      continue;
    }
    const match = /^([^[\]]+)((?:\[\])*)$/.exec(part);
    if (match === null || match[1] === undefined) throw new Error(`bad field path "${path}"`);
    steps.push({ kind: 'field', name: match[1] });
    for (let each = 0; each < (match[2] ?? '').length / 2; each += 1) steps.push({ kind: 'each' });
  }
  parsed.set(path, steps);
  return steps;
}

/** A slot that can be read and replaced: a field of an object or an element of an array. */
export interface ValueSlot {
  readonly holder: JsonObject | JsonValue[];
  readonly slot: string | number;
  /** From the root, e.g. `['bullseye', 'rings', 0, 'actions']`; for messages. */
  readonly location: readonly (string | number)[];
  readonly value: JsonValue;
}

/**
 * Every slot `path` names inside `root` that holds a value. Missing fields and shapes that do not
 * fit (a string where an array was expected) are skipped: schema validation reports those.
 */
export function slotsAt(root: JsonValue, path: FieldPath): ValueSlot[] {
  const found: ValueSlot[] = [];
  const walk = (
    holder: JsonObject | JsonValue[],
    slot: string | number,
    location: (string | number)[],
    remaining: readonly PathStep[],
  ): void => {
    const value = Array.isArray(holder) ? holder[slot as number] : holder[slot as string];
    if (value === undefined) return;
    const [step, ...rest] = remaining;
    if (step === undefined) {
      found.push({ holder, slot, location, value });
      return;
    }
    if (step.kind === 'each') {
      if (!Array.isArray(value)) return;
      value.forEach((_, index) => walk(value, index, [...location, index], rest));
      return;
    }
    if (step.kind === 'anyField') {
      if (!isJsonObject(value)) return;
      for (const field of Object.keys(value)) walk(value, field, [...location, field], rest);
      return;
    }
    if (!isJsonObject(value) || !Object.hasOwn(value, step.name)) return;
    walk(value, step.name, [...location, step.name], rest);
  };
  const [first, ...rest] = parseFieldPath(path);
  if (first === undefined || first.kind !== 'field' || !isJsonObject(root)) return found;
  if (!Object.hasOwn(root, first.name)) return found;
  walk(root, first.name, [first.name], rest);
  return found;
}

export function writeSlot(slot: ValueSlot, value: JsonValue): void {
  if (Array.isArray(slot.holder)) slot.holder[slot.slot as number] = value;
  else slot.holder[slot.slot as string] = value;
}

/** Whether a step matches one segment of a concrete path (`rings`, `0`, `CALL`). */
export function stepMatches(step: PathStep, segment: string | number | undefined): boolean {
  if (step.kind === 'each') return typeof segment === 'number';
  if (step.kind === 'anyField') return typeof segment === 'string';
  return segment === step.name;
}
