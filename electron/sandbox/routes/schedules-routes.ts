import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, inUseConflict, versionConflict } from '../genesys-error';
import type { OrgState, ScheduleRecord } from '../org-state';
import {
  assertNameFree,
  divisionRef,
  listRecords,
  NO_CONTENT,
  removeRecord,
  parseBody,
  requireRecord,
  resolveDivisionId,
} from '../route-helpers';
import type { Route } from '../route-table';

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
  name: z.string().trim().min(1).max(255),
  description: z.string().max(512).optional(),
  division: z.object({ id: z.string().min(1) }).optional(),
  start: localDateTime,
  end: localDateTime,
  rrule: z.string().regex(RRULE_PATTERN, 'must be an iCal RRULE such as FREQ=WEEKLY;BYDAY=MO').optional(),
  version: z.number().int().min(1).optional(),
});

export function renderSchedule(org: OrgState, schedule: ScheduleRecord) {
  return {
    id: schedule.id,
    name: schedule.name,
    division: divisionRef(org, schedule.divisionId),
    ...(schedule.description === undefined ? {} : { description: schedule.description }),
    version: schedule.version,
    dateCreated: schedule.dateCreated,
    dateModified: schedule.dateModified,
    modifiedBy: schedule.modifiedBy,
    createdBy: schedule.createdBy,
    state: 'active',
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

export const scheduleRoutes: Route[] = [
  {
    method: 'GET',
    pattern: SCHEDULES_PATH,
    handle: (request) => ({
      status: 200,
      body: listRecords(request, request.org.schedules, (s) => renderSchedule(request.org, s), {
        kind: 'schedules',
        basePath: SCHEDULES_PATH,
        nameMatch: 'wildcard',
        divisionOf: (schedule) => schedule.divisionId,
      }),
    }),
  },
  {
    method: 'POST',
    pattern: SCHEDULES_PATH,
    handle: ({ org, body, now, clientId }) => {
      const input = parseBody(scheduleBody, body);
      assertNameFree(org.schedules, input.name, 'schedule');
      const window = checkWindow(input.start, input.end);
      const schedule: ScheduleRecord = {
        id: randomUUID(),
        name: input.name,
        divisionId: resolveDivisionId(org, input.division),
        ...(input.description === undefined ? {} : { description: input.description }),
        version: 1,
        dateCreated: now,
        dateModified: now,
        createdBy: clientId,
        modifiedBy: clientId,
        ...window,
        ...(input.rrule === undefined ? {} : { rrule: input.rrule }),
      };
      org.schedules[schedule.id] = schedule;
      return { status: 200, body: renderSchedule(org, schedule), changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${SCHEDULES_PATH}/:scheduleId`,
    handle: ({ org, params }) => ({
      status: 200,
      body: renderSchedule(org, requireRecord(org.schedules, params.scheduleId ?? '', 'schedule')),
    }),
  },
  {
    method: 'PUT',
    pattern: `${SCHEDULES_PATH}/:scheduleId`,
    handle: ({ org, params, body, now, clientId }) => {
      const schedule = requireRecord(org.schedules, params.scheduleId ?? '', 'schedule');
      const input = parseBody(scheduleBody.required({ version: true }), body);
      if (input.version !== schedule.version) throw versionConflict(schedule.id);
      assertNameFree(org.schedules, input.name, 'schedule', schedule.id);
      const window = checkWindow(input.start, input.end);
      const divisionId = input.division ? resolveDivisionId(org, input.division) : schedule.divisionId;
      schedule.name = input.name;
      schedule.divisionId = divisionId;
      if (input.description === undefined) delete schedule.description;
      else schedule.description = input.description;
      schedule.start = window.start;
      schedule.end = window.end;
      if (input.rrule === undefined) delete schedule.rrule;
      else schedule.rrule = input.rrule;
      schedule.version += 1;
      schedule.dateModified = now;
      schedule.modifiedBy = clientId;
      return { status: 200, body: renderSchedule(org, schedule), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${SCHEDULES_PATH}/:scheduleId`,
    handle: ({ org, params }) => {
      const schedule = requireRecord(org.schedules, params.scheduleId ?? '', 'schedule');
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
      removeRecord(org.schedules, schedule.id);
      return NO_CONTENT;
    },
  },
];
