import { diffObjects } from '../../../../shared/diff/diff-objects';
import type { FieldChange } from '../../../../shared/diff/diff-types';
import { isJsonObject, type JsonObject, type JsonValue } from '../../../../shared/model/canonical/json-value';
import { parseCompareSource, type CompareSourceSpec } from '../../../../shared/model/compare-source';
import type { AudioSource } from '../../../../shared/model/prompt-audio';
import type { AudioFacts } from '../audio/audio-format';

/**
 * A prompt's audio as one change. The diff engine walks the descriptor a prompt resource holds
 * (`{sha256, bytes, durationSeconds}`) like any object and reports up to three number and string
 * changes, or, where resources are compared as a set by language, a whole resource removed and
 * another added. A person changed one thing: the recording. This model finds those changes and
 * says which recording each side has, for which language, so the panel can show one audio change
 * with a player per side.
 */
export interface AudioChange {
  /** Stable within the object, for React keys and tests: the resource's language or position. */
  id: string;
  /** The resource's language (`en-us`); `a → b` when one position holds two languages; null when unknown. */
  language: string | null;
  /** `changed`: both sides have audio; `added`: only side b has; `removed`: only side a has. */
  kind: 'changed' | 'added' | 'removed';
  /** Side a's recording (the change's "before"), null when it has none. */
  before: AudioFacts | null;
  /** Side b's recording (the change's "after"), null when it has none. */
  after: AudioFacts | null;
  /** Where the language exists: on both sides, or only one (the whole resource is new or gone). */
  resource: 'both' | 'only-a' | 'only-b';
  /** Positions in the object's change list this change stands for (they are not listed again). */
  changeIndexes: number[];
  /** Other differences inside the same resource (its TTS string, its text), paths relative to it. */
  otherChanges: FieldChange[];
  /** For a resource on one side only: its fields other than the audio, to read beside it. */
  resourceFields?: JsonObject;
}

export interface AudioGrouping {
  audio: AudioChange[];
  /** Indexes of changes now shown inside an audio change. */
  consumed: ReadonlySet<number>;
}

/** Both sides' canonical values, when the panel has read them (they fill in unchanged facts). */
export interface CanonicalSides {
  before: JsonValue | null;
  after: JsonValue | null;
}

const RESOURCES = 'resources';
const INDEXED = /^resources\[(\d+)\](?:\.(.+))?$/;
const AUDIO_FIELDS = new Set(['sha256', 'bytes', 'durationSeconds']);

/** Parses a side's canonical text as the panel holds it; null where absent or not JSON. */
export function parseSide(text: string | null | undefined): JsonValue | null {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return null;
  }
}

/**
 * Groups the audio changes among `changes`. Only real differences are grouped: a change shown
 * apart (differs per environment, equal as a parameter) keeps its own row.
 */
export function groupAudioChanges(
  changes: readonly FieldChange[],
  sides: CanonicalSides = { before: null, after: null },
): AudioGrouping {
  const candidates = changes
    .map((change, index) => ({ change, index }))
    .filter(({ change }) => change.environmentSpecific !== true && change.equalAsParameter === undefined);
  const audio = [...indexedAudioChanges(candidates, sides), ...setAudioChanges(candidates)];
  const consumed = new Set(audio.flatMap((change) => change.changeIndexes));
  return { audio, consumed };
}

interface Indexed {
  change: FieldChange;
  index: number;
}

