import { readAt } from '../../changeset/value-path';
import type { JsonObject, JsonValue } from '../../model/canonical/json-value';
import { stableStringify } from '../../model/canonical/stable-stringify';
import type { TestExecutionResult } from './action-test-result';
import type { PostPromotionCheck } from './post-promotion-check';
import {
  evaluateScheduleGroup,
  ScheduleEvaluationError,
  type ScheduleGroupDefinition,
} from './schedule-state';

/**
 * Each check kind's verdict over what was read from the target, without reading anything: the
 * service (electron/services/promotion/checks) reads, these decide, so every rule is unit-tested.
 */

export interface Verdict {
  passed: boolean;
  message: string;
  /** The check could not be made: what it looks at is not in the target. Counts as failed. */
  error?: true;
}

type CheckOf<K extends PostPromotionCheck['kind']> = Extract<PostPromotionCheck, { kind: K }>;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

/** The check in words, for the run's result and the change-control document. */
export function checkTitle(check: PostPromotionCheck): string {
  if (check.label !== undefined) return check.label;
  switch (check.kind) {
    case 'queue-member-groups':
      return `every queue the change writes has at least ${plural(check.min ?? 1, 'member group')}`;
    case 'schedule-group-open':
      return `schedule group "${check.scheduleGroup}" is ${check.expect ?? 'open'} now`;
    case 'data-table-row':
      return `data table "${check.table}" has a row "${check.key}"${
        check.values === undefined
          ? ''
          : ` with ${Object.entries(check.values)
              .map(([column, value]) => `${column} = ${JSON.stringify(value)}`)
              .join(', ')}`
      }`;
    case 'data-action-test':
      return `data action "${check.action}" passes its test call${
        check.expect === undefined ? '' : ` returning ${JSON.stringify(check.expect)}`
      }`;
    case 'object-field':
      return `${check.type} "${check.key}" has ${check.path} = ${JSON.stringify(check.equals)}`;
  }
}

/** A queue the run wrote, as read back: its member groups, or null when it is not in the target. */
export interface QueueMembers {
  key: string;
  memberGroups: readonly string[] | null;
}

export function evaluateQueueMemberGroups(
  check: CheckOf<'queue-member-groups'>,
  queues: readonly QueueMembers[],
): Verdict {
  const min = check.min ?? 1;
  if (queues.length === 0) return { passed: true, message: 'the change creates or updates no queue' };
  const short = queues.filter((queue) => queue.memberGroups !== null && queue.memberGroups.length < min);
  const missing = queues.filter((queue) => queue.memberGroups === null);
  const problems = [
    ...missing.map((queue) => `queue "${queue.key}" is not in the target`),
    ...short.map(
      (queue) =>
        `queue "${queue.key}" has ${plural(queue.memberGroups?.length ?? 0, 'member group')}, needs ${min}`,
    ),
  ];
  if (problems.length > 0)
    return { passed: false, message: problems.join('; '), ...(missing.length > 0 ? { error: true } : {}) };
  return {
    passed: true,
    message: queues
      .map((queue) => `queue "${queue.key}" has ${plural(queue.memberGroups?.length ?? 0, 'member group')}`)
      .join('; '),
  };
}

/** `group` null: no schedule group of that name in the target. */
export function evaluateScheduleGroupOpen(
  check: CheckOf<'schedule-group-open'>,
  group: ScheduleGroupDefinition | null,
  now: Date,
): Verdict {
  if (group === null)
    return {
      passed: false,
      message: `no schedule group "${check.scheduleGroup}" in the target`,
      error: true,
    };
  const expect = check.expect ?? 'open';
  let evaluation;
  try {
    evaluation = evaluateScheduleGroup(group, now.getTime());
  } catch (error) {
    if (error instanceof ScheduleEvaluationError)
      return { passed: false, message: error.message, error: true };
    throw error;
  }
  const why =
    evaluation.state === 'holiday'
      ? `holiday schedule ${evaluation.active.holiday.map((name) => `"${name}"`).join(', ')} is active`
      : evaluation.state === 'closed' && evaluation.active.closed.length > 0
        ? `closed schedule ${evaluation.active.closed.map((name) => `"${name}"`).join(', ')} is active`
        : evaluation.state === 'closed'
          ? 'no open schedule covers this time'
          : `open schedule ${evaluation.active.open.map((name) => `"${name}"`).join(', ')} is active`;
  const state = evaluation.state === 'open' ? 'open' : 'closed';
  const at = `at ${evaluation.localTime} ${group.timeZone}`;
  return {
    passed: state === expect,
    message: `"${group.name}" is ${evaluation.state === 'holiday' ? 'closed for a holiday' : state} ${at}: ${why}${
      state === expect ? '' : `; expected ${expect}`
    }`,
  };
}

