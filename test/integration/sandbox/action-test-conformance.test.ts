import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import { startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { testExecutionResultSchema } from '../../../shared/promotion/checks/action-test-result';
import { loggedInSdkClient, sdkRejection } from './sdk-test-client';

type IntegrationsApi = InstanceType<typeof platformClient.IntegrationsApi>;

/**
 * `POST /api/v2/integrations/actions/{actionId}/test` through Genesys's own SDK
 * (`postIntegrationsActionTest`): a `TestExecutionResult`, deterministic, failing where the
 * action's configuration or contract makes it fail, and writing nothing.
 */
describe('data action test calls through the official SDK against the sandbox', () => {
  let sandbox: SandboxHandle;
  let prod: IntegrationsApi;
  const idOf = async (name: string) =>
    (await prod.getIntegrationsActions({ name })).entities?.find((action) => action.name === name)
      ?.id as string;

  before(async () => {
    sandbox = await startSandbox();
    prod = new platformClient.IntegrationsApi(await loggedInSdkClient(sandbox.port, 'prod'));
  });
  after(() => sandbox.close());

  it('runs the action step by step and answers the translated output, the same every time', async () => {
    const id = await idOf('Get Account Balance');
    const result: platformClient.Models.TestExecutionResult = await prod.postIntegrationsActionTest(id, {
      customerId: 'C-1001',
    });
    assert.ok(testExecutionResultSchema.safeParse(result).success);
    assert.equal(result.success, true);
    assert.deepEqual(
      result.operations?.map((operation) => [operation.step, operation.name, operation.success]),
      [
        [1, 'Validate input against schema', true],
        [2, 'Resolve request URL template', true],
        [3, 'Resolve request body template', true],
        [4, 'Execute request', true],
        [5, 'Resolve translation map', true],
        [6, 'Validate output against schema', true],
      ],
    );
    assert.equal(
      result.operations?.[1]?.result,
      'https://crm.acme-telecom.example/api/accounts/C-1001/balance',
    );
    const output = result.finalResult as { balance: unknown; overdue: unknown };
    assert.equal(typeof output.balance, 'number');
    assert.equal(typeof output.overdue, 'boolean');
    assert.deepEqual(
      (await prod.postIntegrationsActionTest(id, { customerId: 'C-1001' })).finalResult,
      output,
    );
  });

  it('answers 200 with success false and the failed operation when the action cannot work', async () => {
    const id = await idOf('Get Account Balance');
    const noInput = await prod.postIntegrationsActionTest(id, {});
    assert.equal(noInput.success, false);
    assert.equal(noInput.operations?.at(-1)?.name, 'Resolve request URL template');
    assert.match(noInput.error?.message ?? '', /customerId/);
    const wrongType = await prod.postIntegrationsActionTest(id, { customerId: 42 });
    assert.equal(wrongType.success, false);
    assert.equal(wrongType.operations?.at(-1)?.name, 'Validate input against schema');

    // Point the action at a host that never resolves: the call fails at "Execute request".
    await prod.postIntegrationsActionDraft(id);
    await prod.patchIntegrationsActionDraft(id, {
      version: 1,
      config: {
        request: {
          requestUrlTemplate: 'https://crm.acme-telecom.invalid/api/accounts/${input.customerId}/balance',
          requestType: 'GET',
        },
        response: { translationMap: { balance: '$.balance' } },
      },
    });
    const draft = await prod.postIntegrationsActionDraftTest(id, { customerId: 'C-1001' });
    assert.equal(draft.success, false);
    assert.equal(draft.operations?.at(-1)?.name, 'Execute request');
    assert.match(draft.error?.message ?? '', /UnknownHostException: crm\.acme-telecom\.invalid/);
    // The published action is untouched by its draft, and by the tests.
    assert.equal((await prod.postIntegrationsActionTest(id, { customerId: 'C-1001' })).success, true);
  });

  it('a missing action is a 404', async () => {
    assert.equal((await sdkRejection(prod.postIntegrationsActionTest('custom_-_nothing', {}))).status, 404);
  });
});
