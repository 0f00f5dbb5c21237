import { readFlowFile, usesOfConfiguration } from './flow-file';
import { GenesysHttpError } from './genesys-error';
import type { FlowRecord, FlowVersionRecord, OrgState } from './org-state';

/**
 * Checkout, check-in and publish as Architect keeps them: a flow is edited only by whoever holds
 * it checked out (a person or an OAuth client), check-in turns the saved configuration into the
 * next version ("1.0", "2.0"…), and publishing makes one version the live one (Genesys then
 * tracks what that version uses).
 */

export function flowVersions(flow: FlowRecord): FlowVersionRecord[] {
  return (flow.versions ??= []);
}

export function latestVersion(flow: FlowRecord): FlowVersionRecord | undefined {
  const versions = flowVersions(flow);
  return versions[versions.length - 1];
}

export function nextVersionId(flow: FlowRecord): string {
  const highest = flowVersions(flow).reduce(
    (max, version) => Math.max(max, Number.parseInt(version.id, 10) || 0),
    0,
  );
  return `${highest + 1}.0`;
}

/** True when the flow is checked out by anyone other than this OAuth client. */
export function lockedByOther(flow: FlowRecord, clientId: string): boolean {
  const lock = flow.lock;
  if (lock === undefined) return false;
  return lock.userId !== undefined || lock.clientId !== clientId;
}

export function describeLockHolder(flow: FlowRecord): string {
  const lock = flow.lock;
  if (lock?.userId !== undefined) return `user ${lock.userName ?? lock.userId} (${lock.userId})`;
  return `OAuth client ${lock?.clientId ?? 'unknown'}`;
}

/** Genesys's 409 for a flow someone else holds: it names who, so a person can ask them. */
export function lockedConflict(flow: FlowRecord): GenesysHttpError {
  return new GenesysHttpError(
    409,
    'architect.flow.locked',
    `Flow "${flow.name}" (${flow.type}) is checked out by ${describeLockHolder(flow)}. Ask them to check it in, or unlock it.`,
    [{ errorCode: 'flow.locked', entityId: flow.id, entityName: flow.name }],
  );
}

export function assertNotLockedByOther(flow: FlowRecord, clientId: string): void {
  if (lockedByOther(flow, clientId)) throw lockedConflict(flow);
}

/** Check-in and revert need the caller to hold the flow. */
export function assertHeldBy(flow: FlowRecord, clientId: string): void {
  assertNotLockedByOther(flow, clientId);
  if (flow.lock === undefined) {
    throw new GenesysHttpError(
      409,
      'architect.flow.not.checked.out',
      `Flow "${flow.name}" (${flow.type}) is not checked out. Check it out first.`,
      [{ errorCode: 'flow.not.locked', entityId: flow.id, entityName: flow.name }],
    );
  }
}

/** Adds a checked-in version holding this configuration; the caller's lock and saved draft go. */
export function checkInConfiguration(
  flow: FlowRecord,
  configuration: string,
  now: string,
  clientId: string,
): FlowVersionRecord {
  const version: FlowVersionRecord = {
    id: nextVersionId(flow),
    configuration,
    dateCreated: now,
    createdByClientId: clientId,
  };
  flowVersions(flow).push(version);
  delete flow.saved;
  delete flow.lock;
  return version;
}

/** Makes a version the published one and derives what the flow now uses from it. */
export function publishVersion(
  org: OrgState,
  flow: FlowRecord,
  version: FlowVersionRecord,
  now: string,
  clientId: string,
): void {
  flow.publishedVersionId = version.id;
  flow.publishedByClientId = clientId;
  version.datePublished = now;
  Object.assign(flow, usesOfConfiguration(org, version.configuration));
  // The description lives in the flow file, as an import sets it: publishing an older version
  // (a rollback's republish) brings that version's description back with its configuration.
  const read = readFlowFile(version.configuration);
  if ('file' in read) {
    if (read.file.description === undefined) delete flow.description;
    else flow.description = read.file.description;
  }
}
