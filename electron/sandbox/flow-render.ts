import type { FlowRecord, FlowVersionRecord, OrgState } from './org-state';
import { latestVersion, nextVersionId } from './flow-lifecycle';
import { REFERENCE_PATHS } from './reference-kinds';
import { divisionRef } from './route-helpers';

export const FLOWS_PATH = REFERENCE_PATHS.flow;
const USERS_PATH = '/api/v2/users';
const CLIENTS_PATH = '/api/v2/oauth/clients';

function epochMs(iso: string): number {
  return Date.parse(iso);
}

/** `FlowVersion`: Genesys reports its dates as epoch milliseconds, except `datePublished`. */
export function renderFlowVersion(flow: FlowRecord, version: FlowVersionRecord) {
  const base = `${FLOWS_PATH}/${flow.id}/versions/${version.id}`;
  return {
    id: version.id,
    name: flow.name,
    commitVersion: version.id,
    configurationVersion: version.id,
    type: flow.type,
    secure: false,
    debug: false,
    ...(version.createdByUserId === undefined
      ? {}
      : { createdBy: { id: version.createdByUserId, selfUri: `${USERS_PATH}/${version.createdByUserId}` } }),
    ...(version.createdByClientId === undefined
      ? {}
      : {
          createdByClient: {
            id: version.createdByClientId,
            selfUri: `${CLIENTS_PATH}/${version.createdByClientId}`,
          },
        }),
    configurationUri: `${base}/configuration`,
    dateCreated: epochMs(version.dateCreated),
    dateCheckedIn: epochMs(version.dateCreated),
    dateSaved: epochMs(version.dateCreated),
    generationId: version.id,
    ...(version.datePublished === undefined ? {} : { datePublished: version.datePublished }),
    selfUri: base,
  };
}

/**
 * `Flow`, with the versions an Architect client reads (published, checked-in, saved) and who
 * holds it checked out. The saved version is the draft the lock holder saved, when there is one,
 * else the latest checked-in version, as Genesys reports it.
 */
export function renderFlow(org: OrgState, flow: FlowRecord) {
  const published = flow.versions?.find((version) => version.id === flow.publishedVersionId);
  const checkedIn = latestVersion(flow);
  const lock = flow.lock;
  const saved = flow.saved
    ? {
        id: nextVersionId(flow),
        name: flow.name,
        type: flow.type,
        secure: false,
        debug: false,
        dateSaved: epochMs(flow.saved.dateSaved),
        selfUri: `${FLOWS_PATH}/${flow.id}/versions/${nextVersionId(flow)}`,
      }
    : checkedIn && renderFlowVersion(flow, checkedIn);
  return {
    id: flow.id,
    name: flow.name,
    division: divisionRef(org, flow.divisionId),
    ...(flow.description === undefined ? {} : { description: flow.description }),
    type: flow.type,
    ...(lock?.userId === undefined
      ? {}
      : {
          lockedUser: {
            id: lock.userId,
            ...(lock.userName === undefined ? {} : { name: lock.userName }),
            selfUri: `${USERS_PATH}/${lock.userId}`,
          },
        }),
    ...(lock?.clientId === undefined
      ? {}
      : { lockedClient: { id: lock.clientId, selfUri: `${CLIENTS_PATH}/${lock.clientId}` } }),
    active: published !== undefined,
    system: false,
    deleted: false,
    ...(published === undefined ? {} : { publishedVersion: renderFlowVersion(flow, published) }),
    ...(checkedIn === undefined ? {} : { checkedInVersion: renderFlowVersion(flow, checkedIn) }),
    ...(saved ? { savedVersion: saved } : {}),
    selfUri: `${FLOWS_PATH}/${flow.id}`,
  };
}

/** `Operation`: the answer of check-in and publish, which the sandbox completes at once. */
export function renderOperation(id: string, actionName: string, clientId: string) {
  return {
    id,
    complete: true,
    client: { id: clientId, selfUri: `${CLIENTS_PATH}/${clientId}` },
    actionName,
    actionStatus: 'SUCCESS',
  };
}
