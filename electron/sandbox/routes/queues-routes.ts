import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, notFound } from '../genesys-error';
import type { OrgState, QueueRecord } from '../org-state';
import { pageOf, readPageRequest } from '../paging';
import { queueBodySchema, withQueueDefaults, type QueueBody } from '../queue-body';
import {
  assertNameFree,
  checkReferences,
  compareByName,
  divisionRef,
  listRecords,
  nameMatcher,
  NO_CONTENT,
  removeRecord,
  parseBody,
  requireRecord,
  resolveDivisionId,
} from '../route-helpers';
import type { Route } from '../route-table';
import { SKILLS_PATH } from './skills-routes';
import { renderWrapupCode } from './wrapup-codes-routes';

export const QUEUES_PATH = '/api/v2/routing/queues';

/** Genesys accepts at most 100 wrap-up codes per POST to a queue's `/wrapupcodes`. */
export const MAX_QUEUE_WRAPUP_CODES_PER_POST = 100;

const wrapupCodeIdsBody = z.array(z.object({ id: z.string().min(1) }));

export function renderQueue(org: OrgState, queue: QueueRecord) {
  const { settings } = queue;
  const rings = (settings.bullseye?.rings ?? []).map((ring) => ({
    ...(ring.expansionCriteria ? { expansionCriteria: ring.expansionCriteria } : {}),
    ...(ring.actions
      ? {
          actions: {
            skillsToRemove: (ring.actions.skillsToRemove ?? []).map((ref) => ({
              id: ref.id,
              name: org.skills[ref.id]?.name ?? '',
              selfUri: `${SKILLS_PATH}/${ref.id}`,
            })),
          },
        }
      : {}),
  }));
  return {
    id: queue.id,
    name: queue.name,
    division: divisionRef(org, queue.divisionId),
    ...(queue.description === undefined ? {} : { description: queue.description }),
    dateCreated: queue.dateCreated,
    dateModified: queue.dateModified,
    modifiedBy: queue.modifiedBy,
    createdBy: queue.createdBy,
    memberCount: queue.memberCount,
    userMemberCount: queue.userMemberCount,
    joinedMemberCount: queue.joinedMemberCount,
    ...settings,
    bullseye: { rings },
    selfUri: `${QUEUES_PATH}/${queue.id}`,
  };
}

function checkQueueReferences(org: OrgState, body: QueueBody): void {
  const refs = (body.bullseye?.rings ?? []).flatMap((ring, ringIndex) =>
    (ring.actions?.skillsToRemove ?? []).map((ref, refIndex) => ({
      id: ref.id,
      field: `bullseye.rings.${ringIndex}.actions.skillsToRemove.${refIndex}.id`,
    })),
  );
  checkReferences(org.skills, refs, 'skill');
}

