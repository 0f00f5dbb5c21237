import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
} from '../../../../../shared/model/canonical/json-value';
import type { Queue } from '../../../../../shared/model/object-types/routing-queue';
import { getArray, getAt, setAt } from './json-edit';
import { referencedNames, withReferencedNames } from './reference-list';

// The schemas are loose (unknown fields kept), so their key types carry an index signature; only
// the named keys are wanted here.
type KnownKeys<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};
export type MediaType = KnownKeys<NonNullable<Queue['mediaSettings']>>;
type WrapupPrompt = NonNullable<NonNullable<Queue['acwSettings']>['wrapupPrompt']>;
type SkillEvaluationMethod = NonNullable<Queue['skillEvaluationMethod']>;

// Records keyed by the schema's own types: adding a value to the schema without a label here
// fails to compile, so the selects cannot fall behind the enums.
const MEDIA_TYPE_LABELS: Record<MediaType, string> = {
  call: 'Call',
  callback: 'Callback',
  chat: 'Chat',
  email: 'Email',
  message: 'Message',
};

const WRAPUP_PROMPT_LABELS: Record<WrapupPrompt, string> = {
  MANDATORY: 'Mandatory',
  OPTIONAL: 'Optional',
  MANDATORY_TIMEOUT: 'Mandatory, time-out',
  MANDATORY_FORCED_TIMEOUT: 'Mandatory, forced time-out',
  AGENT_REQUESTED: 'Agent requested',
};

const SKILL_EVALUATION_LABELS: Record<SkillEvaluationMethod, string> = {
  NONE: 'None',
  BEST: 'Best available skills',
  ALL: 'All skills matching',
};

export interface Choice<T extends string = string> {
  value: T;
  label: string;
}

function choices<T extends string>(labels: Record<T, string>): Choice<T>[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}

export const MEDIA_TYPES = choices(MEDIA_TYPE_LABELS);
export const WRAPUP_PROMPTS = choices(WRAPUP_PROMPT_LABELS);
export const SKILL_EVALUATION_METHODS = choices(SKILL_EVALUATION_LABELS);

/** Genesys allows up to six bullseye rings. */
export const MAX_BULLSEYE_RINGS = 6;

/**
 * A number of milliseconds as seconds for display; decimals survive (1500 ms → 1.5 s). The
 * rounding removes binary noise such as 0.1 + 0.2, not precision anyone typed.
 */
export function msToSeconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : roundTo(ms / 1000, 6);
}

/** Seconds as typed, stored as whole milliseconds (the schemas want integers). */
export function secondsToMs(seconds: number | undefined): number | undefined {
  return seconds === undefined ? undefined : Math.round(seconds * 1000);
}

/** A service-level fraction (0.8) as a percentage (80). */
export function fractionToPercent(fraction: number | undefined): number | undefined {
  return fraction === undefined ? undefined : roundTo(fraction * 100, 6);
}

export function percentToFraction(percent: number | undefined): number | undefined {
  return percent === undefined ? undefined : roundTo(percent / 100, 8);
}

function roundTo(value: number, decimals: number): number {
  return Number(value.toFixed(decimals));
}

const RINGS = ['bullseye', 'rings'] as const;

export function bullseyeRings(queue: JsonObject): readonly JsonValue[] {
  return getArray(queue, RINGS) ?? [];
}

/** Where a ring's expansion timeout sits: the first expansion criterion, of type TIMEOUT_SECONDS. */
export function ringTimeoutPath(index: number) {
  return [...RINGS, index, 'expansionCriteria', 0, 'threshold'] as const;
}

export function ringSkillsPath(index: number) {
  return [...RINGS, index, 'actions', 'skillsToRemove'] as const;
}

export function ringTimeout(queue: JsonObject, index: number): number | undefined {
  const threshold = getAt(queue, ringTimeoutPath(index));
  return typeof threshold === 'number' ? threshold : undefined;
}

/**
 * Sets or clears a ring's expansion timeout: seconds, or a parameter (`{"$param": …}`) that gives
 * them per environment. Clearing removes the criterion (and the list when it was the only one): a
 * ring without criteria is the last ring, where calls stay.
 */
export function withRingTimeout(
  queue: JsonObject,
  index: number,
  seconds: JsonValue | undefined,
): JsonObject {
  const criteriaPath = [...RINGS, index, 'expansionCriteria'] as const;
  const criteria = getArray(queue, criteriaPath) ?? [];
  const first = criteria[0];
  if (seconds === undefined) {
    if (first === undefined) return queue;
    const rest = criteria.slice(1);
    return setAt(queue, criteriaPath, rest.length === 0 ? undefined : rest);
  }
  // Other fields of an existing criterion are kept; only its type and threshold are the form's.
  const criterion: JsonObject = {
    ...(isJsonObject(first) ? first : {}),
    threshold: seconds,
    type: 'TIMEOUT_SECONDS',
  };
  return setAt(queue, criteriaPath, [criterion, ...criteria.slice(1)]);
}

export function ringSkills(queue: JsonObject, index: number): string[] {
  return referencedNames(getArray(queue, ringSkillsPath(index)));
}

/** An empty skill list is removed, with `actions` if nothing else is left in it. */
export function withRingSkills(queue: JsonObject, index: number, list: JsonValue[]): JsonObject {
  return setAt(queue, ringSkillsPath(index), list.length === 0 ? undefined : list);
}

export function withRingSkillNames(queue: JsonObject, index: number, names: readonly string[]): JsonObject {
  const list = withReferencedNames(getArray(queue, ringSkillsPath(index)), 'routing.skill', names);
  return withRingSkills(queue, index, list);
}

/** Appends an empty ring: the new last ring, the one calls stay in. */
export function withRingAdded(queue: JsonObject): JsonObject {
  return setAt(queue, RINGS, [...bullseyeRings(queue), {}]);
}

export function withRingRemoved(queue: JsonObject, index: number): JsonObject {
  return setAt(
    queue,
    RINGS,
    bullseyeRings(queue).filter((_, at) => at !== index),
  );
}
