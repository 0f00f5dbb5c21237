import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest } from '../genesys-error';
import type { DivisionRecord, OrgState } from '../org-state';
import { DIVISIONS_PATH, homeDivision } from '../route-helpers';
import type { Route } from '../route-table';
import { collectionRoutes } from './collection-routes';

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
  ...collectionRoutes({
    path: DIVISIONS_PATH,
    idParam: 'divisionId',
    label: 'division',
    records: (org) => org.divisions,
    list: { kind: 'divisions', nameMatch: 'wildcard', carried: ['objectCount'] },
    render: (org, division) => renderDivision(org, division),
    renderRead: (request, division) =>
      renderDivision(request.org, division, request.query.get('objectCount') === 'true'),
    body: divisionBody,
    create: (input) => ({
      id: randomUUID(),
      name: input.name,
      description: input.description ?? '',
      homeDivision: false,
    }),
    replace: {
      apply: (division, input) => {
        division.name = input.name;
        division.description = input.description ?? '';
      },
    },
    beforeDelete: (division, org) => {
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
    },
  }),
  {
    method: 'GET',
    pattern: `${DIVISIONS_PATH}/home`,
    handle: ({ org }) => ({ status: 200, body: renderDivision(org, homeDivision(org)) }),
  },
];
