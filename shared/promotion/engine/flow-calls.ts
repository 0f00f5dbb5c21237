import { z } from 'zod';
import { isJsonObject, type JsonObject } from '../../model/canonical/json-value';
import type { ResolveId } from '../../model/canonical/canonical-reference';
import { stableStringify } from '../../model/canonical/stable-stringify';
import type { ApiCall } from '../../model/plan';
import { referenceTypeLabel } from '../../model/object-types/unmanaged-reference-types';
import { idPlaceholder } from './id-placeholder';
import type { ObjectCalls, ObjectCallsInput } from './object-calls-input';

/**
 * The calls of a flow's step. Genesys writes a flow only as a file: an import job (register it,
 * PUT the file to its presigned URL, wait for it) makes a new version, and a publish makes that
 * version live. A plan names those two calls; the connector runs each through, exactly once.
 *
 *   create / update: POST /api/v2/flows/jobs  {flow: {name, type[, id]}, configuration}
 *                    POST /api/v2/flows/actions/publish?flow=<id>
 *   delete:          DELETE /api/v2/flows/<id>
 *   rollback:        POST /api/v2/flows/actions/publish?flow=<id>&version=<version published before>
 *
 * The import call's body is not Genesys's (its POST takes no file): it is what the connector
 * uploads, so the plan, its journal and a package show the exact text written, with the
 * target's ids.
 *
 * Checked out. A flow someone holds checked out (`lockedUser`, or `lockedClient` for an OAuth
 * client such as Archy or CX as Code) in the target blocks its step at
 * plan time, naming them. Checked out after the plan: the run's re-read of the target before it
 * writes anything plans the step again, finds it blocked and refuses the run (nothing written,
 * "plan again", with the holder named). Checked out while the run is under way: Genesys fails the
 * import job; the connector reads the flow and fails the step with `flow.checked-out`, naming the
 * holder, and the run stops like at any failed step (rolled back, or left, as the run was asked).
 */

export const FLOW_COLLECTION = '/api/v2/flows';
export const FLOW_IMPORT_PATH = '/api/v2/flows/jobs';
export const FLOW_PUBLISH_PATH = '/api/v2/flows/actions/publish';
const FLOW_TYPE_ID = 'architect.flow';

export const flowImportBodySchema = z.strictObject({
  flow: z.strictObject({
    name: z.string().min(1),
    type: z.string().min(1),
    id: z.string().min(1).optional(),
  }),
  configuration: z.string().min(1),
});
export type FlowImportBody = z.infer<typeof flowImportBodySchema>;

/** The configuration written for the target: names resolved to the target's ids. */
export type MaterializeConfiguration = (
  text: string,
  resolveId: ResolveId,
) => { text: string; unresolved: readonly { refType: string; name?: string | undefined; path: string }[] };

/** What `objectCalls` is given for a flow (its key is `<TYPE>/<name>`), and how to materialise it. */
export interface FlowCallsInput extends Pick<
  ObjectCallsInput,
  'key' | 'id' | 'current' | 'desired' | 'resolveId' | 'environment'
> {
  /** From MODEL's `shared/flows/flow-configuration*.ts`. */
  materializeConfiguration: MaterializeConfiguration;
}

export type FlowCalls = ObjectCalls;

/** A flow step's calls, or why it cannot run. */
export function flowCalls(input: FlowCallsInput): FlowCalls {
  const { current, desired } = input;
  const holder = lockedBy(current);
  if (desired === null) {
    if (current === null || input.id === null) return { kind: 'calls', calls: [] };
    if (holder !== null) return { kind: 'blocked', reason: checkedOutReason(holder, input.environment) };
    return { kind: 'calls', calls: [{ method: 'DELETE', path: flowPath(input.id) }] };
  }
  if (current !== null && sameFlow(current, desired)) {
    // Held but never published (an import whose publish a crash or a failure cut off): the
    // version is there, only its publish is owed; nothing is imported again.
    if (publishedVersionOf(current) !== null || input.id === null) return { kind: 'calls', calls: [] };
    if (holder !== null) return { kind: 'blocked', reason: checkedOutReason(holder, input.environment) };
    return { kind: 'calls', calls: [{ method: 'POST', path: publishPath(input.id, null) }] };
  }
  if (holder !== null) return { kind: 'blocked', reason: checkedOutReason(holder, input.environment) };
  const name = typeof desired.name === 'string' ? desired.name : '';
  const type = typeof desired.type === 'string' ? desired.type : '';
  const text = typeof desired.configuration === 'string' ? desired.configuration : '';
  if (name === '' || type === '' || text === '') {
    return {
      kind: 'blocked',
      reason: 'the flow has no configuration to import: take it from a snapshot or write it in the changeset',
    };
  }
  const written = input.materializeConfiguration(text, input.resolveId);
  if (written.unresolved.length > 0) {
    const named = written.unresolved
      .slice(0, 3)
      .map(
        (reference) =>
          `the ${referenceTypeLabel(reference.refType)} ${reference.name === undefined ? 'a parameter names' : JSON.stringify(reference.name)} (at ${reference.path})`,
      );
    return {
      kind: 'blocked',
      reason: `its configuration refers to ${named.join(', ')}${written.unresolved.length > 3 ? ` and ${written.unresolved.length - 3} more` : ''}, which ${input.environment ?? 'the target'} does not have and the plan does not create: create it in the target or map the name, then plan again`,
    };
  }
  const id = current === null || input.id === null ? null : input.id;
  const body: FlowImportBody = {
    flow: { name, type, ...(id === null ? {} : { id }) },
    configuration: written.text,
  };
  const target = id ?? idPlaceholder(FLOW_TYPE_ID, input.key);
  return {
    kind: 'calls',
    calls: [
      { method: 'POST', path: FLOW_IMPORT_PATH, body },
      { method: 'POST', path: publishPath(target, null) },
    ],
  };
}

