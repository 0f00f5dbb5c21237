import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, notFound } from '../genesys-error';
import type { DivisionRecord, OrgState } from '../org-state';
import { DIVISIONS_PATH, homeDivision, parseBody } from '../route-helpers';
import type { Route } from '../route-table';
import { collectionRoutes } from './collection-routes';

/** The ids of the objects to move: Genesys takes a plain JSON array of strings. */
const moveBody = z.array(z.string().min(1)).min(1).max(50);

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
    // Moves objects into a division, as Genesys does for the types whose own PUT does not (and as
    // the CX as Code provider calls it for queues). Only the object types the sandbox holds.
    method: 'POST',
    pattern: `${DIVISIONS_PATH}/:divisionId/objects/:objectType`,
    handle: ({ org, params, body, now, clientId }) => {
      const division = org.divisions[params.divisionId ?? ''];
      if (!division) throw notFound(`Division ${params.divisionId ?? ''} not found.`);
      const records = params.objectType === 'QUEUE' ? org.queues : null;
      if (records === null) {
        throw badRequest(`objectType ${params.objectType ?? ''} is not supported here; use QUEUE.`, [
          { errorCode: 'invalid.value', fieldName: 'objectType' },
        ]);
      }
      const ids = parseBody(moveBody, body);
      const missing = ids.filter((id) => !Object.hasOwn(records, id));
      if (missing.length > 0) {
        throw badRequest(`No ${params.objectType} with id ${missing.join(', ')}.`, [
          { errorCode: 'invalid.reference', entityId: missing[0] ?? '' },
        ]);
      }
      for (const id of ids) {
        const record = records[id];
        if (!record || record.divisionId === division.id) continue;
        record.divisionId = division.id;
        record.dateModified = now;
        record.modifiedBy = clientId;
      }
      return { status: 204, changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${DIVISIONS_PATH}/home`,
    handle: ({ org }) => ({ status: 200, body: renderDivision(org, homeDivision(org)) }),
  },
];