export const queueRoutes: Route[] = [
  {
    method: 'GET',
    pattern: QUEUES_PATH,
    handle: (request) => ({
      status: 200,
      body: listRecords(request, request.org.queues, (queue) => renderQueue(request.org, queue), {
        kind: 'queues',
        basePath: QUEUES_PATH,
        nameMatch: 'wildcard',
        divisionOf: (queue) => queue.divisionId,
      }),
    }),
  },
  {
    method: 'POST',
    pattern: QUEUES_PATH,
    handle: ({ org, body, now, clientId }) => {
      const input = parseBody(queueBodySchema, body);
      assertNameFree(org.queues, input.name, 'queue');
      const divisionId = resolveDivisionId(org, input.division);
      checkQueueReferences(org, input);
      const queue: QueueRecord = {
        id: randomUUID(),
        name: input.name,
        divisionId,
        ...(input.description === undefined ? {} : { description: input.description }),
        dateCreated: now,
        dateModified: now,
        createdBy: clientId,
        modifiedBy: clientId,
        memberCount: 0,
        userMemberCount: 0,
        joinedMemberCount: 0,
        settings: withQueueDefaults(input),
        wrapupCodeIds: [],
      };
      org.queues[queue.id] = queue;
      return { status: 200, body: renderQueue(org, queue), changed: true };
    },
  },
  {
    method: 'GET',
    pattern: `${QUEUES_PATH}/:queueId`,
    handle: ({ org, params }) => ({
      status: 200,
      body: renderQueue(org, requireRecord(org.queues, params.queueId ?? '', 'queue')),
    }),
  },
  {
    // PUT replaces the queue's settings: anything omitted returns to its default, as with Genesys.
    method: 'PUT',
    pattern: `${QUEUES_PATH}/:queueId`,
    handle: ({ org, params, body, now, clientId }) => {
      const queue = requireRecord(org.queues, params.queueId ?? '', 'queue');
      const input = parseBody(queueBodySchema, body);
      assertNameFree(org.queues, input.name, 'queue', queue.id);
      const divisionId = input.division ? resolveDivisionId(org, input.division) : queue.divisionId;
      checkQueueReferences(org, input);
      queue.name = input.name;
      queue.divisionId = divisionId;
      if (input.description === undefined) delete queue.description;
      else queue.description = input.description;
      queue.settings = withQueueDefaults(input);
      queue.dateModified = now;
      queue.modifiedBy = clientId;
      return { status: 200, body: renderQueue(org, queue), changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${QUEUES_PATH}/:queueId`,
    handle: ({ org, params }) => {
      const queue = requireRecord(org.queues, params.queueId ?? '', 'queue');
      removeRecord(org.queues, queue.id);
      return NO_CONTENT;
    },
  },
  {
    method: 'GET',
    pattern: `${QUEUES_PATH}/:queueId/wrapupcodes`,
    handle: ({ org, params, query, maxPageSizes }) => {
      const queue = requireRecord(org.queues, params.queueId ?? '', 'queue');
      const page = readPageRequest(query, maxPageSizes.queueWrapupcodes);
      const matchesName = nameMatcher(query.get('name'), 'prefix');
      const codes = queue.wrapupCodeIds
        .map((id) => org.wrapupCodes[id])
        .filter((code) => code !== undefined)
        .filter((code) => matchesName(code.name))
        .sort(compareByName)
        .map((code) => renderWrapupCode(org, code));
      const carried = query.getAll('name').map((value) => ['name', value] as const);
      return { status: 200, body: pageOf(codes, page, `${QUEUES_PATH}/${queue.id}/wrapupcodes`, carried) };
    },
  },
  {
    method: 'POST',
    pattern: `${QUEUES_PATH}/:queueId/wrapupcodes`,
    handle: ({ org, params, body }) => {
      const queue = requireRecord(org.queues, params.queueId ?? '', 'queue');
      const input = parseBody(wrapupCodeIdsBody, body);
      if (input.length > MAX_QUEUE_WRAPUP_CODES_PER_POST) {
        throw badRequest(
          `At most ${MAX_QUEUE_WRAPUP_CODES_PER_POST} wrap-up codes can be added in one request, got ${input.length}.`,
          [{ errorCode: 'too.many.entities', fieldName: '(body)' }],
        );
      }
      checkReferences(
        org.wrapupCodes,
        input.map((ref, index) => ({ id: ref.id, field: `${index}.id` })),
        'wrap-up code',
      );
      const added = new Set(queue.wrapupCodeIds);
      for (const ref of input) added.add(ref.id);
      queue.wrapupCodeIds = [...added];
      const body200 = input
        .map((ref) => org.wrapupCodes[ref.id])
        .filter((code) => code !== undefined)
        .map((code) => renderWrapupCode(org, code));
      return { status: 200, body: body200, changed: true };
    },
  },
  {
    method: 'DELETE',
    pattern: `${QUEUES_PATH}/:queueId/wrapupcodes/:codeId`,
    handle: ({ org, params }) => {
      const queue = requireRecord(org.queues, params.queueId ?? '', 'queue');
      const codeId = params.codeId ?? '';
      if (!queue.wrapupCodeIds.includes(codeId)) {
        throw notFound(`The wrap-up code ${codeId} is not assigned to queue ${queue.id}.`);
      }
      queue.wrapupCodeIds = queue.wrapupCodeIds.filter((id) => id !== codeId);
      return NO_CONTENT;
    },
  },
];
