import { objectNameInWords } from '../../flows/object-key-words';
import type { ChangesetOperation } from '../../model/changeset';
import type { Tier } from '../../model/environment';
import { findObjectType } from '../../model/object-types/registry';
import { distinctReferrers, indexReferrers, objectId } from '../../changeset/object-references';
import type { ObjectState } from '../../changeset/object-state';
import type { StepAction } from '../../model/plan';
import { durationText, nextWindowStart } from '../cron';
import type { EnvironmentPolicy } from '../policy';
import type { RiskLevel } from './risk-policy';
import {
  RISK_RULES,
  RISK_THRESHOLDS,
  type RiskAssessment,
  type RiskPoint,
  type RiskRule,
} from './risk-assessment';

/**
 * The risk rules (issue 20). Risk is a score: each rule below looks at the changeset and the
 * target and may add points, with a sentence saying why; the level follows from the score
 * (low < 2 ≤ medium < 4 ≤ high < 6 ≤ critical, RISK_THRESHOLDS). The rules are code, so a
 * changeset cannot tune them; the signed policy supplies the team's inputs (critical objects,
 * sensitive types, how near a deny window counts). PromotionService evaluates them at plan time
 * against the live read of the target with the signed tier and policy, so a change cannot lower
 * its own risk by what it claims about itself.
 *
 * The rules, in the order their points are listed (RISK_RULES):
 * - tier: +1 when the target's signed tier is prod. Production is where a mistake reaches
 *   customers; test and dev add nothing (said, with no points, so the list explains a 0).
 * - deletes: +1 when it deletes anything. A delete is the one change a later update cannot
 *   undo in place: the object's id, and whatever history hangs on it, is gone.
 * - referenced-deletes: +2 instead of the +1 when an object it deletes is still referred to by
 *   another object in the target (one the changeset does not delete too). Those references break.
 * - sensitive-types: +1 when it touches a type whose change alters call handling in itself
 *   (DEFAULT_SENSITIVE_TYPES, or the policy's `risk.sensitiveTypes`): flows, data actions,
 *   integrations, emergency groups, schedules, IVRs, divisions.
 * - blast-radius: +1 when more than 5 distinct objects in the target refer to what it touches,
 *   +2 when more than 20: the more that depends on a change, the more a mistake reaches.
 * - critical-objects: +2 when it touches an object the signed policy flags as business-critical
 *   (`risk.criticalObjects`, `routing.queue/Billing`): the team knows what must not break.
 * - deny-window-near: +1 when a deny window of the policy starts within `risk.denyWindowLeadHours`
 *   (default 4, 0 turns it off): a change that goes wrong just before a freeze has little time
 *   to be put right.
 * - size: +1 for more than 20 operations that write: a large batch is harder to review and to
 *   undo than several small ones.
 *
 * A planned `noop` (the target already holds what the operation writes) is not a change: no rule
 * counts it. Conflicts and blocked steps count, as they stand for a change that is still wanted.
 */

/** Types whose change is risky in itself, by object type id (registry.ts). */
export const DEFAULT_SENSITIVE_TYPES: readonly string[] = [
  'architect.flow',
  'integrations.action',
  'integrations.integration',
  'architect.emergencygroup',
  'architect.schedule',
  'architect.schedulegroup',
  'architect.ivr',
  'authorization.division',
];

/** Hours before a deny window's start within which a change counts as near it, when the policy does not say. */
export const DEFAULT_DENY_WINDOW_LEAD_HOURS = 4;
/** More dependents than this: +1; more than MANY_DEPENDENTS: +2. */
export const SOME_DEPENDENTS = 5;
export const MANY_DEPENDENTS = 20;
/** More writing operations than this: +1. */
export const LARGE_CHANGE_OPERATIONS = 20;

export interface RiskInput {
  operations: readonly ChangesetOperation[];
  /**
   * What the plan will do for each operation (by operation index): a planned `noop` is no change.
   * Absent (the editor's check): every operation is taken as written.
   */
  actions?: ReadonlyMap<number, StepAction>;
  /** The target as read: live at plan time, the latest snapshot in the editor. */
  target: ObjectState;
  /** The signed tier (trust root), never ferry.json's. */
  tier: Tier;
  /**
   * The environment's name when the trust root signs nothing for it, so its tier is the secure
   * default (prod): the tier point then says why, and how an admin signs the real tier, since
   * ferry.json's tier beside it (shown in headers) decides nothing.
   */
  unsignedTierOf?: string;
  policy: EnvironmentPolicy;
  now: Date;
  basis: RiskAssessment['basis'];
}

