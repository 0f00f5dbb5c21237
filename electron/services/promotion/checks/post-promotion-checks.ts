import { z } from 'zod';
import { FerryError } from '../../../../shared/api/api-error';
import type { JsonObject } from '../../../../shared/model/canonical/json-value';
import type { ObjectTypeId } from '../../../../shared/model/object-types/object-type-definition';
import { getObjectType, isObjectTypeId } from '../../../../shared/model/object-types/registry';
import type { Plan } from '../../../../shared/model/plan';
import {
  checkTitle,
  evaluateDataActionTest,
  evaluateDataTableRow,
  evaluateObjectField,
  evaluateQueueMemberGroups,
  evaluateScheduleGroupOpen,
  type QueueMembers,
  type Verdict,
} from '../../../../shared/promotion/checks/check-evaluation';
import type {
  CheckResult,
  PostPromotionCheck,
} from '../../../../shared/promotion/checks/post-promotion-check';
import type {
  ScheduleGroupDefinition,
  ScheduleWindow,
} from '../../../../shared/promotion/checks/schedule-state';
import type { Connector } from '../../connectors/connector';
import { GenesysApiError, GenesysErrorCode, malformedReply } from '../../connectors/genesys/genesys-error';
import type { IdRegistry } from '../../references/id-registry';
import { getOrNull, readTarget, typesToRead } from '../target-reader';

/**
 * Runs a policy's post-promotion checks against the live target (issue 20): reads only, except a
 * data action's test call, which writes nothing in the org. Each check gets its own time limit; a
 * check that cannot be made (a read failed or timed out, its object is not there) fails with
 * `error: true` and says which and why. The verdicts themselves are shared/promotion/checks.
 */

export interface CheckContext {
  connector: Connector;
  plan: Plan;
  /** Ids as the run left them (objects it created have theirs here). */
  ids: IdRegistry;
  /** The run's clock: a schedule group is open or not at this instant. */
  now: Date;
  signal?: AbortSignal;
  /** Per check (default 30 s). */
  timeoutMs?: number;
}

export const DEFAULT_CHECK_TIMEOUT_MS = 30_000;

export async function runPostPromotionChecks(
  checks: readonly PostPromotionCheck[],
  context: CheckContext,
): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [index, check] of checks.entries()) {
    const title = checkTitle(check);
    const timeoutMs = context.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = context.signal ? AbortSignal.any([context.signal, timeout]) : timeout;
    let verdict: Verdict;
    try {
      verdict = await evaluate(check, { ...context, signal });
    } catch (error) {
      const why = timeout.aborted
        ? `no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`
        : context.signal?.aborted
          ? 'the run was cancelled'
          : error instanceof Error
            ? error.message
            : String(error);
      verdict = { passed: false, message: `could not be checked: ${why}`, error: true };
    }
    results.push({
      index,
      kind: check.kind,
      title,
      passed: verdict.passed,
      message: verdict.message,
      ...(verdict.error ? { error: true } : {}),
    });
  }
  return results;
}

type Reading = CheckContext & { signal: AbortSignal };

async function evaluate(check: PostPromotionCheck, context: Reading): Promise<Verdict> {
  switch (check.kind) {
    case 'queue-member-groups':
      return evaluateQueueMemberGroups(check, await queuesWritten(context));
    case 'schedule-group-open':
      return evaluateScheduleGroupOpen(check, await scheduleGroup(check.scheduleGroup, context), context.now);
    case 'data-table-row':
      return evaluateDataTableRow(check, await dataTableRow(check.table, check.key, context));
    case 'data-action-test': {
      const action = await findByName('/api/v2/integrations/actions', check.action, context);
      const reply =
        action === null
          ? null
          : await context.connector.testAction(action.id, check.input ?? {}, context.signal);
      return evaluateDataActionTest(check, reply);
    }
    case 'object-field':
      return evaluateObjectField(check, await canonicalObject(check.type, check.key, context));
  }
}

/** The queues the plan creates or updates, read back now with their member groups. */
async function queuesWritten(context: Reading): Promise<QueueMembers[]> {
  const keys = [
    ...new Set(
      context.plan.steps
        .filter((step) => (step.action === 'create' || step.action === 'update') && isQueue(step.type))
        .map((step) => step.key),
    ),
  ];
  const found: QueueMembers[] = [];
  for (const key of keys) {
    const id = context.ids.idOf('routing.queue', key);
    const queue =
      id === undefined ? null : await getOrNull(context.connector, 'routing.queue', id, context.signal);
    const groups =
      queue === null ? null : z.array(z.unknown()).nullish().catch(null).parse(queue.memberGroups);
    found.push({
      key,
      memberGroups:
        queue === null
          ? null
          : (groups ?? []).map((group) =>
              typeof group === 'object' && group !== null && 'name' in group && typeof group.name === 'string'
                ? group.name
                : 'a group',
            ),
    });
  }
  return found;
}