/**
 * A rollback's call for a flow the run changed: publish again the version that was live before
 * (the import made a new version; the old one is still there, and republishing it is exactly the
 * state before, with no new import). Null when no version was published before: the flow's
 * configuration is then imported back like any update.
 */
export function republishCalls(id: string, before: JsonObject | null): ApiCall[] | null {
  const version = publishedVersionOf(before);
  return version === null ? null : [{ method: 'POST', path: publishPath(id, version) }];
}

/**
 * Whether `current` (a canonical object as the target holds it) is a flow the target has but has
 * never published. Its configuration may already be what a plan writes, yet nothing of it is
 * live: a promotion of it is not done until it is published, so such a flow is never "the same"
 * as a flow a plan leaves in place (a plan, a resumed run and a verify all ask this).
 */
export function awaitsPublish(type: string, current: JsonObject | null): boolean {
  return type === FLOW_TYPE_ID && current !== null && publishedVersionOf(current) === null;
}

export function publishedVersionOf(flow: JsonObject | null): string | null {
  const published = flow?.publishedVersion;
  return isJsonObject(published) && typeof published.id === 'string' && published.id !== ''
    ? published.id
    : null;
}

/** `/api/v2/flows/actions/publish?flow=<id>[&version=<v>]`; a placeholder stays readable. */
export function publishPath(idOrPlaceholder: string, version: string | null): string {
  const flow = idOrPlaceholder.startsWith('{id of ') ? idOrPlaceholder : encodeURIComponent(idOrPlaceholder);
  return `${FLOW_PUBLISH_PATH}?flow=${flow}${version === null ? '' : `&version=${encodeURIComponent(version)}`}`;
}

/** The flow and version a publish call names, or null for any other path. */
export function parsePublishPath(path: string): { flow: string; version: string | null } | null {
  if (!path.startsWith(`${FLOW_PUBLISH_PATH}?`)) return null;
  const query = new URLSearchParams(path.slice(FLOW_PUBLISH_PATH.length + 1));
  const flow = query.get('flow');
  if (flow === null || flow === '' || [...query.keys()].some((key) => key !== 'flow' && key !== 'version')) {
    return null;
  }
  return { flow, version: query.get('version') };
}

/** Whether a call is a flow import: its reply names the flow, whose id a create learns from it. */
export function isFlowImportCall(typeId: string, call: ApiCall): boolean {
  return typeId === FLOW_TYPE_ID && call.method === 'POST' && call.path === FLOW_IMPORT_PATH;
}

/** Who has the flow checked out in the target (a status field the read keeps), or null. */
export function lockedBy(flow: JsonObject | null): string | null {
  const user = flow?.lockedUser;
  if (isJsonObject(user)) {
    const name = typeof user.name === 'string' && user.name !== '' ? user.name : null;
    const id = typeof user.id === 'string' && user.id !== '' ? user.id : null;
    if (name !== null || id !== null) return name ?? id;
  }
  return clientLockHolder(flow?.lockedClient);
}

/**
 * A checkout by an OAuth client (`lockedClient`, no `lockedUser`: Archy, CX as Code, a script),
 * in the words a plan and a run use: `the OAuth client "Archy CI"`, or by its id when the org
 * gives no name; null when no client holds it.
 */
export function clientLockHolder(value: unknown): string | null {
  if (!isJsonObject(value)) return null;
  const { name, id } = value;
  if (typeof name === 'string' && name.trim() !== '') return `the OAuth client "${name.trim()}"`;
  if (typeof id === 'string' && id !== '') return `the OAuth client with id ${id}`;
  return null;
}

export function checkedOutReason(holder: string, environment: string | undefined): string {
  return `checked out by ${holder} in ${environment ?? 'the target'}: ask them to check it in, or unlock it in Architect, then plan again`;
}

/** Same flow for a write: what the import file carries and the metadata, not the status fields. */
function sameFlow(current: JsonObject, desired: JsonObject): boolean {
  const comparable = (flow: JsonObject) => {
    const {
      publishedVersion: _published,
      lockedUser: _locked,
      lockedClient: _client,
      id: _id,
      ...rest
    } = flow;
    void _published;
    void _locked;
    void _client;
    void _id;
    return stableStringify(rest);
  };
  return comparable(current) === comparable(desired);
}

function flowPath(id: string): string {
  return `${FLOW_COLLECTION}/${encodeURIComponent(id)}`;
}
