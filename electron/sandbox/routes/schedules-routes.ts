import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, inUseConflict } from '../genesys-error';
import type { OrgState, ScheduleRecord } from '../org-state';
import { keptDivisionId, resolveDivisionId } from '../route-helpers';
import type { Route } from '../route-table';
import {
  architectBodyHead,
  architectObjectFields,
  collectionRoutes,
  createdStamp,
  markModified,
  setOptional,
} from './collection-routes';

export const SCHEDULES_PATH = '/api/v2/architect/schedules';

/** Architect's local date-time: no zone, the schedule group supplies it. Millis are optional. */
const localDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?$/,
    'must be a local date-time yyyy-MM-ddTHH:mm:ss.SSS',
  );

const RRULE_PATTERN = /^FREQ=(SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)(;[A-Z]+=[A-Z0-9,+-]+)*$/;

const scheduleBody = z.object({
  ...architectBodyHead,
  start: localDateTime,
  end: localDateTime,
  rrule: z.string().regex(RRULE_PATTERN, 'must be an iCal RRULE such as FREQ=WEEKLY;BYDAY=MO').optional(),
  version: z.number().int().min(1).optional(),
});

export function renderSchedule(org: OrgState, schedule: ScheduleRecord) {
  return {
    ...architectObjectFields(org, schedule),
    start: schedule.start,
    end: schedule.end,
    ...(schedule.rrule === undefined ? {} : { rrule: schedule.rrule }),
    selfUri: `${SCHEDULES_PATH}/${schedule.id}`,
  };
}

/** Local date-times of one format compare correctly as strings once millis are padded. */
function checkWindow(start: string, end: string): { start: string; end: string } {
  const pad = (value: string) => (value.includes('.') ? value.padEnd(23, '0') : `${value}.000`);
  const normalised = { start: pad(start), end: pad(end) };
  if (normalised.end <= normalised.start) {
    throw badRequest('end must be after start.', [{ errorCode: 'invalid.range', fieldName: 'end' }]);
  }
  return normalised;
}

export const scheduleRoutes: Route[] = collectionRoutes({
  path: SCHEDULES_PATH,
  idParam: 'scheduleId',
  label: 'schedule',
  records: (org) => org.schedules,
  list: { kind: 'schedules', nameMatch: 'wildcard', divisionOf: (schedule) => schedule.divisionId },
  render: renderSchedule,
  body: scheduleBody,
  create: (input, request) => {
    const window = checkWindow(input.start, input.end);
    return {
      id: randomUUID(),
      name: input.name,
      divisionId: resolveDivisionId(request.org, input.division),
      ...(input.description === undefined ? {} : { description: input.description }),
      version: 1,
      ...createdStamp(request),
      ...window,
      ...(input.rrule === undefined ? {} : { rrule: input.rrule }),
    };
  },
  replace: {
    body: scheduleBody.required({ version: true }),
    versioned: true,
    apply: (schedule, input, request) => {
      const window = checkWindow(input.start, input.end);
      schedule.divisionId = keptDivisionId(request.org, input.division, schedule.divisionId);
      schedule.name = input.name;
      setOptional(schedule, 'description', input.description);
      schedule.start = window.start;
      schedule.end = window.end;
      setOptional(schedule, 'rrule', input.rrule);
      markModified(schedule, request);
    },
  },
  beforeDelete: (schedule, org) => {
    const users = Object.values(org.scheduleGroups).filter((group) =>
      [...group.openScheduleIds, ...group.closedScheduleIds, ...group.holidayScheduleIds].includes(
        schedule.id,
      ),
    );
    if (users.length > 0) {
      throw inUseConflict(
        `Schedule ${schedule.id} is used by schedule group(s) ${users.map((g) => `"${g.name}"`).join(', ')}.`,
      );
    }
  },
});
