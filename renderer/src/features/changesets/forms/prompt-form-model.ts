import {
  isJsonObject,
  type JsonObject,
  type JsonValue,
} from '../../../../../shared/model/canonical/json-value';
import {
  AUDIO_MAX_BYTES,
  type AudioDescriptor,
  type AudioSource,
} from '../../../../../shared/model/prompt-audio';
import type { AudioFacts } from '../../audio/audio-format';
import { formatSize } from '../../audio/audio-format';
import { getArray, setAt } from './json-edit';

/**
 * The prompt form's edits on the canonical form: `{name, description, resources: [{language,
 * ttsString, text, audio}]}`, one resource per language, each with text-to-speech and, when a
 * recording was uploaded, the descriptor of its WAV file (never the bytes).
 */

export const RESOURCES_PATH = ['resources'] as const;

export function promptResources(value: JsonObject): readonly JsonObject[] {
  return (getArray(value, RESOURCES_PATH) ?? []).map((item) => (isJsonObject(item) ? item : {}));
}

export function resourceLanguage(resource: JsonObject): string {
  return typeof resource['language'] === 'string' ? resource['language'] : '';
}

/** Genesys names a prompt's languages in lower case (`en-us`); what a person types is folded to that. */
export function normalizeLanguage(text: string): string {
  return text.trim().toLowerCase().replace(/_/g, '-');
}

const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/;

/** Why `language` cannot be added as a new resource, in words; null when it can. */
export function languageProblem(language: string, value: JsonObject): string | null {
  if (language === '') return 'Type a language code, such as en-us.';
  if (!LANGUAGE.test(language)) {
    return `"${language}" is not a language code: use a language and region, such as en-us or fr-ca.`;
  }
  if (promptResources(value).some((resource) => resourceLanguage(resource) === language)) {
    return `This prompt already has ${language}; edit it below.`;
  }
  return null;
}

/** The prompt with a new, empty resource for `language` (no recording yet: Genesys speaks the TTS). */
export function withResourceAdded(value: JsonObject, language: string): JsonObject {
  const resources = [...promptResources(value), { language, audio: null }];
  return setAt(value, RESOURCES_PATH, resources);
}

export function withResourceRemoved(value: JsonObject, index: number): JsonObject {
  const resources = promptResources(value).filter((_, at) => at !== index);
  return setAt(value, RESOURCES_PATH, resources);
}

/** The resource's recording as a descriptor, null when it has none. */
export function resourceAudio(resource: JsonObject): AudioFacts | null {
  const audio: JsonValue | undefined = resource['audio'];
  if (!isJsonObject(audio) || typeof audio['sha256'] !== 'string') return null;
  return {
    sha256: audio['sha256'],
    bytes: typeof audio['bytes'] === 'number' ? audio['bytes'] : null,
    durationSeconds: typeof audio['durationSeconds'] === 'number' ? audio['durationSeconds'] : null,
  };
}

/** The resource with `descriptor` as its recording, or none (`null`, as canonical form writes "no audio"). */
export function withAudio(value: JsonObject, index: number, descriptor: AudioDescriptor | null): JsonObject {
  const audio: JsonValue =
    descriptor === null
      ? null
      : { sha256: descriptor.sha256, bytes: descriptor.bytes, durationSeconds: descriptor.durationSeconds };
  return setAt(value, [...RESOURCES_PATH, index, 'audio'], audio);
}

/**
 * What the name and size alone say is wrong with a picked file, before its bytes are read: a file
 * of gigabytes is refused from its size, not after the window has held all of it in memory.
 */
export function pickedFileSizeProblem(name: string, size: number): string | null {
  if (!/\.wav$/i.test(name)) return `"${name}" is not a WAV file: pick a file ending in .wav.`;
  if (size === 0) return `"${name}" is empty: pick the recording again.`;
  if (size > AUDIO_MAX_BYTES) {
    return `"${name}" is ${formatSize(size)}; prompt audio can be at most ${formatSize(AUDIO_MAX_BYTES)}. Shorten or compress the recording.`;
  }
  return null;
}

/**
 * What is wrong with a file a person picked, before it is sent: a name that is not `.wav`, an
 * empty or too large file, bytes without a RIFF/WAVE header. Null when it may be sent; the main
 * process reads the whole header again, since a check here is only a kindness.
 */
export function pickedFileProblem(name: string, bytes: Uint8Array): string | null {
  const before = pickedFileSizeProblem(name, bytes.byteLength);
  if (before !== null) return before;
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    return `"${name}" is named .wav but is not a WAV recording (no RIFF/WAVE header). Export it again as WAV.`;
  }
  return null;
}

/**
 * Where the form's recordings can be read, in order: the changeset's own folder (uploaded while
 * authoring), then the target's snapshot, then the other environments' snapshots (a recording
 * picked from a compare is still only in its source's). Files are named by hash, so the first that
 * has it has the right bytes.
 */
export function promptAudioSources(
  changesetId: string | null,
  target: string | null,
  environments: readonly string[],
): AudioSource[] {
  const sources: AudioSource[] = [];
  if (changesetId !== null) sources.push({ kind: 'changeset', changesetId });
  const names = target === null ? environments : [target, ...environments.filter((name) => name !== target)];
  for (const environment of names) sources.push({ kind: 'snapshot', environment });
  return sources;
}
