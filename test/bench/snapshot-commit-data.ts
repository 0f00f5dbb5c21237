import { createHash } from 'node:crypto';
import { prng, typeShares, WEIGHTED_TYPES, word as randomWord, type Random } from './bench-data';

/**
 * The snapshot-commit bench's files: an environment folder as a snapshot writes it, with every
 * type Ferry manages in the proportion a contact-centre org has them (issue 17 added groups,
 * IVRs, emergency groups, utilization labels, the utilization setting and prompts, whose audio
 * lives beside the JSON as `audio/<sha256>.wav`). Deterministic: the same count gives the same files.
 */

export type BenchFiles = Map<string, string | Uint8Array>;

export interface BenchSnapshot {
  files: BenchFiles;
  /**
   * The object files a re-snapshot may change, in the order they were made: not audio (it changes
   * with its prompt), nor utilization labels (a label holds only its name, so it never changes).
   */
  objects: string[];
}

/**
 * Types beyond the original five, by weight against theirs (which sum to 100): a group per
 * dozen queues, an IVR per few hundred objects, an emergency group per five IVRs, a prompt per
 * fifty objects. The original five keep their order and come first, so their timings stay
 * comparable with earlier runs.
 */
const ADDED_TYPES: readonly { type: string; weight: number }[] = [
  { type: 'directory.group', weight: 3 },
  { type: 'architect.prompt', weight: 2 },
  { type: 'architect.ivr', weight: 0.5 },
  { type: 'architect.emergencygroup', weight: 0.1 },
];
/** Orgs name a handful of labels, and have one utilization setting, however big they are. */
const LABEL_COUNT = 12;
const UTILIZATION_KEY = 'organization';

const TYPES = [...[...WEIGHTED_TYPES].sort((left, right) => right.weight - left.weight), ...ADDED_TYPES];

const ref = (type: string, name: string) => ({ $ref: type, name });

/** 2-space JSON with keys sorted at every level and a trailing newline, as canonical files are. */
function canonicalText(value: unknown): string {
  const sorted = (item: unknown): unknown => {
    if (Array.isArray(item)) return item.map(sorted);
    if (item === null || typeof item !== 'object') return item;
    return Object.fromEntries(
      Object.keys(item)
        .sort()
        .map((key) => [key, sorted((item as Record<string, unknown>)[key])]),
    );
  };
  return `${JSON.stringify(sorted(value), null, 2)}\n`;
}

/** A queue-shaped body of about 1-2 KB: what the bench has always written for the first five types. */
function classicBody(type: string, index: number, version: number, random: Random): object {
  const word = () => randomWord(random);
  const name = `${word()} ${word()} ${index}`;
  const skills = Array.from({ length: 2 + Math.floor(random() * 6) }, () => ({
    $ref: 'routing.skill',
    name: `${word()} ${Math.floor(random() * 500)}`,
  })).sort((a, b) => a.name.localeCompare(b.name));
  return {
    acwSettings: { timeoutMs: 30_000 + version, wrapupPrompt: 'MANDATORY_TIMEOUT' },
    description: `${type} ${name}: ${Array.from({ length: 8 + Math.floor(random() * 30) }, word).join(' ')}`,
    enableTranscription: random() > 0.5,
    mediaSettings: Object.fromEntries(
      ['call', 'callback', 'chat', 'email', 'message'].map((media) => [
        media,
        {
          alertingTimeoutSeconds: 8 + Math.floor(random() * 30),
          serviceLevel: { durationMs: 20_000, percentage: 0.8 },
        },
      ]),
    ),
    name,
    skillEvaluationMethod: 'BEST',
    skills,
    type,
  };
}

const phone = (index: number, slot: number) => `+44330${String(index * 4 + slot).padStart(7, '0')}`;
const sentence = (random: Random, words: number) =>
  Array.from({ length: words }, () => randomWord(random)).join(' ');

function groupBody(index: number, version: number, random: Random): object {
  return {
    addresses: random() > 0.7 ? [{ address: phone(index, 0), mediaType: 'PHONE', type: 'GROUPRING' }] : [],
    description: `${sentence(random, 6 + Math.floor(random() * 12))} v${version}`,
    name: `${randomWord(random)} team ${index}`,
    rulesVisible: true,
    type: 'official',
    visibility: random() > 0.2 ? 'public' : 'members',
  };
}

function ivrBody(index: number, version: number, random: Random): object {
  const flow = () => ref('architect.flow', `${randomWord(random)} inbound ${Math.floor(random() * 40)}`);
  return {
    closedHoursFlow: flow(),
    description: `${sentence(random, 4 + Math.floor(random() * 8))} v${version}`,
    division: ref('authorization.division', 'Home'),
    dnis: Array.from({ length: 1 + Math.floor(random() * 4) }, (_, slot) => phone(index, slot)),
    holidayHoursFlow: flow(),
    name: `${randomWord(random)} line ${index}`,
    openHoursFlow: flow(),
    scheduleGroup: ref('architect.schedulegroup', `${randomWord(random)} hours ${Math.floor(random() * 20)}`),
  };
}

function emergencyGroupBody(index: number, version: number, random: Random): object {
  return {
    description: `${sentence(random, 5)} v${version}`,
    division: ref('authorization.division', 'Home'),
    emergencyCallFlows: [
      {
        emergencyFlow: ref('architect.flow', `${randomWord(random)} closure ${index}`),
        ivrs: Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
          ref('architect.ivr', `${randomWord(random)} line ${Math.floor(random() * 100)}`),
        ),
      },
    ],
    enabled: version % 2 === 1,
    name: `${randomWord(random)} closure ${index}`,
  };
}

const labelName = (index: number) => `Label ${index}`;

