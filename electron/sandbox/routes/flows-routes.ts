import { randomUUID } from 'node:crypto';
import { flowFileAsJson, readFlowFile, resolveFileReference } from '../flow-file';
import {
  assertHeldBy,
  assertNotLockedByOther,
  checkInConfiguration,
  flowVersions,
  latestVersion,
  publishVersion,
} from '../flow-lifecycle';
import { FLOWS_PATH, renderFlow, renderFlowVersion, renderOperation } from '../flow-render';
import { badRequest, GenesysHttpError, inUseConflict, notFound } from '../genesys-error';
import { FLOW_TYPES, type FlowRecord, type OrgState } from '../org-state';
import { pageOf, readPageRequest } from '../paging';
import { queueReferenceSlots } from '../queue-references';
import { multiValue, NO_CONTENT, removeRecord, requireRecord } from '../route-helpers';
import type { Route, RouteRequest } from '../route-table';
import { allOf, anyOf, byName } from './read-only-routes';

/** An unknown flow type is a 400 naming it, not an empty page a client would take for "none". */
function flowTypeFilter(query: URLSearchParams): (flow: FlowRecord) => boolean {
  const unknown = multiValue(query, 'type').filter(
    (type) => !(FLOW_TYPES as readonly string[]).includes(type.toUpperCase()),
  );
  if (unknown.length > 0) {
    throw badRequest(`type ${unknown.join(', ')} is not a flow type (one of ${FLOW_TYPES.join(', ')}).`, [
      { errorCode: 'invalid.value', fieldName: 'type' },
    ]);
  }
  return anyOf(query, 'type', (flow) => flow.type);
}

function lockFilter(query: URLSearchParams): (flow: FlowRecord) => boolean {
  const byUser = query.get('lockedBy');
  const byClient = query.get('lockedByClientId');
  return (flow) =>
    (byUser === null || flow.lock?.userId === byUser) &&
    (byClient === null || flow.lock?.clientId === byClient);
}

function requireFlow(org: OrgState, id: string): FlowRecord {
  return requireRecord(org.flows, id, 'flow');
}

/** The `flow` query parameter of the `/flows/actions/*` calls. */
function actionTarget(request: RouteRequest): FlowRecord {
  const id = request.query.get('flow');
  if (id === null || id === '') {
    throw badRequest('The flow query parameter is required: the id of the flow to act on.', [
      { errorCode: 'missing.parameter', fieldName: 'flow' },
    ]);
  }
  return requireFlow(request.org, id);
}

function requireVersion(flow: FlowRecord, versionId: string) {
  const version = flowVersions(flow).find((candidate) => candidate.id === versionId);
  if (!version) throw notFound(`Flow ${flow.id} has no version ${versionId}.`);
  return version;
}

/**
 * What still points at a flow: queues (in-queue and callback flows), IVRs and emergency groups,
 * and other flows whose published version calls or transfers to it. Genesys refuses the delete
 * with a 409 naming them.
 */
function usersOfFlow(org: OrgState, flow: FlowRecord): string[] {
  const users: string[] = [];
  for (const queue of Object.values(org.queues)) {
    if (queueReferenceSlots(queue.settings).some((slot) => slot.kind === 'flow' && slot.id === flow.id)) {
      users.push(`queue "${queue.name}"`);
    }
  }
  for (const ivr of Object.values(org.ivrs)) {
    if ([ivr.openHoursFlowId, ivr.closedHoursFlowId, ivr.holidayHoursFlowId].includes(flow.id)) {
      users.push(`IVR "${ivr.name}"`);
    }
  }
  for (const group of Object.values(org.emergencyGroups)) {
    if (group.emergencyCallFlows.some((entry) => entry.emergencyFlowId === flow.id)) {
      users.push(`emergency group "${group.name}"`);
    }
  }
  for (const other of Object.values(org.flows)) {
    if (other.id === flow.id) continue;
    const published = other.versions?.find((version) => version.id === other.publishedVersionId);
    if (!published) continue;
    const read = readFlowFile(published.configuration);
    if (!('file' in read)) continue;
    const calls = read.file.references.some(
      (reference) => reference.key === 'flow' && resolveFileReference(org, reference) === flow.id,
    );
    if (calls) users.push(`flow "${other.name}" (${other.type})`);
  }
  return users;
}

