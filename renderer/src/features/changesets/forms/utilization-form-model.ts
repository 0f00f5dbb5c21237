import type { JsonObject } from '../../../../../shared/model/canonical/json-value';
import { isJsonObject } from '../../../../../shared/model/canonical/json-value';
import { compareCodeUnits } from '../../../../../shared/model/canonical/stable-stringify';
import { UTILIZATION_MEDIA_TYPES } from '../../../../../shared/model/object-types/routing-utilization';
import { getArray, getAt, setAt, type Path } from './json-edit';
import { referencedNames, withReferenceToggled } from './reference-list';

export type UtilizationMedia = (typeof UTILIZATION_MEDIA_TYPES)[number];

// Keyed by the schema's own list: a media type added there without a label here fails to compile.
const MEDIA_LABELS: Record<UtilizationMedia, string> = {
  call: 'Call',
  callback: 'Callback',
  chat: 'Chat',
  email: 'Email',
  message: 'Message',
  workitem: 'Work item',
};

export const UTILIZATION_MEDIA = UTILIZATION_MEDIA_TYPES.map((media) => ({
  value: media,
  label: MEDIA_LABELS[media],
}));

/** Genesys counts at most 25 interactions of one kind at once. */
export const MAX_CAPACITY = 25;

export function mediaPath(media: UtilizationMedia, field: string): Path {
  return ['utilization', media, field];
}

export function labelPath(label: string, field?: string): Path {
  return field === undefined ? ['labelUtilizations', label] : ['labelUtilizations', label, field];
}

/** The media whose arrival may interrupt work on `media`. */
export function interruptingMedia(setting: JsonObject, media: UtilizationMedia): string[] {
  return (getArray(setting, mediaPath(media, 'interruptableMediaTypes')) ?? []).filter(
    (item): item is string => typeof item === 'string',
  );
}

/**
 * Ticks or unticks one interrupting medium. The list is a set, kept sorted as canonical form
 * sorts it; an empty list is kept (it says "nothing interrupts", which is a setting too).
 */
export function withInterruptingMedia(
  setting: JsonObject,
  media: UtilizationMedia,
  other: UtilizationMedia,
  on: boolean,
): JsonObject {
  const rest = interruptingMedia(setting, media).filter((item) => item !== other);
  const next = (on ? [...rest, other] : rest).sort(compareCodeUnits);
  return setAt(setting, mediaPath(media, 'interruptableMediaTypes'), next);
}

/**
 * The labels to show a row for: every label the target has, and any the setting names that it
 * does not (kept visible so that clearing them is a choice), sorted.
 */
export function labelRows(setting: JsonObject, labels: readonly string[]): string[] {
  const configured = getAt(setting, ['labelUtilizations']);
  const named = isJsonObject(configured) ? Object.keys(configured) : [];
  return [...new Set([...labels, ...named])].sort(compareCodeUnits);
}

export function hasLabelCapacity(setting: JsonObject, label: string): boolean {
  return getAt(setting, labelPath(label)) !== undefined;
}

/** The labels whose interactions may interrupt work carrying `label`, by name. */
export function interruptingLabels(setting: JsonObject, label: string): string[] {
  return referencedNames(getArray(setting, labelPath(label, 'interruptingLabelIds')));
}

/** Ticks or unticks one interrupting label; references stay sorted by name as canonical form has them. */
export function withInterruptingLabel(
  setting: JsonObject,
  label: string,
  other: string,
  on: boolean,
): JsonObject {
  const list = getArray(setting, labelPath(label, 'interruptingLabelIds'));
  const next = withReferenceToggled(list, 'routing.utilizationlabel', other, on);
  return setAt(setting, labelPath(label, 'interruptingLabelIds'), next);
}

/** Removes a label's capacity altogether: interactions with it then count as their media type alone. */
export function withLabelCleared(setting: JsonObject, label: string): JsonObject {
  return setAt(setting, labelPath(label), undefined);
}
