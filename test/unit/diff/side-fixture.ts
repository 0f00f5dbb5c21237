import { createHash } from 'node:crypto';
import type { JsonValue } from '../../../shared/model/canonical/json-value';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import type { LoadObject, SideIndex, SideObject } from '../../../shared/diff/diff-types';

/** One object as a test writes it: its canonical value and, optionally, its id in the org. */
export interface FixtureObject {
  value: JsonValue;
  id?: string;
}

export interface FixtureSide {
  index: SideIndex;
  values: ReadonlyMap<string, JsonValue>;
}

/** Hashes the canonical text as git would (the blob id), so equal content gives equal hashes. */
export function blobId(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function side(objects: Record<string, Record<string, FixtureObject>>): FixtureSide {
  const index = new Map<string, Map<string, SideObject>>();
  const values = new Map<string, JsonValue>();
  for (const [type, byKey] of Object.entries(objects)) {
    const typeIndex = new Map<string, SideObject>();
    for (const [key, { value, id }] of Object.entries(byKey)) {
      typeIndex.set(key, { key, hash: blobId(stableStringify(value)), ...(id === undefined ? {} : { id }) });
      values.set(`${type}/${key}`, value);
    }
    index.set(type, typeIndex);
  }
  return { index, values };
}

/** A loader over two fixture sides that records what it was asked for. */
export function loaderOf(a: FixtureSide, b: FixtureSide): LoadObject & { calls: string[] } {
  const calls: string[] = [];
  const load = async (which: 'a' | 'b', type: string, key: string): Promise<JsonValue> => {
    calls.push(`${which}:${type}/${key}`);
    const value = (which === 'a' ? a : b).values.get(`${type}/${key}`);
    if (value === undefined) throw new Error(`no ${type}/${key} on side ${which}`);
    return value;
  };
  return Object.assign(load, { calls });
}

export function skillRef(name: string): JsonValue {
  return { $ref: 'routing.skill', name };
}

export function wrapupRef(name: string): JsonValue {
  return { $ref: 'routing.wrapupcode', name };
}

/** A canonical queue the cases change one field at a time. */
export function queue(name: string, overrides: Record<string, JsonValue> = {}): JsonValue {
  return {
    acwSettings: { timeoutMs: 30000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
    bullseye: {
      rings: [
        { expansionCriteria: [{ threshold: 15, type: 'TIMEOUT_SECONDS' }] },
        {
          actions: { skillsToRemove: [skillRef('Billing'), skillRef('English')] },
          expansionCriteria: [{ threshold: 30, type: 'TIMEOUT_SECONDS' }],
        },
      ],
    },
    description: 'Billing questions',
    division: { $ref: 'authorization.division', name: 'Home' },
    mediaSettings: {
      call: { alertingTimeoutSeconds: 8, serviceLevel: { durationMs: 20000, percentage: 0.8 } },
      chat: { alertingTimeoutSeconds: 30, serviceLevel: { durationMs: 20000, percentage: 0.8 } },
    },
    name,
    queueFlow: { $ref: 'architect.flow', name: 'Main in-queue' },
    skillEvaluationMethod: 'BEST',
    wrapupCodes: [wrapupRef('Resolved'), wrapupRef('Transferred')],
    ...overrides,
  };
}