/** `row` null: the table has no row with the key; `table` false: no such table. */
export function evaluateDataTableRow(
  check: CheckOf<'data-table-row'>,
  found: { table: boolean; row: Record<string, unknown> | null },
): Verdict {
  if (!found.table)
    return { passed: false, message: `no data table "${check.table}" in the target`, error: true };
  if (found.row === null)
    return { passed: false, message: `data table "${check.table}" has no row "${check.key}"` };
  const row = found.row;
  const differing = Object.entries(check.values ?? {}).filter(
    ([column, value]) => stableStringify(row[column] ?? null) !== stableStringify(value),
  );
  if (differing.length > 0) {
    return {
      passed: false,
      message: `row "${check.key}" of "${check.table}" has ${differing
        .map(([column, value]) => `${column} = ${show(row[column])}, expected ${JSON.stringify(value)}`)
        .join('; ')}`,
    };
  }
  return { passed: true, message: `row "${check.key}" of "${check.table}" is there` };
}

/** `canonical` null: the object is not in the target. */
export function evaluateObjectField(check: CheckOf<'object-field'>, canonical: JsonObject | null): Verdict {
  if (canonical === null)
    return { passed: false, message: `${check.type} "${check.key}" is not in the target`, error: true };
  let actual: JsonValue | undefined;
  try {
    actual = readAt(canonical, check.path);
  } catch (error) {
    return { passed: false, message: error instanceof Error ? error.message : String(error), error: true };
  }
  const same = stableStringify(actual ?? null) === stableStringify((check.equals ?? null) as JsonValue);
  return {
    passed: same,
    message: same
      ? `${check.path} is ${show(actual)}`
      : `${check.path} is ${show(actual)}, expected ${JSON.stringify(check.equals)}`,
  };
}

/** `reply` null: no published action of that name in the target. */
export function evaluateDataActionTest(
  check: CheckOf<'data-action-test'>,
  reply: TestExecutionResult | null,
): Verdict {
  if (reply === null)
    return {
      passed: false,
      message: `no published data action "${check.action}" in the target`,
      error: true,
    };
  if (reply.success !== true) {
    const failed = (reply.operations ?? []).find((operation) => operation.success === false);
    const error = failed?.error?.message ?? reply.error?.message ?? 'no reason given';
    return {
      passed: false,
      message: `the test call failed${failed?.name ? ` at "${failed.name}"` : ''}: ${error}`,
    };
  }
  const output =
    typeof reply.finalResult === 'object' && reply.finalResult !== null && !Array.isArray(reply.finalResult)
      ? (reply.finalResult as Record<string, unknown>)
      : {};
  const differing = Object.entries(check.expect ?? {}).filter(
    ([name, value]) => stableStringify((output[name] ?? null) as JsonValue) !== stableStringify(value),
  );
  if (differing.length > 0) {
    return {
      passed: false,
      message: `the test call succeeded but returned ${differing
        .map(([name, value]) => `${name} = ${show(output[name])}, expected ${JSON.stringify(value)}`)
        .join('; ')}`,
    };
  }
  return {
    passed: true,
    message: `the test call succeeded${
      check.expect === undefined ? '' : ` and returned ${Object.keys(check.expect).join(', ')} as expected`
    }`,
  };
}
