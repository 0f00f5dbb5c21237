import { canonicalKey } from '../../diff/canonical-key';
import type { PathSegment } from '../../diff/diff-path';
import { objectNameInWords } from '../../flows/object-key-words';
import { isJsonObject, type JsonValue } from '../../model/canonical/json-value';
import { formatValuePath, isWithinPath, parseValuePath } from '../../changeset/value-path';
import type { ChangesetOperation } from '../../model/changeset';
import { RISK_LEVELS, type RiskLevel } from '../risk/risk-policy';
import type { StandardChangeMatch, StandardChangeRule, StandardChangeTemplate } from './standard-change';

/**
 * Whether a changeset is a standard change (issue 20): the first template, in the signed order,
 * that applies to it. A template applies when
 * - the target is one of its environments (absent or empty: any),
 * - the risk (judged live, risk-rules.ts) is at most its `maxRisk` (default medium): a template
 *   pre-authorises a kind of change, not whatever that change happens to hit,
 * - the changeset has at most `maxOperations` operations (default 20),
 * - and EVERY operation is allowed by one of its rules: the same op and type, its key among the
 *   rule's `keys` (if set), for an update every change's path within one of the rule's `fields`
 *   (if set), and every change to a list as the rule's `lists` allows.
 *
 * Lists. An update may write a list whole (`wrapupCodes` before → after, how Ferry writes sets
 * such as wrap-up codes and data table rows) or one element of an ordered list (`rings[2]` added
 * or removed, `rings[1].actions` changed). `add` allows only additions: the list after holds
 * every item it held before, unchanged, or an element path is inserted (nothing before).
 * `change` allows only changes to items already there: the same items by key before and after
 * (a reference by its type and name, an object by its `key`, `name` or `id`), or a change below
 * an element. `any` (the default) allows anything. Changes to fields that are not lists are
 * governed by `fields` alone.
 *
 * For each template that does not apply the result says why, in words: the first thing it does
 * not allow.
 */
export function matchStandardChange(input: {
  templates: readonly StandardChangeTemplate[];
  operations: readonly ChangesetOperation[];
  environment: string;
  risk: RiskLevel;
}): StandardChangeMatch {
  const notApplied: StandardChangeMatch['notApplied'] = [];
  for (const template of input.templates) {
    const reason = whyNot(template, input);
    if (reason === null) {
      return {
        applied: { id: template.id, name: template.name, approvals: template.approvals ?? 0 },
        notApplied,
      };
    }
    notApplied.push({ id: template.id, name: template.name, reason });
  }
  return { applied: null, notApplied };
}

/** Defaults of a template's limits. */
export const STANDARD_CHANGE_MAX_RISK: RiskLevel = 'medium';
export const STANDARD_CHANGE_MAX_OPERATIONS = 20;

function whyNot(
  template: StandardChangeTemplate,
  input: { operations: readonly ChangesetOperation[]; environment: string; risk: RiskLevel },
): string | null {
  const environments = template.environments ?? [];
  if (environments.length > 0 && !environments.includes(input.environment)) {
    return `it is for ${listText(environments)} only, not ${input.environment}`;
  }
  const maxRisk = template.maxRisk ?? STANDARD_CHANGE_MAX_RISK;
  if (RISK_LEVELS.indexOf(input.risk) > RISK_LEVELS.indexOf(maxRisk)) {
    return `the risk is ${input.risk}, above the template's limit of ${maxRisk}`;
  }
  const maxOperations = template.maxOperations ?? STANDARD_CHANGE_MAX_OPERATIONS;
  if (input.operations.length > maxOperations) {
    return `the changeset has ${input.operations.length} operations, more than the template's limit of ${maxOperations}`;
  }
  for (const [index, operation] of input.operations.entries()) {
    const reason = operationRefusal(template.allow, operation);
    if (reason !== null) {
      const subject = `operation ${index + 1} ${verbs[operation.op]} ${objectNameInWords(operation.type, operation.key)}`;
      return `${subject}${reason.detail}, which the template does not allow${reason.why === '' ? '' : ` (${reason.why})`}`;
    }
  }
  return null;
}

const verbs = { create: 'creates', update: 'changes', delete: 'deletes' } as const;

interface Refusal {
  /** Said after the object: ` (field description)`. */
  detail: string;
  /** What the nearest rule does allow, in brackets; empty when no rule is near. */
  why: string;
}

/**
 * Null when a rule allows the operation; otherwise why not, from the first rule of the same op
 * and type (the one the author most likely meant), or a plain refusal when there is none.
 */