/** Resources compared position by position: `resources[0].audio.sha256` and the like. */
function indexedAudioChanges(candidates: readonly Indexed[], sides: CanonicalSides): AudioChange[] {
  const byPosition = new Map<number, { rest: string; item: Indexed }[]>();
  for (const item of candidates) {
    const match = INDEXED.exec(item.change.path);
    if (!match) continue;
    const position = Number(match[1]);
    const list = byPosition.get(position) ?? [];
    list.push({ rest: match[2] ?? '', item });
    byPosition.set(position, list);
  }
  const found: AudioChange[] = [];
  for (const [position, items] of [...byPosition].sort(([x], [y]) => x - y)) {
    const whole = items.find(({ rest }) => rest === '');
    if (whole) {
      const oneSided = oneSidedResource(whole.item, `resources[${position}]`);
      if (oneSided) found.push(oneSided);
      continue;
    }
    const touchesAudio = items.some(({ rest }) => rest === 'audio' || rest.startsWith('audio.'));
    if (!touchesAudio) continue;
    const resourceA = resourceAt(sides.before, position);
    const resourceB = resourceAt(sides.after, position);
    const before = factsFrom(resourceA, items, 'before');
    const after = factsFrom(resourceB, items, 'after');
    if (before === null && after === null) continue;
    found.push({
      id: `resources[${position}]`,
      language: languageOf(resourceA, resourceB, items),
      kind: before === null ? 'added' : after === null ? 'removed' : 'changed',
      before,
      after,
      resource: 'both',
      changeIndexes: items.map(({ item }) => item.index),
      otherChanges: items
        .filter(({ rest }) => rest !== 'audio' && !rest.startsWith('audio.'))
        .map(({ rest, item }) => ({ ...item.change, path: rest })),
    });
  }
  return found;
}

/** Resources compared as a set by language: a resource removed and one added, paired by language. */
function setAudioChanges(candidates: readonly Indexed[]): AudioChange[] {
  const removed = candidates.filter(
    ({ change }) => change.path === RESOURCES && change.kind === 'set-removed' && isJsonObject(change.before),
  );
  const added = candidates.filter(
    ({ change }) => change.path === RESOURCES && change.kind === 'set-added' && isJsonObject(change.after),
  );
  const found: AudioChange[] = [];
  const paired = new Set<number>();
  for (const gone of removed) {
    const resourceA = gone.change.before as JsonObject;
    const language = stringField(resourceA, 'language');
    const partner = added.find(
      (item) =>
        !paired.has(item.index) &&
        language !== null &&
        stringField(item.change.after as JsonObject, 'language') === language,
    );
    if (!partner) {
      const oneSided = oneSidedResource(gone, `${RESOURCES}[${language ?? gone.index}]`);
      if (oneSided) found.push(oneSided);
      continue;
    }
    const resourceB = partner.change.after as JsonObject;
    const before = descriptorFacts(resourceA['audio']);
    const after = descriptorFacts(resourceB['audio']);
    paired.add(partner.index);
    // The same recording: what differs is text, which the plain rows say well enough.
    if (sameFacts(before, after)) continue;
    found.push({
      id: `${RESOURCES}[${language}]`,
      language,
      kind: before === null ? 'added' : after === null ? 'removed' : 'changed',
      before,
      after,
      resource: 'both',
      changeIndexes: [gone.index, partner.index],
      otherChanges: diffObjects('', withoutAudio(resourceA), withoutAudio(resourceB)).changes,
    });
  }
  for (const item of added) {
    if (paired.has(item.index)) continue;
    const language = stringField(item.change.after as JsonObject, 'language');
    const oneSided = oneSidedResource(item, `${RESOURCES}[${language ?? item.index}]`);
    if (oneSided) found.push(oneSided);
  }
  return found;
}

/** A resource only one side has, when it carries audio; null when it has none (the plain row says it). */
function oneSidedResource({ change, index }: Indexed, id: string): AudioChange | null {
  const onlyB = change.kind === 'added' || change.kind === 'set-added';
  const resource = onlyB ? change.after : change.before;
  if (!isJsonObject(resource)) return null;
  const facts = descriptorFacts(resource['audio']);
  if (facts === null) return null;
  return {
    id,
    language: stringField(resource, 'language'),
    kind: onlyB ? 'added' : 'removed',
    before: onlyB ? null : facts,
    after: onlyB ? facts : null,
    resource: onlyB ? 'only-b' : 'only-a',
    changeIndexes: [index],
    otherChanges: [],
    resourceFields: withoutAudio(resource),
  };
}

function resourceAt(side: JsonValue | null, position: number): JsonObject | null {
  if (!isJsonObject(side)) return null;
  const list = side[RESOURCES];
  if (!Array.isArray(list)) return null;
  const resource = list[position];
  return isJsonObject(resource) ? resource : null;
}

/**
 * One side's recording: from that side's canonical value when the panel has it, else pieced
 * together from the changes (a field that did not change is then unknown).
 */