function isQueue(type: string): boolean {
  return isObjectTypeId(type) && getObjectType(type).id === 'routing.queue';
}

const entitySchema = z.object({ id: z.string(), name: z.string() }).loose();
const pageSchema = z
  .object({ entities: z.array(z.unknown()).nullish(), pageCount: z.number().nullish() })
  .loose();
const MAX_NAME_PAGES = 10;

/**
 * The object of `collection` named exactly `name`, through the list's `name` filter (Genesys
 * matches by prefix or wildcard, so the exact name is picked from what comes back).
 */
async function findByName(
  collection: string,
  name: string,
  context: Reading,
): Promise<z.infer<typeof entitySchema> | null> {
  for (let page = 1; page <= MAX_NAME_PAGES; page += 1) {
    const query = new URLSearchParams({ name, pageSize: '100', pageNumber: String(page) });
    const reply = pageSchema.safeParse(
      await context.connector.request('GET', `${collection}?${query.toString()}`, undefined, context.signal),
    );
    if (!reply.success) throw malformedReply(collection, 'a page without an entities list');
    for (const entity of reply.data.entities ?? []) {
      const parsed = entitySchema.safeParse(entity);
      if (parsed.success && parsed.data.name === name) return parsed.data;
    }
    if ((reply.data.pageCount ?? 1) <= page) break;
  }
  return null;
}

const scheduleGroupSchema = z
  .object({
    name: z.string(),
    timeZone: z.string().nullish(),
    openSchedules: z.array(entitySchema.partial({ name: true })).nullish(),
    closedSchedules: z.array(entitySchema.partial({ name: true })).nullish(),
    holidaySchedules: z.array(entitySchema.partial({ name: true })).nullish(),
  })
  .loose();
const scheduleSchema = z
  .object({ name: z.string(), start: z.string(), end: z.string(), rrule: z.string().nullish() })
  .loose();

async function scheduleGroup(name: string, context: Reading): Promise<ScheduleGroupDefinition | null> {
  const found = await findByName('/api/v2/architect/schedulegroups', name, context);
  if (found === null) return null;
  const group = scheduleGroupSchema.parse(
    await context.connector.get('architect.schedulegroup', found.id, context.signal),
  );
  if (!group.timeZone) {
    throw new FerryError(
      'check.failed',
      `schedule group "${name}" has no time zone, so it cannot be evaluated`,
    );
  }
  const schedules = async (list: readonly { id: string }[] | null | undefined): Promise<ScheduleWindow[]> => {
    const windows: ScheduleWindow[] = [];
    for (const reference of list ?? []) {
      const schedule = scheduleSchema.parse(
        await context.connector.get('architect.schedule', reference.id, context.signal),
      );
      windows.push({
        name: schedule.name,
        start: schedule.start,
        end: schedule.end,
        rrule: schedule.rrule ?? null,
      });
    }
    return windows;
  };
  return {
    name: group.name,
    timeZone: group.timeZone,
    open: await schedules(group.openSchedules),
    closed: await schedules(group.closedSchedules),
    holiday: await schedules(group.holidaySchedules),
  };
}

async function dataTableRow(
  table: string,
  key: string,
  context: Reading,
): Promise<{ table: boolean; row: Record<string, unknown> | null }> {
  const found = await findByName('/api/v2/flows/datatables', table, context);
  if (found === null) return { table: false, row: null };
  try {
    const row = await context.connector.request(
      'GET',
      `/api/v2/flows/datatables/${encodeURIComponent(found.id)}/rows/${encodeURIComponent(key)}?showbrief=false`,
      undefined,
      context.signal,
    );
    return { table: true, row: z.record(z.string(), z.unknown()).parse(row) };
  } catch (error) {
    if (error instanceof GenesysApiError && error.code === GenesysErrorCode.notFound)
      return { table: true, row: null };
    throw error;
  }
}

/** The object in canonical form (references by name), as a snapshot would hold it. */
async function canonicalObject(type: string, key: string, context: Reading): Promise<JsonObject | null> {
  if (!isObjectTypeId(type)) {
    throw new FerryError('check.failed', `"${type}" is not an object type Ferry knows`);
  }
  const id: ObjectTypeId = getObjectType(type).id;
  const live = await readTarget(context.connector, typesToRead([id], []), context.signal);
  return live.object(id, key)?.canonical ?? null;
}