/** The level a score reaches. */
export function riskLevelOf(score: number): RiskLevel {
  if (score >= RISK_THRESHOLDS.critical) return 'critical';
  if (score >= RISK_THRESHOLDS.high) return 'high';
  if (score >= RISK_THRESHOLDS.medium) return 'medium';
  return 'low';
}

export function assessRisk(input: RiskInput): RiskAssessment {
  const writes = input.operations.filter((_, index) => input.actions?.get(index) !== 'noop');
  const referrers = indexReferrers(input.target);
  const deleted = new Set(
    writes.filter((operation) => operation.op === 'delete').map((op) => objectId(op.type, op.key)),
  );
  const dependents = new Map<string, number>();
  const everyDependent = new Set<string>();
  for (const operation of writes) {
    const id = objectId(operation.type, operation.key);
    const found = distinctReferrers(referrers.get(id) ?? []).filter(
      (referrer) => referrer.type !== operation.type || referrer.key !== operation.key,
    );
    for (const referrer of found) everyDependent.add(objectId(referrer.type, referrer.key));
    if (operation.op === 'delete') {
      dependents.set(
        id,
        found.filter((referrer) => !deleted.has(objectId(referrer.type, referrer.key))).length,
      );
    }
  }
  const context: RuleContext = { input, writes, dependents, dependentCount: everyDependent.size };
  const points: RiskPoint[] = [];
  if (writes.length === 0) {
    points.push({
      rule: 'tier',
      points: 0,
      reason:
        'it changes nothing in the target (every operation is already in place), so no rule adds points',
    });
  } else {
    for (const rule of RISK_RULES) points.push(...RULES[rule](context));
  }
  const score = points.reduce((sum, point) => sum + point.points, 0);
  return {
    level: riskLevelOf(score),
    score,
    points,
    dependentCount: everyDependent.size,
    basis: input.basis,
  };
}

interface RuleContext {
  input: RiskInput;
  /** The operations that write (a planned noop left out). */
  writes: readonly ChangesetOperation[];
  /** Per deleted object (objectId): how many other objects, not deleted too, still refer to it. */
  dependents: ReadonlyMap<string, number>;
  dependentCount: number;
}

type RuleFunction = (context: RuleContext) => RiskPoint[];

