import { isCanonicalReference } from '../model/canonical/canonical-reference';
import { isJsonObject, setJsonField, type JsonObject, type JsonValue } from '../model/canonical/json-value';
import { compareCodeUnits } from '../model/canonical/stable-stringify';
import { withoutStatusFields } from '../model/canonical/status-fields';
import { findObjectType } from '../model/object-types/registry';
import { canonicalKey } from './canonical-key';
import { EVERY_ELEMENT, formatDiffPath, type PathSegment } from './diff-path';
import type { FieldChange, IgnoreRule } from './diff-types';
import {
  compileIgnorePath,
  patternState,
  ruleAppliesToType,
  type IgnorePattern,
  type PatternState,
} from './ignore-rules';
import { jsonEqual } from './json-equal';
import { referenceIdentity, sameReference } from './reference-identity';
import { isUnorderedArray } from './unordered-arrays';

/**
 * The field-level differences between two canonical values of one object: objects walked field by
 * field, references compared by the name they point at, unordered arrays as sets, other arrays
 * element by element. Changes hidden by `ignoreRules` are counted in `ignored`, not listed.
 */
export function diffObjects(
  type: string,
  before: JsonValue,
  after: JsonValue,
  ignoreRules: readonly IgnoreRule[] = [],
): { changes: FieldChange[]; ignored: number } {
  const walk = new ObjectWalk(
    type,
    ignoreRules.filter((rule) => ruleAppliesToType(rule, type)).map((rule) => compileIgnorePath(rule.path)),
  );
  walk.compare(withoutStatus(type, before), withoutStatus(type, after), [], walk.hasRules);
  return { changes: walk.changes, ignored: walk.ignored };
}

/** Status fields (a flow's published version, who holds it) are state of one org, never a change. */
function withoutStatus(type: string, value: JsonValue): JsonValue {
  const definition = findObjectType(type);
  return definition === undefined || !isJsonObject(value) ? value : withoutStatusFields(value, definition);
}

class ObjectWalk {
  readonly changes: FieldChange[] = [];
  ignored = 0;
  readonly hasRules: boolean;

  constructor(
    private readonly type: string,
    private readonly patterns: readonly IgnorePattern[],
  ) {
    this.hasRules = patterns.length > 0;
  }

  /**
   * `checkRules` is false once no rule can name anything at or below `path`, which is the usual
   * case and spares the matching on every field.
   */
  compare(
    before: JsonValue | undefined,
    after: JsonValue | undefined,
    path: PathSegment[],
    checkRules: boolean,
  ): void {
    if (checkRules) {
      const state = this.ruleState(path);
      if (state === 'match') {
        if (!sameMaybe(before, after)) this.ignored += 1;
        return;
      }
      checkRules = state === 'below';
    }
    if (before === undefined) {
      if (after !== undefined)
        this.changes.push({
          path: formatDiffPath(path),
          kind: 'added',
          after: this.pruned(after, path, checkRules),
        });
      return;
    }
    if (after === undefined) {
      this.changes.push({
        path: formatDiffPath(path),
        kind: 'removed',
        before: this.pruned(before, path, checkRules),
      });
      return;
    }
    if (isCanonicalReference(before) || isCanonicalReference(after)) {
      if (!sameReference(before, after)) this.changed(before, after, path, checkRules);
      return;
    }
    if (Array.isArray(before) && Array.isArray(after)) {
      if (isUnorderedArray(this.type, path, before, after)) this.compareSets(before, after, path, checkRules);
      else this.compareInOrder(before, after, path, checkRules);
      return;
    }
    if (isJsonObject(before) && isJsonObject(after)) {
      for (const key of unionOfKeys(before, after)) {
        path.push(key);
        this.compare(fieldOf(before, key), fieldOf(after, key), path, checkRules);
        path.pop();
      }
      return;
    }
    // Two primitives, or values of different shapes.
    if (before !== after) this.changed(before, after, path, checkRules);
  }

  private compareInOrder(
    before: JsonValue[],
    after: JsonValue[],
    path: PathSegment[],
    checkRules: boolean,
  ): void {
    const length = Math.max(before.length, after.length);
    for (let index = 0; index < length; index += 1) {
      path.push(index);
      this.compare(before[index], after[index], path, checkRules);
      path.pop();
    }
  }