export const flowRoutes: Route[] = [
  {
    method: 'GET',
    pattern: FLOWS_PATH,
    handle: (request) => {
      const { org, query } = request;
      const page = readPageRequest(query, request.maxPageSizes.flows);
      const keep = allOf<FlowRecord>(
        byName(query),
        flowTypeFilter(query),
        anyOf(
          query,
          'id',
          (flow) => flow.id,
          (actual, wanted) => actual === wanted,
        ),
        anyOf(
          query,
          'divisionId',
          (flow) => flow.divisionId,
          (actual, wanted) => actual === wanted,
        ),
        lockFilter(query),
        (flow) =>
          query.get('publishVersionId') === null || flow.publishedVersionId === query.get('publishVersionId'),
      );
      const descending = (query.get('sortOrder') ?? '').toLowerCase() === 'desc';
      const records = Object.values(org.flows)
        .filter(keep)
        .sort(
          (a, b) =>
            (a.name.toLowerCase().localeCompare(b.name.toLowerCase(), 'en') ||
              a.type.localeCompare(b.type) ||
              a.id.localeCompare(b.id)) * (descending ? -1 : 1),
        )
        .map((flow) => renderFlow(org, flow));
      const carried: [string, string][] = [];
      for (const name of [
        'name',
        'type',
        'id',
        'divisionId',
        'lockedBy',
        'lockedByClientId',
        'publishVersionId',
        'sortOrder',
      ]) {
        for (const value of query.getAll(name)) carried.push([name, value]);
      }
      return { status: 200, body: pageOf(records, page, FLOWS_PATH, carried) };
    },
  },
  {
    method: 'GET',
    pattern: `${FLOWS_PATH}/:flowId`,
    handle: ({ org, params }) => ({
      status: 200,
      body: renderFlow(org, requireFlow(org, params.flowId ?? '')),
    }),
  },
  {
    method: 'DELETE',
    pattern: `${FLOWS_PATH}/:flowId`,
    handle: ({ org, params, clientId }) => {
      const flow = requireFlow(org, params.flowId ?? '');
      assertNotLockedByOther(flow, clientId);
      const users = usersOfFlow(org, flow);
      if (users.length > 0) {
        const error = inUseConflict(
          `Flow "${flow.name}" (${flow.type}) is in use by ${users.join(', ')}. Point them at another flow first.`,
        );
        error.details.push({ errorCode: 'flow.in.use', entityId: flow.id, entityName: flow.name });
        throw error;
      }
      removeRecord(org.flows, flow.id);
      return NO_CONTENT;
    },
  },
  {
    method: 'GET',
    pattern: `${FLOWS_PATH}/:flowId/versions`,
    handle: (request) => {
      const flow = requireFlow(request.org, request.params.flowId ?? '');
      const page = readPageRequest(request.query, request.maxPageSizes.flowVersions);
      // Newest first, as Architect lists them.
      const versions = [...flowVersions(flow)].reverse().map((version) => renderFlowVersion(flow, version));
      return { status: 200, body: pageOf(versions, page, `${FLOWS_PATH}/${flow.id}/versions`) };
    },
  },
  {
    method: 'GET',
    pattern: `${FLOWS_PATH}/:flowId/versions/:versionId`,
    handle: ({ org, params }) => {
      const flow = requireFlow(org, params.flowId ?? '');
      return { status: 200, body: renderFlowVersion(flow, requireVersion(flow, params.versionId ?? '')) };
    },
  },
  {
    method: 'GET',
    pattern: `${FLOWS_PATH}/:flowId/versions/:versionId/configuration`,
    handle: ({ org, params }) => {
      const flow = requireFlow(org, params.flowId ?? '');
      const version = requireVersion(flow, params.versionId ?? '');
      return { status: 200, body: flowFileAsJson(version.configuration) };
    },
  },
  {
    method: 'GET',
    pattern: `${FLOWS_PATH}/:flowId/latestconfiguration`,
    handle: ({ org, params }) => {
      const flow = requireFlow(org, params.flowId ?? '');
      const text = flow.saved?.configuration ?? latestVersion(flow)?.configuration;
      if (text === undefined) throw notFound(`Flow ${flow.id} has no configuration yet.`);
      return { status: 200, body: flowFileAsJson(text) };
    },
  },
  {
    method: 'POST',
    pattern: `${FLOWS_PATH}/actions/checkout`,
    operation: 'flowCheckout',
    handle: (request) => {
      const flow = actionTarget(request);
      assertNotLockedByOther(flow, request.clientId);
      const changed = flow.lock === undefined;
      flow.lock ??= { clientId: request.clientId, dateLocked: request.now };
      return { status: 200, body: renderFlow(request.org, flow), changed };
    },
  },
  {
    method: 'POST',
    pattern: `${FLOWS_PATH}/actions/checkin`,
    operation: 'flowCheckin',
    handle: (request) => {
      const flow = actionTarget(request);
      assertHeldBy(flow, request.clientId);
      if (flow.saved) checkInConfiguration(flow, flow.saved.configuration, request.now, request.clientId);
      delete flow.lock;
      return { status: 200, body: renderOperation(randomUUID(), 'CHECKIN', request.clientId), changed: true };
    },
  },
  {
    method: 'POST',
    pattern: `${FLOWS_PATH}/actions/publish`,
    operation: 'flowPublish',
    handle: (request) => {
      const flow = actionTarget(request);
      assertNotLockedByOther(flow, request.clientId);
      const wanted = request.query.get('version');
      let version;
      if (wanted !== null && wanted !== '') {
        version = requireVersion(flow, wanted);
      } else {
        version = latestVersion(flow);
        if (version === undefined || version.id === flow.publishedVersionId) {
          throw new GenesysHttpError(
            409,
            'architect.flow.nothing.to.publish',
            `Flow "${flow.name}" (${flow.type}) has nothing to publish: ${
              version === undefined
                ? 'it has no version'
                : `its latest version ${version.id} is already published`
            }. Import a new version, or give version to republish an older one.`,
            [{ errorCode: 'flow.nothing.to.publish', entityId: flow.id, entityName: flow.name }],
          );
        }
      }
      publishVersion(request.org, flow, version, request.now, request.clientId);
      delete flow.lock;
      return { status: 200, body: renderOperation(randomUUID(), 'PUBLISH', request.clientId), changed: true };
    },
  },
  {
    method: 'POST',
    pattern: `${FLOWS_PATH}/actions/revert`,
    operation: 'flowRevert',
    handle: (request) => {
      const flow = actionTarget(request);
      assertHeldBy(flow, request.clientId);
      delete flow.saved;
      delete flow.lock;
      return { status: 200, body: renderFlow(request.org, flow), changed: true };
    },
  },
  {
    method: 'POST',
    pattern: `${FLOWS_PATH}/actions/unlock`,
    operation: 'flowUnlock',
    handle: (request) => {
      const flow = actionTarget(request);
      const changed = flow.lock !== undefined;
      delete flow.saved;
      delete flow.lock;
      return { status: 200, body: renderFlow(request.org, flow), changed };
    },
  },
];
