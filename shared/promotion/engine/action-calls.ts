import type { UnresolvedReference } from '../../model/canonical/canonical-reference';
import { materialize } from '../../model/canonical/materialize';
import { stableStringify } from '../../model/canonical/stable-stringify';
import type { ObjectCalls, ObjectCallsInput } from './object-calls-input';

/**
 * The calls that write data actions (`integrations.action`) and integrations
 * (`integrations.integration`); `object-calls.ts` hands these two types here. Kept apart because
 * neither is written like other objects: a published action changes only through its draft, and
 * an integration's settings and credentials live in its `config/current`.
 */

export const ACTIONS_PATH = '/api/v2/integrations/actions';
export const INTEGRATIONS_PATH = '/api/v2/integrations';

/** What `objectCalls` is given, as far as these types need it. */
export type IntegrationCallsInput = Pick<
  ObjectCallsInput,
  'key' | 'id' | 'current' | 'desired' | 'resolveId'
>;

export type IntegrationCalls = ObjectCalls;

/** `/api/v2/integrations/actions/{id}/draft`: where an action's next version is edited. */
export function actionDraftPath(idOrPlaceholder: string): string {
  return `${ACTIONS_PATH}/${segment(idOrPlaceholder)}/draft`;
}

/** `…/draft/publish`: makes the draft the action's published version. */
export function actionPublishPath(idOrPlaceholder: string): string {
  return `${actionDraftPath(idOrPlaceholder)}/publish`;
}

/**
 * A data action: created published with one POST (Genesys allows it for every integration type
 * Ferry manages; function actions, which must start as drafts, are not among them); changed by
 * writing its draft and publishing that (`PATCH …/draft`, then `POST …/draft/publish`: the
 * connector creates the draft when there is none and sends the draft's own version with both,
 * since it is known only at run time); deleted with a DELETE.
 */
export function actionCalls(input: IntegrationCallsInput): IntegrationCalls {
  const { current, desired, id } = input;
  if (desired === null) {
    if (current === null || id === null) return { kind: 'calls', calls: [] };
    return { kind: 'calls', calls: [{ method: 'DELETE', path: `${ACTIONS_PATH}/${segment(id)}` }] };
  }
  const wanted = materialize('integrations.action', desired, input.resolveId);
  if (wanted.unresolved.length > 0) return { kind: 'blocked', reason: missingIntegration(wanted.unresolved) };
  if (current === null || id === null) {
    return { kind: 'calls', calls: [{ method: 'POST', path: ACTIONS_PATH, body: wanted.body }] };
  }
  const existing = materialize('integrations.action', current, input.resolveId);
  if (stableStringify(existing.body) === stableStringify(wanted.body)) return { kind: 'calls', calls: [] };
  if (existing.body.integrationId !== wanted.body.integrationId) {
    return {
      kind: 'blocked',
      reason:
        'a data action cannot move to another integration (its draft has no integration to change): delete it and create it under the other integration, in separate changesets',
    };
  }
  const { integrationId: _integration, ...draft } = wanted.body;
  void _integration;
  // A draft's PATCH takes no nulls: a field the changeset leaves out keeps the draft's value, and
  // the run's verify names it if the published action still differs.
  return {
    kind: 'calls',
    calls: [
      { method: 'PATCH', path: actionDraftPath(id), body: draft },
      { method: 'POST', path: actionPublishPath(id), body: {} },
    ],
  };
}

function missingIntegration(unresolved: readonly UnresolvedReference[]): string {
  const named = unresolved.map((reference) =>
    reference.name === undefined
      ? `an integration known only by another org's id (at ${reference.path})`
      : `the integration ${JSON.stringify(reference.name)} (at ${reference.path})`,
  );
  return `refers to ${named.join(', ')}, which the target does not have and the plan does not create: add the integration to the changeset (its credentials given as secret parameters) or create it in the target, then plan again`;
}

/** An id as a URL segment; a plan's `{id of …}` placeholder stays readable until it is resolved. */
export function segment(idOrPlaceholder: string): string {
  return idOrPlaceholder.startsWith('{id of ') ? idOrPlaceholder : encodeURIComponent(idOrPlaceholder);
}
