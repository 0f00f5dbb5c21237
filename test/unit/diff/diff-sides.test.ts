import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { diffSides } from '../../../shared/diff/diff-sides';
import type { ObjectDiff } from '../../../shared/diff/diff-types';
import type { JsonValue } from '../../../shared/model/canonical/json-value';
import { loaderOf, queue, side, wrapupRef } from './side-fixture';

const skill = (name: string): JsonValue => ({
  division: { $ref: 'authorization.division', name: 'Home' },
  name,
});
const wrapup = (name: string): JsonValue => ({ name });

/** Just what a reader of the result looks at, so the cases stay short. */
function brief(objects: readonly ObjectDiff[]): string[] {
  return objects.map(
    (entry) =>
      `${entry.status} ${entry.type}/${entry.previousKey === undefined ? '' : `${entry.previousKey} → `}${entry.key}` +
      (entry.changes.length > 0
        ? ` [${entry.changes.map((change) => `${change.kind} ${change.path}`).join(', ')}]`
        : '') +
      (entry.ignored > 0 ? ` (${entry.ignored} ignored)` : ''),
  );
}

describe('diffSides', () => {
  it('sees no change between two orgs holding the same configuration under different ids', async () => {
    const dev = side({
      'routing.skill': { Billing: { value: skill('Billing'), id: 'dev-1' } },
      'routing.queue': { Sales: { value: queue('Sales'), id: 'dev-2' } },
    });
    const prod = side({
      'routing.skill': { Billing: { value: skill('Billing'), id: 'prod-7' } },
      'routing.queue': { Sales: { value: queue('Sales'), id: 'prod-8' } },
    });
    const load = loaderOf(dev, prod);
    const result = await diffSides(dev.index, prod.index, load);
    assert.deepEqual(result.objects, []);
    assert.equal(result.summary.totals.unchanged, 2);
    assert.deepEqual(load.calls, [], 'equal hashes are never loaded');
  });

  it('reports added, removed and changed objects in dependency order, then by key', async () => {
    const a = side({
      'routing.queue': {
        Sales: { value: queue('Sales') },
        Old: { value: queue('Old') },
        Billing: { value: queue('Billing') },
      },
      'routing.skill': { Zulu: { value: skill('Zulu') }, Alpha: { value: skill('Alpha') } },
    });
    const b = side({
      'routing.queue': {
        Sales: { value: queue('Sales', { description: 'Sales and renewals' }) },
        Billing: { value: queue('Billing') },
        New: { value: queue('New') },
      },
      'routing.skill': { Zulu: { value: skill('Zulu') }, Beta: { value: skill('Beta') } },
    });
    const load = loaderOf(a, b);
    const result = await diffSides(a.index, b.index, load);
    assert.deepEqual(brief(result.objects), [
      'removed routing.skill/Alpha',
      'added routing.skill/Beta',
      'added routing.queue/New',
      'removed routing.queue/Old',
      'changed routing.queue/Sales [changed description]',
    ]);
    assert.deepEqual(load.calls.sort(), ['a:routing.queue/Sales', 'b:routing.queue/Sales']);
    assert.deepEqual(result.summary.totals, { added: 2, removed: 2, changed: 1, renamed: 0, unchanged: 2 });
    assert.deepEqual(result.summary.byType['routing.skill'], {
      added: 1,
      removed: 1,
      changed: 0,
      renamed: 0,
      unchanged: 1,
    });
  });

  it('shows a referencing object changing when the object it points at was renamed', async () => {
    const a = side({
      'routing.wrapupcode': { Transferred: { value: wrapup('Transferred'), id: 'w1' } },
      'routing.queue': { Sales: { value: queue('Sales'), id: 'q1' } },
    });
    const b = side({
      'routing.wrapupcode': { 'Transferred out': { value: wrapup('Transferred out'), id: 'w1' } },
      'routing.queue': {
        Sales: {
          value: queue('Sales', { wrapupCodes: [wrapupRef('Resolved'), wrapupRef('Transferred out')] }),
          id: 'q1',
        },
      },
    });
    const compared = await diffSides(a.index, b.index, loaderOf(a, b));
    assert.deepEqual(brief(compared.objects), [
      'removed routing.wrapupcode/Transferred',
      'added routing.wrapupcode/Transferred out',
      'changed routing.queue/Sales [set-removed wrapupCodes, set-added wrapupCodes]',
    ]);

    const overTime = await diffSides(a.index, b.index, loaderOf(a, b), { detectRenames: true });
    assert.deepEqual(brief(overTime.objects), [
      'renamed routing.wrapupcode/Transferred → Transferred out',
      'changed routing.queue/Sales [set-removed wrapupCodes, set-added wrapupCodes]',
    ]);
    assert.deepEqual(overTime.summary.totals, { added: 0, removed: 0, changed: 1, renamed: 1, unchanged: 0 });
  });

  it('reports a rename within one environment with its other changes', async () => {
    const a = side({ 'routing.queue': { Support: { value: queue('Support'), id: 'q1' } } });
    const b = side({
      'routing.queue': {
        'Customer support': {
          value: queue('Customer support', {
            acwSettings: { timeoutMs: 60000, wrapupPrompt: 'MANDATORY_TIMEOUT' },
          }),
          id: 'q1',
        },
      },
    });
    const result = await diffSides(a.index, b.index, loaderOf(a, b), { detectRenames: true });
    assert.deepEqual(result.objects, [
      {
        type: 'routing.queue',
        key: 'Customer support',
        previousKey: 'Support',
        status: 'renamed',
        changes: [{ path: 'acwSettings.timeoutMs', kind: 'changed', before: 30000, after: 60000 }],
        ignored: 0,
      },
    ]);
  });

  it('does not pair different ids, or objects without ids, as renames', async () => {
    const a = side({ 'routing.skill': { A: { value: skill('A'), id: '1' }, C: { value: skill('C') } } });
    const b = side({ 'routing.skill': { B: { value: skill('B'), id: '2' }, D: { value: skill('D') } } });
    const result = await diffSides(a.index, b.index, loaderOf(a, b), { detectRenames: true });
    assert.deepEqual(brief(result.objects), [
      'removed routing.skill/A',
      'added routing.skill/B',
      'removed routing.skill/C',
      'added routing.skill/D',
    ]);
  });

  it('counts an object whose only changes are ignored as unchanged', async () => {
    const a = side({
      'routing.queue': { Sales: { value: queue('Sales') }, Billing: { value: queue('Billing') } },
    });
    const b = side({
      'routing.queue': {
        Sales: { value: queue('Sales', { description: 'Edited in prod' }) },
        Billing: { value: queue('Billing', { description: 'Edited', skillEvaluationMethod: 'ALL' }) },
      },
    });
    const ignoreRules = [{ type: 'routing.queue', path: 'description', reason: 'free text' }];
    const result = await diffSides(a.index, b.index, loaderOf(a, b), { ignoreRules });
    assert.deepEqual(brief(result.objects), [
      'changed routing.queue/Billing [changed skillEvaluationMethod] (1 ignored)',
    ]);
    assert.equal(result.summary.totals.unchanged, 1);

    const everything = await diffSides(a.index, b.index, loaderOf(a, b), {
      ignoreRules,
      includeUnchanged: true,
    });
    assert.deepEqual(brief(everything.objects), [
      'changed routing.queue/Billing [changed skillEvaluationMethod] (1 ignored)',
      'unchanged routing.queue/Sales (1 ignored)',
    ]);
  });

  it('lists unchanged objects only when asked, and types it does not know after the registry', async () => {
    const a = side({
      'x.custom': { K: { value: { name: 'K' } } },
      'routing.skill': { S: { value: skill('S') } },
    });
    const b = side({
      'x.custom': { K: { value: { name: 'K' } } },
      'routing.skill': { S: { value: skill('S') } },
    });
    const result = await diffSides(a.index, b.index, loaderOf(a, b), { includeUnchanged: true });
    assert.deepEqual(brief(result.objects), ['unchanged routing.skill/S', 'unchanged x.custom/K']);
  });

  it('reports progress over the objects it loads, and is deterministic whatever the load order', async () => {
    const keys = Array.from({ length: 20 }, (_, index) => `Queue ${String(index).padStart(2, '0')}`);
    const a = side({ 'routing.queue': Object.fromEntries(keys.map((key) => [key, { value: queue(key) }])) });
    const b = side({
      'routing.queue': Object.fromEntries(
        keys.map((key, index) => [key, { value: queue(key, index % 2 === 0 ? { description: 'x' } : {}) }]),
      ),
    });
    const inner = loaderOf(a, b);
    // Later objects answer first, so completion order is the reverse of the request order.
    const slow = async (which: 'a' | 'b', type: string, key: string) => {
      await new Promise((resolve) => setTimeout(resolve, 20 - keys.indexOf(key)));
      return inner(which, type, key);
    };
    const progress: string[] = [];
    const result = await diffSides(a.index, b.index, slow, {
      concurrency: 4,
      onProgress: (done, total) => progress.push(`${done}/${total}`),
    });
    assert.deepEqual(
      result.objects.map((entry) => entry.key),
      keys.filter((_, index) => index % 2 === 0),
    );
    assert.equal(progress[0], '0/10');
    assert.equal(progress.at(-1), '10/10');
    assert.equal(progress.length, 11);
  });

  it('pairs keys by name whatever order each index lists them in', async () => {
    const keys = ['A', 'B', 'C', 'D', 'E', 'F'];
    const objectSide = fc.array(fc.tuple(fc.constantFrom(...keys), fc.constantFrom('x', 'y')), {
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(objectSide, objectSide, async (onA, onB) => {
        const build = (entries: [string, string][]) =>
          side({
            'routing.skill': Object.fromEntries(
              entries.map(([key, note]) => [key, { value: { name: key, note } }]),
            ),
          });
        const a = build(onA);
        const b = build(onB);
        const left = new Map(onA);
        const right = new Map(onB);
        const expected = keys.flatMap((key) => {
          const before = left.get(key);
          const after = right.get(key);
          if (before === undefined) return after === undefined ? [] : [`added ${key}`];
          if (after === undefined) return [`removed ${key}`];
          return [`${before === after ? 'unchanged' : 'changed'} ${key}`];
        });
        const result = await diffSides(a.index, b.index, loaderOf(a, b), { includeUnchanged: true });
        assert.deepEqual(
          result.objects.map((entry) => `${entry.status} ${entry.key}`),
          expected,
        );
      }),
    );
  });

  it('stops when aborted and when a load fails', async () => {
    const a = side({ 'routing.queue': { Q: { value: queue('Q') } } });
    const b = side({ 'routing.queue': { Q: { value: queue('Q', { description: 'x' }) } } });
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the user'));
    await assert.rejects(
      diffSides(a.index, b.index, loaderOf(a, b), { signal: controller.signal }),
      /cancelled/,
    );
    const failing = async () => {
      throw new Error('blob missing');
    };
    await assert.rejects(diffSides(a.index, b.index, failing), /blob missing/);
  });
});
