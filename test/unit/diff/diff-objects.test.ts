import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { canonicalKey } from '../../../shared/diff/canonical-key';
import { referenceIdentity } from '../../../shared/diff/reference-identity';
import { diffObjects } from '../../../shared/diff/diff-objects';
import type { FieldChange, IgnoreRule } from '../../../shared/diff/diff-types';
import type { JsonValue } from '../../../shared/model/canonical/json-value';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { queue, skillRef, wrapupRef } from './side-fixture';

interface Case {
  name: string;
  type?: string;
  before: JsonValue;
  after: JsonValue;
  rules?: IgnoreRule[];
  changes: FieldChange[];
  ignored?: number;
}

const base = queue('Billing');
const withRings = (skillsToRemove: JsonValue[]): JsonValue =>
  queue('Billing', {
    bullseye: {
      rings: [
        { expansionCriteria: [{ threshold: 15, type: 'TIMEOUT_SECONDS' }] },
        { actions: { skillsToRemove }, expansionCriteria: [{ threshold: 30, type: 'TIMEOUT_SECONDS' }] },
      ],
    },
  });

const cases: Case[] = [
  { name: 'the same object has no changes', before: base, after: queue('Billing'), changes: [] },
  {
    name: 'a reordered unordered array is no change',
    before: base,
    after: queue('Billing', { wrapupCodes: [wrapupRef('Transferred'), wrapupRef('Resolved')] }),
    changes: [],
  },
  {
    name: 'a reordered set nested in an ordered array is no change',
    before: base,
    after: withRings([skillRef('English'), skillRef('Billing')]),
    changes: [],
  },
  {
    name: 'a nested scalar change names its full path',
    before: base,
    after: queue('Billing', { acwSettings: { timeoutMs: 60000, wrapupPrompt: 'MANDATORY_TIMEOUT' } }),
    changes: [{ path: 'acwSettings.timeoutMs', kind: 'changed', before: 30000, after: 60000 }],
  },
  {
    name: 'a change deep in media settings',
    before: queue('Q', { mediaSettings: { call: { alertingTimeoutSeconds: 8 } } }),
    after: queue('Q', { mediaSettings: { call: { alertingTimeoutSeconds: 12 } } }),
    changes: [{ path: 'mediaSettings.call.alertingTimeoutSeconds', kind: 'changed', before: 8, after: 12 }],
  },
  {
    name: 'a set inside an ordered array is reported at its indexed path',
    before: base,
    after: withRings([skillRef('Billing'), skillRef('English'), skillRef('Spanish')]),
    changes: [
      { path: 'bullseye.rings[1].actions.skillsToRemove', kind: 'set-added', after: skillRef('Spanish') },
    ],
  },
  {
    name: 'a reference to a renamed object shows as a set change of names',
    before: base,
    after: queue('Billing', { wrapupCodes: [wrapupRef('Resolved'), wrapupRef('Transferred out')] }),
    changes: [
      { path: 'wrapupCodes', kind: 'set-removed', before: wrapupRef('Transferred') },
      { path: 'wrapupCodes', kind: 'set-added', after: wrapupRef('Transferred out') },
    ],
  },
  {
    name: 'a single reference compares by name',
    before: base,
    after: queue('Billing', { queueFlow: { $ref: 'architect.flow', name: 'Holiday in-queue' } }),
    changes: [
      {
        path: 'queueFlow',
        kind: 'changed',
        before: { $ref: 'architect.flow', name: 'Main in-queue' },
        after: { $ref: 'architect.flow', name: 'Holiday in-queue' },
      },
    ],
  },
  {
    name: 'a reference never compares by id',
    before: queue('Q', { queueFlow: { $ref: 'architect.flow', name: 'Main', id: 'dev-1' } }),
    after: queue('Q', { queueFlow: { $ref: 'architect.flow', name: 'Main', id: 'prod-9' } }),
    changes: [],
  },
  {
    name: 'fields added and removed',
    before: base,
    after: (() => {
      const changed: Record<string, JsonValue> = { ...(queue('Billing') as Record<string, JsonValue>) };
      changed.description = 'Bills';
      delete changed.queueFlow;
      return { ...changed, callingPartyName: 'Acme' };
    })(),
    changes: [
      { path: 'callingPartyName', kind: 'added', after: 'Acme' },
      { path: 'description', kind: 'changed', before: 'Billing questions', after: 'Bills' },
      { path: 'queueFlow', kind: 'removed', before: { $ref: 'architect.flow', name: 'Main in-queue' } },
    ],
  },
  {
    name: 'an ordered array compares by index and reports extra elements',
    type: 'x.test',
    before: { steps: ['a', 'b'] },
    after: { steps: ['b', 'b', 'c'] },
    changes: [
      { path: 'steps[0]', kind: 'changed', before: 'a', after: 'b' },
      { path: 'steps[2]', kind: 'added', after: 'c' },
    ],
  },
  {
    name: 'an ordered array losing elements',
    type: 'x.test',
    before: { steps: [1, 2, 3] },
    after: { steps: [1] },
    changes: [
      { path: 'steps[1]', kind: 'removed', before: 2 },
      { path: 'steps[2]', kind: 'removed', before: 3 },
    ],
  },
  {
    name: 'a declared set of whole rows is compared by row text',
    type: 'flows.datatable',
    before: {
      name: 'T',
      rows: [
        { key: '1', open: true },
        { key: '2', open: true },
      ],
    },
    after: {
      name: 'T',
      rows: [
        { key: '2', open: true },
        { key: '1', open: false },
      ],
    },
    changes: [
      { path: 'rows', kind: 'set-removed', before: { key: '1', open: true } },
      { path: 'rows', kind: 'set-added', after: { key: '1', open: false } },
    ],
  },
  {
    name: 'duplicates in a set count',
    type: 'flows.datatable',
    before: { name: 'T', schema: { required: ['key', 'key'] } },
    after: { name: 'T', schema: { required: ['key'] } },
    changes: [{ path: 'schema.required', kind: 'set-removed', before: 'key' }],
  },
  {
    name: 'a value changing shape',
    type: 'x.test',
    before: { limit: { soft: 1 } },
    after: { limit: [1] },
    changes: [{ path: 'limit', kind: 'changed', before: { soft: 1 }, after: [1] }],
  },
  {
    name: 'odd field names are quoted in paths',
    type: 'x.test',
    before: { 'a.b': { 'c[0]': 1 } },
    after: { 'a.b': { 'c[0]': 2 } },
    changes: [{ path: '["a.b"]["c[0]"]', kind: 'changed', before: 1, after: 2 }],
  },
  {
    name: 'an ignore rule hides a field and counts it',
    before: base,
    after: queue('Billing', { description: 'Changed by someone', skillEvaluationMethod: 'ALL' }),
    rules: [{ type: 'routing.queue', path: 'description', reason: 'free text' }],
    changes: [{ path: 'skillEvaluationMethod', kind: 'changed', before: 'BEST', after: 'ALL' }],
    ignored: 1,
  },
  {
    name: 'a wildcard rule hides a field under every media type',
    before: base,
    after: queue('Billing', {
      mediaSettings: {
        call: { alertingTimeoutSeconds: 9, serviceLevel: { durationMs: 20000, percentage: 0.8 } },
        chat: { alertingTimeoutSeconds: 31, serviceLevel: { durationMs: 20000, percentage: 0.8 } },
        email: { alertingTimeoutSeconds: 300 },
      },
    }),
    rules: [
      { type: 'routing.queue', path: 'mediaSettings.*.alertingTimeoutSeconds', reason: 'tuned per org' },
    ],
    // The added email settings stay a change, shown without the hidden field.
    changes: [{ path: 'mediaSettings.email', kind: 'added', after: {} }],
    ignored: 2,
  },
  {
    name: 'a rule for another type hides nothing',
    before: base,
    after: queue('Billing', { description: 'Other' }),
    rules: [{ type: 'routing.skill', path: 'description', reason: 'not queues' }],
    changes: [{ path: 'description', kind: 'changed', before: 'Billing questions', after: 'Other' }],
  },
  {
    name: 'a rule on every set element hides set changes',
    before: base,
    after: withRings([skillRef('Billing')]),
    rules: [{ type: '*', path: 'bullseye.rings[].actions.skillsToRemove[]', reason: 'managed elsewhere' }],
    changes: [],
    ignored: 1,
  },
  {
    name: 'a deep rule hides a field inside set elements',
    type: 'flows.datatable',
    before: { name: 'T', rows: [{ key: '1', note: 'a' }] },
    after: { name: 'T', rows: [{ key: '1', note: 'b' }] },
    rules: [{ type: 'flows.datatable', path: '**.note', reason: 'notes' }],
    changes: [],
    ignored: 2,
  },
];

