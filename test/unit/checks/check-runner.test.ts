import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Connector } from '../../../electron/services/connectors/connector';
import { runPostPromotionChecks } from '../../../electron/services/promotion/checks/post-promotion-checks';
import { IdRegistry } from '../../../electron/services/references/id-registry';
import type { Plan } from '../../../shared/model/plan';

/** A target that knows one data action and answers its test call only when `answer` says so. */
function target(answer: 'hang' | 'throw' | 'ok'): Connector {
  const fake: Partial<Connector> = {
    request: (_method: string, path: string) =>
      Promise.resolve(
        path.startsWith('/api/v2/integrations/actions?')
          ? { entities: [{ id: 'a1', name: 'Get Account Balance' }], pageCount: 1 }
          : { entities: [], pageCount: 1 },
      ),
    testAction: (_id: string, _input: Record<string, unknown>, signal?: AbortSignal) => {
      if (answer === 'ok') return Promise.resolve({ success: true, finalResult: { balance: 1 } });
      if (answer === 'throw') return Promise.reject(new Error('HTTP 503 from the org'));
      // Settles only when the check's time is up, as a transport does on abort.
      return new Promise((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
      );
    },
  };
  return fake as Connector;
}

const plan = { steps: [] } as unknown as Plan;
const context = (connector: Connector) => ({
  connector,
  plan,
  ids: new IdRegistry(),
  now: new Date(),
  timeoutMs: 50,
});
const actionTest = { kind: 'data-action-test' as const, action: 'Get Account Balance' };

describe('running post-promotion checks', () => {
  it('each check has its own time limit: one that does not answer fails as not checked', async () => {
    const started = Date.now();
    const [result] = await runPostPromotionChecks([actionTest], context(target('hang')));
    assert.ok(Date.now() - started < 5_000);
    assert.deepEqual(result, {
      index: 0,
      kind: 'data-action-test',
      title: 'data action "Get Account Balance" passes its test call',
      passed: false,
      message: 'could not be checked: no answer within 50 ms',
      error: true,
    });
  });

  it('a read that fails makes the check fail with error, the others still run, in order', async () => {
    const results = await runPostPromotionChecks(
      [actionTest, { kind: 'data-table-row', table: 'Store Directory', key: 'LDN01' }],
      context(target('throw')),
    );
    assert.equal(results[0]?.message, 'could not be checked: HTTP 503 from the org');
    assert.equal(results[0]?.error, true);
    assert.equal(results[1]?.index, 1);
    assert.equal(results[1]?.message, 'no data table "Store Directory" in the target');
  });

  it('passes a test call that succeeds', async () => {
    const [result] = await runPostPromotionChecks([actionTest], context(target('ok')));
    assert.equal(result?.passed, true);
    assert.equal(result?.error, undefined);
  });
});
