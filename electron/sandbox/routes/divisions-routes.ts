import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest } from '../genesys-error';
import type { DivisionRecord, OrgState } from '../org-state';
import {
  assertNameFree,
  DIVISIONS_PATH,
  homeDivision,
  listRecords,
  NO_CONTENT,
  removeRecord,
  parseBody,
  requireRecord,
} from '../route-helpers';
import type { Route } from '../route-table';

const divisionBody = z.object({
  name: z.string().trim().min(1).max(255),
  description: z.string().max(512).optional(),
});

function objectCounts(org: OrgState, divisionId: string): Record<string, number> {
  const count = (records: Record<string, { divisionId: string }>) =>
    Object.values(records).filter((record) => record.divisionId === divisionId).length;
  return {
    queue: count(org.queues),
    skill: count(org.skills),
    wrapupcode: count(org.wrapupCodes),
    schedule: count(org.schedules),
    schedulegroup: count(org.scheduleGroups),
    datatable: count(org.datatables),
  };
}

export function renderDivision(org: OrgState, division: DivisionRecord, withCounts = false) {
  return {
    id: division.id,
    name: division.name,
    description: division.description,
    homeDivision: division.homeDivision,
    ...(withCounts ? { objectCounts: objectCounts(org, division.id) } : {}),
    selfUri: `${DIVISIONS_PATH}/${division.id}`,
  };
}

export const divisionRoutes: Route[] = [
  {
    method: 'GET',
    pattern: DIVISIONS_PATH,
    handle: (request) => {
      const withCounts = request.query.get('objectCount') === 'true';
      return {
        status: 200,
        body: listRecords(
          request,
          request.org.divisions,
          (division) => renderDivision(request.org, division, withCounts),
          { kind: 'divisions', basePath: DIVISIONS_PATH, nameMatch: 'wildcard', carried: ['objectCount'] },
        ),
      };
    },
  },
  {
    method: 'GET',
    pattern: `${DIVISIONS_PATH}/home`,
    handle: ({ org }) => ({ status: 200, body: renderDivision(org, homeDivision(org)) }),
  },
  {
    method: 'POST',
    pattern: DIVISIONS_PATH,
    handle: ({ org, body }) => {
      const input = parseBody(divisionBody, body);
      assertNameFree(org.divisions, input.name, 'division');
      const division: DivisionRecord = {
        id: randomUUID(),
        name: input.name,
        description: input.description ?? '',
        homeDivision: false,
      };
      org.divisions[division.id] = division;
      return { status: 200, body: renderDivision(org, division), changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${DIVISIONS_PATH}/:divisionId`,
    handle: ({ org, params, query }) => ({
      status: 200,
      body: renderDivision(
        org,
        requireRecord(org.divisions, params.divisionId ?? '', 'division'),
        query.get('objectCount') === 'true',
      ),
    }),
  },
  {
    method: 'PUT',
    pattern: `${DIVISIONS_PATH}/:divisionId`,
    handle: ({ org, params, body }) => {
      const division = requireRecord(org.divisions, params.divisionId ?? '', 'division');
      const input = parseBody(divisionBody, body);
      assertNameFree(org.divisions, input.name, 'division', division.id);
      division.name = input.name;
      division.description = input.description ?? '';
      return { status: 200, body: renderDivision(org, division), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${DIVISIONS_PATH}/:divisionId`,
    handle: ({ org, params }) => {
      const division = requireRecord(org.divisions, params.divisionId ?? '', 'division');
      if (division.homeDivision) {
        throw badRequest('The home division cannot be deleted.', [
          { errorCode: 'home.division', entityId: division.id },
        ]);
      }
      const counts = objectCounts(org, division.id);
      const used = Object.entries(counts).filter(([, count]) => count > 0);
      if (used.length > 0) {
        throw badRequest(
          `Division "${division.name}" still holds objects (${used.map(([type, n]) => `${n} ${type}`).join(', ')}).`,
          [{ errorCode: 'division.not.empty', entityId: division.id }],
        );
      }
      removeRecord(org.divisions, division.id);
      return NO_CONTENT;
    },
  },
];