function operationRefusal(
  rules: readonly StandardChangeRule[],
  operation: ChangesetOperation,
): Refusal | null {
  let first: Refusal | null = null;
  for (const rule of rules) {
    if (rule.op !== operation.op || rule.type !== operation.type) continue;
    const refusal = ruleRefusal(rule, operation);
    if (refusal === null) return null;
    first ??= refusal;
  }
  return first ?? { detail: '', why: '' };
}

function ruleRefusal(rule: StandardChangeRule, operation: ChangesetOperation): Refusal | null {
  if (rule.keys !== undefined && !rule.keys.includes(operation.key)) {
    const keys = rule.keys.slice(0, 5).map((key) => JSON.stringify(key));
    const more = rule.keys.length > keys.length ? ` and ${rule.keys.length - keys.length} more` : '';
    return { detail: '', why: `it covers only ${keys.join(', ')}${more}` };
  }
  if (operation.op !== 'update') return null;
  for (const change of operation.changes) {
    const segments = pathSegments(change.path);
    if (segments === null) return { detail: ` at ${change.path}`, why: 'the path cannot be read' };
    const where = ` (${formatValuePath(segments)})`;
    if (rule.fields !== undefined) {
      const allowed = rule.fields.some((field) => {
        const prefix = pathSegments(field);
        return prefix !== null && isWithinPath(segments, prefix);
      });
      if (!allowed) return { detail: where, why: `it allows only ${listText(rule.fields)}` };
    }
    const lists = rule.lists ?? 'any';
    if (lists === 'any') continue;
    const kind = listChangeKind(
      segments,
      change.before as JsonValue | undefined,
      change.after as JsonValue | undefined,
    );
    if (kind === null) continue;
    if (lists === 'add' && kind !== 'add') {
      return {
        detail: where,
        why: 'it only allows adding items to lists, and this removes or changes items',
      };
    }
    if (lists === 'change' && kind !== 'change') {
      return {
        detail: where,
        why: 'it only allows changing items already in a list, and this adds or removes items',
      };
    }
  }
  return null;
}

/**
 * How a change alters a list: `add` (only additions), `change` (the same items by key, some
 * changed), `other` (anything else, e.g. a removal), or null when no list is involved.
 */
function listChangeKind(
  segments: readonly PathSegment[],
  before: JsonValue | undefined,
  after: JsonValue | undefined,
): 'add' | 'change' | 'other' | null {
  const last = segments[segments.length - 1];
  if (typeof last === 'number') {
    if (before === undefined && after !== undefined) return 'add';
    if (before !== undefined && after !== undefined) return 'change';
    return 'other';
  }
  if (Array.isArray(before) || Array.isArray(after)) {
    const old = Array.isArray(before) ? before : before === undefined || before === null ? [] : null;
    const next = Array.isArray(after) ? after : after === undefined || after === null ? [] : null;
    if (old === null || next === null) return 'other';
    // Written whole but the same items: nothing about the list changes.
    if (old.length === next.length && containsAll(next, old, canonicalKey)) return null;
    if (containsAll(next, old, canonicalKey)) return 'add';
    if (sameItems(old.map(itemKey), next.map(itemKey))) return 'change';
    return 'other';
  }
  // Below an element (`rows[3].open`): an item already there changes.
  if (segments.some((segment) => typeof segment === 'number')) return 'change';
  return null;
}

/** Every item of `part` is in `whole`, as often (a multiset). */
function containsAll(
  whole: readonly JsonValue[],
  part: readonly JsonValue[],
  key: (value: JsonValue) => string,
): boolean {
  const counts = new Map<string, number>();
  for (const item of whole) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  for (const item of part) {
    const count = counts.get(key(item)) ?? 0;
    if (count === 0) return false;
    counts.set(key(item), count - 1);
  }
  return true;
}

function sameItems(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && containsAll(right, left, (value) => String(value));
}

/** An item's identity in a list: a reference by type and name, an object by key, name or id. */
function itemKey(item: JsonValue): string {
  if (!isJsonObject(item)) return canonicalKey(item);
  const name = item.name;
  if (typeof item.$ref === 'string') return JSON.stringify(['ref', item.$ref, name ?? item.id ?? null]);
  for (const field of ['key', 'name', 'id']) {
    const value = item[field];
    if (typeof value === 'string' || typeof value === 'number') return JSON.stringify([field, value]);
  }
  return canonicalKey(item);
}

function pathSegments(path: string): PathSegment[] | null {
  try {
    return parseValuePath(path);
  } catch {
    return null;
  }
}

function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