function utilizationBody(version: number): object {
  const media = (capacity: number, interruptable: string[]) => ({
    includeNonAcd: false,
    interruptableMediaTypes: interruptable,
    maximumCapacity: capacity,
  });
  return {
    labelUtilizations: Object.fromEntries(
      Array.from({ length: LABEL_COUNT }, (_, index) => [
        labelName(index),
        {
          interruptingLabelIds: index === 0 ? [] : [ref('routing.utilizationlabel', labelName(0))],
          maximumCapacity: 1 + ((index + version) % 4),
        },
      ]),
    ),
    name: UTILIZATION_KEY,
    utilization: {
      call: media(1, []),
      callback: media(1, ['call']),
      chat: media(3 + version, ['call', 'callback']),
      email: media(2, ['call', 'callback', 'chat']),
      message: media(4, ['call']),
    },
  };
}

/**
 * A RIFF/WAVE file of 8 kHz 16-bit mono speech-length noise: 3-8 KB, a few tenths of a second,
 * the size of a short recorded prompt once the bench's small scale is allowed for.
 */
function waveFile(random: Random): Uint8Array {
  const samples = 1500 + Math.floor(random() * 2500);
  const data = samples * 2;
  const file = Buffer.alloc(44 + data);
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(36 + data, 4);
  file.write('WAVE', 8, 'ascii');
  file.write('fmt ', 12, 'ascii');
  file.writeUInt32LE(16, 16);
  file.writeUInt16LE(1, 20); // PCM
  file.writeUInt16LE(1, 22); // mono
  file.writeUInt32LE(8000, 24);
  file.writeUInt32LE(16_000, 28);
  file.writeUInt16LE(2, 32);
  file.writeUInt16LE(16, 34);
  file.write('data', 36, 'ascii');
  file.writeUInt32LE(data, 40);
  for (let at = 44; at < file.length; at += 2) file.writeInt16LE(Math.floor((random() - 0.5) * 8000), at);
  return new Uint8Array(file.buffer, file.byteOffset, file.length);
}

/** A prompt with a resource per language, each with its TTS text and its audio, written beside it. */
function promptBody(index: number, version: number, random: Random, audio: BenchFiles): object {
  const languages = ['en-us', 'es-us', 'fr-ca'].slice(0, 1 + Math.floor(random() * 3));
  return {
    description: `${sentence(random, 5)} v${version}`,
    name: `${randomWord(random)}_prompt_${index}`,
    resources: languages.map((language) => {
      const bytes = waveFile(random);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      audio.set(`audio/${sha256}.wav`, bytes);
      const text = `${sentence(random, 8 + Math.floor(random() * 12))}.`;
      return {
        audio: { bytes: bytes.length, durationSeconds: (bytes.length - 44) / 16_000, sha256 },
        language,
        text,
        ttsString: text,
      };
    }),
  };
}

/** One object's file text; a prompt adds the audio it names to `audio`. */
function objectText(type: string, index: number, version: number, random: Random, audio: BenchFiles): string {
  switch (type) {
    case 'directory.group':
      return canonicalText(groupBody(index, version, random));
    case 'architect.ivr':
      return canonicalText(ivrBody(index, version, random));
    case 'architect.emergencygroup':
      return canonicalText(emergencyGroupBody(index, version, random));
    case 'architect.prompt':
      return canonicalText(promptBody(index, version, random, audio));
    default:
      // The first five types keep the body (and key order) the bench always wrote.
      return `${JSON.stringify(classicBody(type, index, version, random), null, 2)}\n`;
  }
}

export function makeSnapshot(count: number): BenchSnapshot {
  const random = prng(42);
  const files: BenchFiles = new Map();
  const audio: BenchFiles = new Map();
  const objects: string[] = [];
  const add = (path: string, text: string) => {
    files.set(path, text);
    objects.push(path);
  };
  let index = 0;
  const fixed = LABEL_COUNT + 1;
  for (const { type, share } of typeShares(TYPES, count - fixed)) {
    for (let i = 0; i < share; i++, index++) {
      add(`snapshot/${type}/object-${index}.json`, objectText(type, index, 0, random, audio));
    }
  }
  for (let label = 0; label < LABEL_COUNT; label++) {
    files.set(
      `snapshot/routing.utilizationlabel/label-${label}.json`,
      canonicalText({ name: labelName(label) }),
    );
  }
  add(`snapshot/routing.utilization/${UTILIZATION_KEY}.json`, canonicalText(utilizationBody(0)));
  for (const [path, bytes] of audio) files.set(path, bytes);
  return { files, objects };
}

/**
 * The snapshot after `changeCount` objects, spread evenly over all of them, changed: a changed
 * prompt has its recordings made again, so its old audio files go and new ones come.
 */
export function changeSnapshot(snapshot: BenchSnapshot, changeCount: number): BenchFiles {
  const random = prng(7);
  const changed: BenchFiles = new Map(snapshot.files);
  for (let i = 0; i < changeCount; i++) {
    const path = snapshot.objects[Math.floor((i * snapshot.objects.length) / changeCount)] as string;
    const type = path.split('/')[1] ?? 'x';
    if (type === 'routing.utilization') {
      changed.set(path, canonicalText(utilizationBody(1)));
      continue;
    }
    const before = changed.get(path);
    if (type === 'architect.prompt' && typeof before === 'string') {
      for (const resource of (JSON.parse(before) as { resources: { audio: { sha256: string } }[] })
        .resources) {
        changed.delete(`audio/${resource.audio.sha256}.wav`);
      }
    }
    const index = Number(/object-(\d+)\.json$/.exec(path)?.[1] ?? i);
    const audio: BenchFiles = new Map();
    changed.set(path, objectText(type, index, 1, random, audio));
    for (const [audioPath, bytes] of audio) changed.set(audioPath, bytes);
  }
  return changed;
}