describe('diffObjects', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const result = diffObjects(
        testCase.type ?? 'routing.queue',
        testCase.before,
        testCase.after,
        testCase.rules,
      );
      assert.deepEqual(result.changes, testCase.changes);
      assert.equal(result.ignored, testCase.ignored ?? 0);
    });
  }

  it('finds nothing between a value and itself', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const json = value as JsonValue;
        assert.deepEqual(diffObjects('x.test', json, json), { changes: [], ignored: 0 });
      }),
    );
  });

  it('reports changes exactly when the canonical texts differ', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3 }), (left, right) => {
        const { changes } = diffObjects('x.test', left as JsonValue, right as JsonValue);
        assert.equal(changes.length > 0, stableStringify(left) !== stableStringify(right));
      }),
    );
  });

  it('keys set elements the way their canonical text does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (left, right) => {
        const sameKey = canonicalKey(left as JsonValue) === canonicalKey(right as JsonValue);
        assert.equal(sameKey, stableStringify(left) === stableStringify(right));
      }),
    );
    assert.equal(canonicalKey({ b: [1, -0], a: null }), canonicalKey({ a: null, b: [1, 0] }));
    const reference = { name: 'Billing "B"', $ref: 'routing.skill' };
    assert.equal(referenceIdentity(reference), canonicalKey(reference));
  });

  it('reports changes exactly when the reference sets differ, whatever their order', () => {
    const names = fc.uniqueArray(fc.constantFrom('Billing', 'English', 'Sales', 'Spanish', 'VIP'));
    const sortedNames = (list: readonly string[]) => stableStringify([...list].sort());
    fc.assert(
      fc.property(names, names, fc.boolean(), (left, right, shuffle) => {
        const asRefs = (list: readonly string[]) => (shuffle ? [...list].reverse() : list).map(wrapupRef);
        const { changes } = diffObjects(
          'routing.queue',
          queue('Q', { wrapupCodes: left.map(wrapupRef) }),
          queue('Q', { wrapupCodes: asRefs(right) }),
        );
        assert.equal(changes.length > 0, sortedNames(left) !== sortedNames(right));
        const added = changes.filter((change) => change.kind === 'set-added').length;
        const removed = changes.filter((change) => change.kind === 'set-removed').length;
        assert.equal(added, right.filter((name) => !left.includes(name)).length);
        assert.equal(removed, left.filter((name) => !right.includes(name)).length);
      }),
    );
  });
});
