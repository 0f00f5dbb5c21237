import { createHash } from 'node:crypto';
import { diff as jsondiffpatchDiff } from 'jsondiffpatch';
import microdiff from 'microdiff';
import { diffSides } from '../../shared/diff/diff-sides';
import type { SideIndex, SideObject } from '../../shared/diff/diff-types';
import type { JsonObject, JsonValue } from '../../shared/model/canonical/json-value';
import { stableStringify } from '../../shared/model/canonical/stable-stringify';
import { prng, typeShares, WEIGHTED_TYPES, pick, word, type Random } from './bench-data';
import { median, timed, type BenchRatio } from './bench-ratio';

const OBJECT_COUNT = Number(process.env.FERRY_BENCH_COMPARE_OBJECTS ?? 50_000);
const ROUNDS = Number(process.env.FERRY_BENCH_ROUNDS ?? 5);
const CHANGED_SHARE = 0.01;
const VERBOSE = process.env.FERRY_BENCH_VERBOSE === '1';

const ref = ($ref: string, name: string): JsonObject => ({ $ref, name });
const sortedRefs = (refs: JsonObject[]): JsonObject[] =>
  refs.sort((left, right) => (String(left.name) < String(right.name) ? -1 : 1));
const division = (random: Random) =>
  ref('authorization.division', pick(random, ['Home', 'EMEA', 'Americas']));

function queueObject(name: string, random: Random): JsonObject {
  const media = (timeout: number): JsonObject => ({
    alertingTimeoutSeconds: timeout,
    enableAutoAnswer: random() > 0.8,
    serviceLevel: { durationMs: 20_000, percentage: 0.8 },
  });
  return {
    acwSettings: { timeoutMs: 30_000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
    bullseye: {
      rings: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, ring) => ({
        actions: {
          skillsToRemove: sortedRefs(
            Array.from({ length: Math.floor(random() * 3) }, (_, index) =>
              ref('routing.skill', `${word(random)} skill ${ring}${index}`),
            ),
          ),
        },
        expansionCriteria: [{ threshold: 10 * (ring + 1), type: 'TIMEOUT_SECONDS' }],
      })),
    },
    description: `${name}: ${Array.from({ length: 6 + Math.floor(random() * 20) }, () => word(random)).join(' ')}`,
    division: division(random),
    enableTranscription: random() > 0.5,
    mediaSettings: {
      call: media(8),
      callback: media(30),
      chat: media(30),
      email: media(300),
      message: media(30),
    },
    name,
    queueFlow: ref('architect.flow', `${word(random)} in-queue`),
    routingRules: [{ operator: 'MEETS_THRESHOLD', threshold: 9, waitSeconds: 2 }],
    scoringMethod: 'TimestampAndPriority',
    skillEvaluationMethod: pick(random, ['NONE', 'BEST', 'ALL']),
    wrapupCodes: sortedRefs(
      Array.from({ length: 2 + Math.floor(random() * 8) }, (_, index) =>
        ref('routing.wrapupcode', `${word(random)} outcome ${index}`),
      ),
    ),
  };
}

function objectFor(type: string, name: string, random: Random): JsonObject {
  switch (type) {
    case 'routing.queue':
      return queueObject(name, random);
    case 'architect.schedule':
      return {
        description: `${word(random)} hours`,
        division: division(random),
        end: '2030-12-31T17:00:00.000',
        name,
        rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
        start: '2024-01-01T08:00:00.000',
      };
    case 'flows.datatable':
      return {
        division: division(random),
        name,
        rows: Array.from({ length: 3 + Math.floor(random() * 10) }, (_, index) => ({
          key: String(index),
          open: random() > 0.5,
          target: word(random),
        })),
        schema: { properties: { key: { title: 'key', type: 'string' } }, required: ['key'], type: 'object' },
      };
    default:
      return { division: division(random), name };
  }
}

/** The kinds of edit people make: a timeout, a set member, a description, a media setting. */
function changed(value: JsonObject, random: Random): JsonObject {
  const copy = JSON.parse(JSON.stringify(value)) as JsonObject & Record<string, JsonValue>;
  if (Array.isArray(copy.wrapupCodes) && random() < 0.5) {
    copy.wrapupCodes = sortedRefs([
      ...(copy.wrapupCodes as JsonObject[]),
      ref('routing.wrapupcode', 'Escalated'),
    ]);
  } else if (typeof copy.acwSettings === 'object' && random() < 0.5) {
    copy.acwSettings = { timeoutMs: 60_000, wrapupPrompt: 'MANDATORY_TIMEOUT' };
  } else {
    copy.description = `edited ${word(random)}`;
  }
  return copy;
}