const RULES: Readonly<Record<RiskRule, RuleFunction>> = {
  tier: ({ input }) => {
    if (input.tier === 'prod' && input.unsignedTierOf !== undefined) {
      const environment = input.unsignedTierOf;
      return [
        {
          rule: 'tier',
          points: 1,
          reason: `the trust root signs no tier for ${environment}, so it counts as a production environment (whatever ferry.json says); an admin signs its tier with \`ferry policy set ${environment} <policy.json> --tier <dev|test|prod>\``,
        },
      ];
    }
    if (input.tier === 'prod') {
      return [{ rule: 'tier', points: 1, reason: 'the target is a production environment' }];
    }
    const words = input.tier === 'test' ? 'a test' : 'a development';
    return [{ rule: 'tier', points: 0, reason: `the target is ${words} environment (no points)` }];
  },
  deletes: ({ writes, dependents }) => {
    const deletes = writes.filter((operation) => operation.op === 'delete');
    if (deletes.length === 0) return [];
    // A referenced delete scores under its own rule instead.
    if ([...dependents.values()].some((count) => count > 0)) return [];
    return [{ rule: 'deletes', points: 1, reason: `it deletes ${namesText(deletes)}` }];
  },
  'referenced-deletes': ({ writes, dependents }) => {
    const referenced = writes.filter(
      (operation) =>
        operation.op === 'delete' && (dependents.get(objectId(operation.type, operation.key)) ?? 0) > 0,
    );
    if (referenced.length === 0) return [];
    const named = referenced.slice(0, 3).map((operation) => {
      const count = dependents.get(objectId(operation.type, operation.key)) ?? 0;
      return `${objectNameInWords(operation.type, operation.key)}, which ${countText(count, 'other object still refers', 'other objects still refer')} to`;
    });
    const more = referenced.length - named.length;
    return [
      {
        rule: 'referenced-deletes',
        points: 2,
        reason: `it deletes ${named.join('; ')}${more > 0 ? `; and ${more} more such objects` : ''}`,
      },
    ];
  },
  'sensitive-types': ({ input, writes }) => {
    const sensitive = new Set(input.policy.risk?.sensitiveTypes ?? DEFAULT_SENSITIVE_TYPES);
    const touched = writes.filter((operation) => sensitive.has(operation.type));
    if (touched.length === 0) return [];
    const types = [...new Set(touched.map((operation) => typeWords(operation.type)))];
    const source = input.policy.risk?.sensitiveTypes === undefined ? 'Ferry' : 'the policy';
    return [
      {
        rule: 'sensitive-types',
        points: 1,
        reason: `it changes ${namesText(touched)}, of a type ${source} counts as sensitive (${listText(types)})`,
      },
    ];
  },
  'blast-radius': ({ dependentCount }) => {
    if (dependentCount === 0) return [];
    const what = `${countText(dependentCount, 'object', 'objects')} in the target ${dependentCount === 1 ? 'refers' : 'refer'} to what it changes`;
    if (dependentCount > MANY_DEPENDENTS) {
      return [{ rule: 'blast-radius', points: 2, reason: `${what} (more than ${MANY_DEPENDENTS})` }];
    }
    if (dependentCount > SOME_DEPENDENTS) {
      return [{ rule: 'blast-radius', points: 1, reason: `${what} (more than ${SOME_DEPENDENTS})` }];
    }
    return [{ rule: 'blast-radius', points: 0, reason: `${what} (${SOME_DEPENDENTS} or fewer: no points)` }];
  },
  'critical-objects': ({ input, writes }) => {
    const flagged = new Set(input.policy.risk?.criticalObjects ?? []);
    if (flagged.size === 0) return [];
    const touched = writes.filter((operation) => flagged.has(`${operation.type}/${operation.key}`));
    if (touched.length === 0) return [];
    return [
      {
        rule: 'critical-objects',
        points: 2,
        reason: `it changes ${namesText(touched)}, which the policy flags as business-critical`,
      },
    ];
  },
  'deny-window-near': ({ input }) => {
    const leadHours = input.policy.risk?.denyWindowLeadHours ?? DEFAULT_DENY_WINDOW_LEAD_HOURS;
    if (leadHours <= 0) return [];
    const limit = input.now.getTime() + leadHours * 3_600_000;
    let nearest: { name: string; start: Date } | null = null;
    for (const window of input.policy.denyWindows) {
      const start = nextWindowStart(window, input.now);
      if (start === null || start.getTime() > limit) continue;
      if (nearest === null || start.getTime() < nearest.start.getTime())
        nearest = { name: window.name, start };
    }
    if (nearest === null) return [];
    const minutes = Math.max(0, Math.round((nearest.start.getTime() - input.now.getTime()) / 60_000));
    const when = minutes === 0 ? 'now' : `in ${durationText(minutes)}`;
    return [
      {
        rule: 'deny-window-near',
        points: 1,
        reason: `the deny window ${JSON.stringify(nearest.name)} starts ${when} (within ${hoursText(leadHours)}), leaving little time to put a problem right`,
      },
    ];
  },
  size: ({ writes }) => {
    if (writes.length <= LARGE_CHANGE_OPERATIONS) return [];
    return [
      {
        rule: 'size',
        points: 1,
        reason: `it makes ${writes.length} changes (more than ${LARGE_CHANGE_OPERATIONS})`,
      },
    ];
  },
};

/** `queue "Billing"`, `queue "A", skill "B" and 3 more` */
function namesText(operations: readonly ChangesetOperation[]): string {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const operation of operations) {
    const name = objectNameInWords(operation.type, operation.key);
    if (seen.has(name)) continue;
    seen.add(name);
    names.push(name);
  }
  const shown = names.slice(0, 3);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : listText(shown);
}

function typeWords(type: string): string {
  return findObjectType(type)?.pluralLabel.toLowerCase() ?? type;
}

function hoursText(hours: number): string {
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

function countText(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/** `a`, `a and b`, `a, b and c` */
function listText(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