function factsFrom(
  resource: JsonObject | null,
  items: readonly { rest: string; item: Indexed }[],
  side: 'before' | 'after',
): AudioFacts | null {
  const whole = items.find(({ rest }) => rest === 'audio');
  if (whole) return descriptorFacts(whole.item.change[side]);
  if (resource !== null) return descriptorFacts(resource['audio']);
  const facts: AudioFacts = { sha256: null, bytes: null, durationSeconds: null };
  let any = false;
  for (const { rest, item } of items) {
    const field = rest.startsWith('audio.') ? rest.slice('audio.'.length) : '';
    if (!AUDIO_FIELDS.has(field)) continue;
    const value = item.change[side];
    if (value === undefined) continue;
    any = true;
    if (field === 'sha256' && typeof value === 'string') facts.sha256 = value;
    if (field === 'bytes' && typeof value === 'number') facts.bytes = value;
    if (field === 'durationSeconds' && (typeof value === 'number' || value === null)) {
      facts.durationSeconds = value;
    }
  }
  // A field changed to nothing on this side: that side has a descriptor only if any value is there.
  return any ? facts : null;
}

/** A descriptor as canonical form holds it; null for no audio (null, absent, or not a descriptor). */
export function descriptorFacts(value: JsonValue | undefined): AudioFacts | null {
  if (!isJsonObject(value)) return null;
  const sha256 = typeof value['sha256'] === 'string' ? value['sha256'] : null;
  const bytes = typeof value['bytes'] === 'number' ? value['bytes'] : null;
  const duration = value['durationSeconds'];
  if (sha256 === null && bytes === null) return null;
  return { sha256, bytes, durationSeconds: typeof duration === 'number' ? duration : null };
}

function sameFacts(x: AudioFacts | null, y: AudioFacts | null): boolean {
  if (x === null || y === null) return x === y;
  return x.sha256 === y.sha256 && x.bytes === y.bytes && x.durationSeconds === y.durationSeconds;
}

function languageOf(
  resourceA: JsonObject | null,
  resourceB: JsonObject | null,
  items: readonly { rest: string; item: Indexed }[],
): string | null {
  const languageChange = items.find(({ rest }) => rest === 'language')?.item.change;
  const a =
    stringField(resourceA, 'language') ??
    (typeof languageChange?.before === 'string' ? languageChange.before : null);
  const b =
    stringField(resourceB, 'language') ??
    (typeof languageChange?.after === 'string' ? languageChange.after : null);
  if (a !== null && b !== null && a !== b) return `${a} → ${b}`;
  return a ?? b;
}

function stringField(object: JsonObject | null, field: string): string | null {
  const value = object?.[field];
  return typeof value === 'string' ? value : null;
}

function withoutAudio(resource: JsonObject): JsonObject {
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(resource)) if (key !== 'audio') copy[key] = value;
  return copy;
}

/** The headline of an audio change: "audio changed", "audio added", "audio removed". */
export function audioHeadline(change: AudioChange): string {
  const what =
    change.kind === 'changed' ? 'audio changed' : change.kind === 'added' ? 'audio added' : 'audio removed';
  if (change.resource === 'only-a') return `${what}, with the whole language`;
  if (change.resource === 'only-b') return `${what}, with a new language`;
  return what;
}

/** Where `audio.read` finds one side's files, in the order to try; empty where no file can be read. */
export function audioSourcesForSide(side: { source: string; commit: string | null }): AudioSource[] {
  const spec = parseCompareSource(side.source);
  if ('error' in spec) return [];
  return sourcesOf(spec, side.commit);
}

function sourcesOf(spec: CompareSourceSpec, commit: string | null): AudioSource[] {
  switch (spec.kind) {
    // The org is read over the API for a live compare; its recordings are not in the workspace.
    case 'live':
      return [];
    case 'snapshot':
      return [
        {
          kind: 'snapshot',
          environment: spec.environment,
          ...(commit !== null && /^[0-9a-f]{40}$/.test(commit) ? { commit } : {}),
        },
      ];
    // A preview's new recordings are the changeset's; the rest are its base's.
    case 'changeset':
      return [{ kind: 'changeset', changesetId: spec.changeset }, ...sourcesOf(spec.base, commit)];
  }
}
