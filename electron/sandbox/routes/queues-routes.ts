import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { badRequest, notFound } from '../genesys-error';
import type { OrgState, QueueRecord } from '../org-state';
import { pageOf, readPageRequest } from '../paging';
import { queueBodySchema, withQueueDefaults, type QueueBody, type QueueSettings } from '../queue-body';
import { flowsUsing, readForce, refuseUnlessForced } from '../flow-usage';
import { checkQueueReferences, renderQueueSettings } from '../queue-references';
import {
  checkReferences,
  compareByName,
  divisionRef,
  keptDivisionId,
  nameMatcher,
  NO_CONTENT,
  parseBody,
  requireRecord,
  resolveDivisionId,
} from '../route-helpers';
import type { Route } from '../route-table';
import { collectionRoutes, createdStamp, markModified, setOptional } from './collection-routes';
import { renderWrapupCode } from './wrapup-codes-routes';

export const QUEUES_PATH = '/api/v2/routing/queues';

/** Genesys accepts at most 100 wrap-up codes per POST to a queue's `/wrapupcodes`. */
export const MAX_QUEUE_WRAPUP_CODES_PER_POST = 100;

const wrapupCodeIdsBody = z.array(z.object({ id: z.string().min(1) }));

export function renderQueue(org: OrgState, queue: QueueRecord) {
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
    ...renderQueueSettings(org, queue.settings),
    selfUri: `${QUEUES_PATH}/${queue.id}`,
  };
}

/**
 * Validated settings whose every id names an object of this org; a miss is a 400 naming the
 * field and nothing is written.
 */
function checkedSettings(org: OrgState, input: QueueBody): QueueSettings {
  const settings = withQueueDefaults(input);
  checkQueueReferences(org, settings);
  return settings;
}

export const queueRoutes: Route[] = [
  ...collectionRoutes({
    path: QUEUES_PATH,
    idParam: 'queueId',
    label: 'queue',
    records: (org) => org.queues,
    list: { kind: 'queues', nameMatch: 'wildcard', divisionOf: (queue) => queue.divisionId },
    render: renderQueue,
    body: queueBodySchema,
    create: (input, request) => {
      const divisionId = resolveDivisionId(request.org, input.division);
      const settings = checkedSettings(request.org, input);
      return {
        id: randomUUID(),
        name: input.name,
        divisionId,
        ...(input.description === undefined ? {} : { description: input.description }),
        ...createdStamp(request),
        memberCount: 0,
        userMemberCount: 0,
        joinedMemberCount: 0,
        settings,
        wrapupCodeIds: [],
      };
    },
    // PUT replaces the queue's settings: anything omitted returns to its default, as with Genesys.
    replace: {
      apply: (queue, input, request) => {
        const divisionId = keptDivisionId(request.org, input.division, queue.divisionId);
        const settings = checkedSettings(request.org, input);
        queue.name = input.name;
        queue.divisionId = divisionId;
        setOptional(queue, 'description', input.description);
        queue.settings = settings;
        markModified(queue, request);
      },
    },
    // Genesys refuses to delete a queue a flow still routes to, unless forced; a forced delete
    // leaves the flow without it.
    beforeDelete: (queue, org, { query }) => {
      refuseUnlessForced(
        flowsUsing(org, (flow) => flow.queueIds.includes(queue.id)),
        `Queue "${queue.name}"`,
        readForce(query, 'forceDelete'),
        'forceDelete',
      );
      for (const flow of Object.values(org.flows))
        flow.queueIds = flow.queueIds.filter((id) => id !== queue.id);
    },
  }),
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
