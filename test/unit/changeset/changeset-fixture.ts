import type { JsonObject, JsonValue } from '../../../shared/model/canonical/json-value';
import { stateFromEntries, type ObjectState } from '../../../shared/changeset/object-state';
import { objectKeyOf } from '../../../shared/model/object-types/object-key';
import { findObjectType } from '../../../shared/model/object-types/registry';

export const ref = (type: string, name: string): JsonObject => ({ $ref: type, name });
export const skillRef = (name: string): JsonObject => ref('routing.skill', name);
export const wrapupRef = (name: string): JsonObject => ref('routing.wrapupcode', name);
export const divisionRef = (name: string): JsonObject => ref('authorization.division', name);

export const skill = (name: string, division = 'Home'): JsonObject => ({
  division: divisionRef(division),
  name,
});
export const division = (name: string): JsonObject => ({ name });
export const wrapupCode = (name: string): JsonObject => ({ division: divisionRef('Home'), name });

/** A canonical queue: keys and sets in canonical order. */
export function queue(name: string, fields: Record<string, JsonValue> = {}): JsonObject {
  return {
    acwSettings: { timeoutMs: 30000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
    division: divisionRef('Home'),
    name,
    ...fields,
  };
}

/** A state from `[type, value]` pairs, keyed by each value's `name`. */
export function stateOf(...objects: [string, JsonObject][]): ObjectState {
  // A flow's key is its type and name (`INBOUNDCALL/Main IVR`), every other object's its name.
  return stateFromEntries(
    objects.map(([type, value]) => ({
      type,
      key: objectKeyOf(findObjectType(type) ?? { naturalKey: 'name' }, value) ?? (value.name as string),
      value,
    })),
  );
}

/** A real queue as a dev snapshot holds it (copied from a sandbox snapshot). */
export const billingChatQueue: JsonObject = {
  acwSettings: { timeoutMs: 60000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
  autoAnswerOnly: false,
  bullseye: {
    rings: [
      {
        actions: { skillsToRemove: [skillRef('Chat Handling')] },
        expansionCriteria: [{ threshold: 30, type: 'TIMEOUT_SECONDS' }],
      },
      {},
    ],
  },
  description: 'Billing enquiries by chat',
  division: divisionRef('Customer Service'),
  enableAudioMonitoring: false,
  enableManualAssignment: false,
  enableTranscription: false,
  lastAgentRoutingMode: 'Disabled',
  mediaSettings: {
    call: {
      alertingTimeoutSeconds: 8,
      enableAutoAnswer: false,
      serviceLevel: { durationMs: 20000, percentage: 0.8 },
    },
    chat: {
      alertingTimeoutSeconds: 30,
      enableAutoAnswer: false,
      serviceLevel: { durationMs: 60000, percentage: 0.8 },
    },
    email: {
      alertingTimeoutSeconds: 300,
      enableAutoAnswer: false,
      serviceLevel: { durationMs: 86400000, percentage: 0.8 },
    },
  },
  name: 'Billing - Chat',
  routingRules: [],
  scoringMethod: 'TimestampAndPriority',
  skillEvaluationMethod: 'ALL',
  wrapupCodes: [wrapupRef('Billing Query Answered'), wrapupRef('Customer Hung Up'), wrapupRef('Transferred')],
};