  private compareSets(
    before: JsonValue[],
    after: JsonValue[],
    path: PathSegment[],
    checkRules: boolean,
  ): void {
    const elementPath = [...path, EVERY_ELEMENT];
    const state = checkRules ? this.ruleState(elementPath) : 'none';
    const raw = setDifference(before, after);
    if (state === 'match') {
      this.ignored += raw.removed.length + raw.added.length;
      return;
    }
    let shown = raw;
    if (state === 'below') {
      shown = setDifference(
        before.map((element) => this.pruned(element, elementPath, true)),
        after.map((element) => this.pruned(element, elementPath, true)),
      );
      const hidden = raw.removed.length + raw.added.length - shown.removed.length - shown.added.length;
      this.ignored += Math.max(0, hidden);
    }
    const arrayPath = formatDiffPath(path);
    for (const element of shown.removed)
      this.changes.push({ path: arrayPath, kind: 'set-removed', before: element });
    for (const element of shown.added)
      this.changes.push({ path: arrayPath, kind: 'set-added', after: element });
  }

  private changed(before: JsonValue, after: JsonValue, path: PathSegment[], checkRules: boolean): void {
    const shownBefore = this.pruned(before, path, checkRules);
    const shownAfter = this.pruned(after, path, checkRules);
    if (checkRules && jsonEqual(shownBefore, shownAfter)) {
      this.ignored += 1;
      return;
    }
    this.changes.push({
      path: formatDiffPath(path),
      kind: 'changed',
      before: shownBefore,
      after: shownAfter,
    });
  }

  private ruleState(path: readonly PathSegment[]): PatternState {
    let state: PatternState = 'none';
    for (const pattern of this.patterns) {
      const next = patternState(pattern, path);
      if (next === 'match') return next;
      if (next === 'below') state = next;
    }
    return state;
  }

  /** `value` without the fields rules hide below `path`, so a whole added subtree shows no ignored field. */
  private pruned(value: JsonValue, path: readonly PathSegment[], checkRules: boolean): JsonValue {
    if (!checkRules || (!Array.isArray(value) && !isJsonObject(value)) || isCanonicalReference(value))
      return value;
    const keep = (segment: PathSegment, field: JsonValue): JsonValue | undefined => {
      const childPath = [...path, segment];
      const state = this.ruleState(childPath);
      if (state === 'match') return undefined;
      return this.pruned(field, childPath, state === 'below');
    };
    if (Array.isArray(value)) {
      const elements: JsonValue[] = [];
      value.forEach((element, index) => {
        const kept = keep(index, element);
        if (kept !== undefined) elements.push(kept);
      });
      return elements;
    }
    const fields: JsonObject = {};
    for (const key of Object.keys(value)) {
      const kept = keep(key, value[key] as JsonValue);
      if (kept !== undefined) setJsonField(fields, key, kept);
    }
    return fields;
  }
}

function sameMaybe(before: JsonValue | undefined, after: JsonValue | undefined): boolean {
  if (before === undefined || after === undefined) return before === after;
  return jsonEqual(before, after);
}

function fieldOf(value: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(value, key) ? value[key] : undefined;
}

function unionOfKeys(before: JsonObject, after: JsonObject): string[] {
  const keys = new Set(Object.keys(before));
  for (const key of Object.keys(after)) keys.add(key);
  return [...keys].sort(compareCodeUnits);
}

function elementText(element: JsonValue): string {
  return isCanonicalReference(element) ? referenceIdentity(element) : canonicalKey(element);
}

/** Multiset difference by canonical text, each side in its own order (canonical order for files). */
function setDifference(
  before: readonly JsonValue[],
  after: readonly JsonValue[],
): { removed: JsonValue[]; added: JsonValue[] } {
  const beforeTexts = before.map(elementText);
  const afterTexts = after.map(elementText);
  const unmatched = (elements: readonly JsonValue[], texts: readonly string[], others: readonly string[]) => {
    const available = new Map<string, number>();
    for (const text of others) available.set(text, (available.get(text) ?? 0) + 1);
    return elements.filter((_, index) => {
      const text = texts[index] as string;
      const count = available.get(text) ?? 0;
      if (count === 0) return true;
      available.set(text, count - 1);
      return false;
    });
  };
  return {
    removed: unmatched(before, beforeTexts, afterTexts),
    added: unmatched(after, afterTexts, beforeTexts),
  };
}