interface Side {
  /** type → key → the object, parsed from its canonical text as a reader of the files would get it. */
  tree: Record<string, Record<string, JsonValue>>;
  index: SideIndex;
}

function blobId(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Parses each side from text separately, so no object is shared between sides by identity. */
function sideOf(texts: ReadonlyMap<string, ReadonlyMap<string, string>>): Side {
  const tree: Record<string, Record<string, JsonValue>> = {};
  const index = new Map<string, Map<string, SideObject>>();
  for (const [type, byKey] of texts) {
    const objects: Record<string, JsonValue> = {};
    const entries = new Map<string, SideObject>();
    for (const [key, text] of byKey) {
      objects[key] = JSON.parse(text) as JsonValue;
      entries.set(key, { key, hash: blobId(text) });
    }
    tree[type] = objects;
    index.set(type, entries);
  }
  return { tree, index };
}

function makeSides(count: number): { a: Side; b: Side; changedCount: number } {
  const random = prng(42);
  const textsA = new Map<string, Map<string, string>>();
  const textsB = new Map<string, Map<string, string>>();
  const changeEvery = Math.round(1 / CHANGED_SHARE);
  let index = 0;
  let changedCount = 0;
  for (const { type, share } of typeShares(WEIGHTED_TYPES, count)) {
    const onA = new Map<string, string>();
    const onB = new Map<string, string>();
    for (let i = 0; i < share; i++, index++) {
      const name = `${word(random)} ${word(random)} ${index}`;
      const value = objectFor(type, name, random);
      const text = stableStringify(value);
      onA.set(name, text);
      if (index % changeEvery === changeEvery - 1) {
        onB.set(name, stableStringify(changed(value, random)));
        changedCount += 1;
      } else onB.set(name, text);
    }
    textsA.set(type, onA);
    textsB.set(type, onB);
  }
  return { a: sideOf(textsA), b: sideOf(textsB), changedCount };
}

async function ferryCompare(a: Side, b: Side): Promise<number> {
  const result = await diffSides(a.index, b.index, async (which, type, key) => {
    const value = (which === 'a' ? a : b).tree[type]?.[key];
    if (value === undefined) throw new Error(`no ${type}/${key}`);
    return value;
  });
  return result.summary.totals.changed;
}

/**
 * Compare of two OBJECT_COUNT-object snapshots with 1% changed: Ferry's `diffSides` (hashes from
 * git, so equal objects are skipped unread) vs microdiff and jsondiffpatch over the same parsed
 * objects. Each side takes turns going first; each figure is the median over the rounds.
 */
export async function compareBench(): Promise<BenchRatio[]> {
  const { a, b, changedCount } = makeSides(OBJECT_COUNT);
  const runs = {
    ferry: async () => {
      const found = await ferryCompare(a, b);
      if (found !== changedCount) throw new Error(`ferry found ${found} changed, expected ${changedCount}`);
    },
    microdiff: () => {
      if (microdiff(a.tree, b.tree).length < changedCount) throw new Error('microdiff missed changes');
    },
    jsondiffpatch: () => {
      if (jsondiffpatchDiff(a.tree, b.tree) === undefined) throw new Error('jsondiffpatch found nothing');
    },
  };
  const seconds: Record<keyof typeof runs, number[]> = { ferry: [], microdiff: [], jsondiffpatch: [] };
  const order = Object.keys(runs) as (keyof typeof runs)[];
  // One untimed pass each, so the first timed round does not pay for compiling the code.
  for (const name of order) await runs[name]();
  for (let round = 0; round < ROUNDS; round++) {
    const turn = round % 2 === 0 ? order : [...order].reverse();
    for (const name of turn) {
      const { seconds: taken } = await timed(runs[name]);
      seconds[name].push(taken);
      if (VERBOSE) console.log(`  ${name} ${(taken * 1000).toFixed(1)} ms`);
    }
  }
  const ferry = { label: 'ferry diffSides', seconds: median(seconds.ferry) };
  const name = `compare ${OBJECT_COUNT} objects, ${changedCount} changed`;
  return [
    { name, subject: ferry, baseline: { label: 'microdiff', seconds: median(seconds.microdiff) }, goal: 0.1 },
    {
      name,
      subject: ferry,
      baseline: { label: 'jsondiffpatch', seconds: median(seconds.jsondiffpatch) },
      goal: 0.1,
    },
  ];
}
