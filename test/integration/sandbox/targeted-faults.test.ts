import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import {
  DEMO_CLIENTS,
  describeFaultSpec,
  FaultSpecError,
  parseFaultSpec,
  startSandbox,
  type SandboxHandle,
} from '../../../electron/sandbox';
import { call, login } from './sandbox-test-client';
import { loggedInSdkClient, sdkRejection } from './sdk-test-client';

type ArchitectApi = InstanceType<typeof platformClient.ArchitectApi>;
type IntegrationsApi = InstanceType<typeof platformClient.IntegrationsApi>;

async function flowId(architect: ArchitectApi, name: string, type: string): Promise<string> {
  const listing = await architect.getFlows({ name, type: [type] });
  const id = listing.entities?.find((flow) => flow.name === name)?.id;
  assert.ok(id, `${type}/${name}`);
  return id;
}

/** Polls a job (bounded) until it is no longer Started. */
async function settled<T extends { status?: string }>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const state = await read();
    if (state.status !== 'Started') return state;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the job never settled');
}

async function withSandbox(faults: string, body: (sandbox: SandboxHandle) => Promise<void>): Promise<void> {
  const sandbox = await startSandbox({ faults, flowJobDurationMs: undefined });
  try {
    await body(sandbox);
  } finally {
    await sandbox.close();
  }
}

/**
 * `ferry sandbox --faults <spec>` aimed at one route (issue 18): the situations a promotion of flows
 * and data actions meets in real orgs (a write applied whose reply is lost, an export job throttled
 * or failing, slow jobs), produced by the spec alone so an independent client can meet them.
 */
describe('fault spec parts aimed at one operation', () => {
  it('parses <fault>@<operation>=<rate> and job-ms, and says what is wrong with a bad one', () => {
    const spec = parseFaultSpec(
      'lost-reply@flowCheckin=1,429@flowExportJobCreate=0.5,job-failure@flowExportJobCreate=0.25,job-ms=2000,seed=3',
    );
    assert.deepEqual(spec.targeted, [
      { operation: 'flowCheckin', fault: 'lostReply', rate: 1 },
      { operation: 'flowExportJobCreate', fault: 'tooManyRequests', rate: 0.5 },
      { operation: 'flowExportJobCreate', fault: 'jobFailure', rate: 0.25 },
    ]);
    assert.equal(spec.flowJobMs, 2000);
    assert.equal(
      describeFaultSpec(spec),
      'lost-reply@flowCheckin=1,429@flowExportJobCreate=0.5,job-failure@flowExportJobCreate=0.25,job-ms=2000,seed=3',
    );
    const cases: [string, RegExp][] = [
      ['lost-reply@noSuchCall=1', /"lost-reply@noSuchCall=1".*unknown operation "nosuchcall".*flowPublish/],
      ['explode@flowPublish=1', /unknown fault "explode"/],
      [
        'job-failure@flowPublish=1',
        /job-failure applies to flowExportJobCreate and flowImportJobCreate only/,
      ],
      ['429@flowPublish=2', /0 to 1/],
      ['lost-reply@flowPublish=1,lost-reply@flowpublish=1', /more than once/],
      ['job-ms=soon', /job-ms must be milliseconds/],
    ];
    for (const [text, message] of cases) {
      assert.throws(
        () => parseFaultSpec(text),
        (error: unknown) => error instanceof FaultSpecError && message.test(error.message),
        text,
      );
    }
  });

  it('throttles export jobs with 429 and Retry-After, and fails them, by spec', async () => {
    await withSandbox('429@flowExportJobCreate=1', async (sandbox) => {
      const token = await login(sandbox.url, DEMO_CLIENTS.dev);
      const listing = await call<{ entities: { id: string }[] }>(
        sandbox.url,
        token,
        'GET',
        '/api/v2/flows?name=Main%20Menu',
      );
      const id = listing.body.entities[0]?.id ?? '';
      const refused = await call(sandbox.url, token, 'POST', '/api/v2/flows/export/jobs', {
        flows: [{ flow: { id } }],
      });
      assert.equal(refused.status, 429);
      assert.equal(refused.headers.get('retry-after'), '1');
      assert.equal(refused.body.code, 'too.many.requests.retry.after');
      // Other calls are not aimed at.
      assert.equal((await call(sandbox.url, token, 'GET', `/api/v2/flows/${id}`)).status, 200);
    });
    await withSandbox(
      'job-failure@flowExportJobCreate=1,job-failure@flowImportJobCreate=1',
      async (sandbox) => {
        const architect = new platformClient.ArchitectApi(await loggedInSdkClient(sandbox.port, 'uat'));
        const id = await flowId(architect, 'Main Menu', 'INBOUNDCALL');
        const job = await architect.postFlowsExportJobs({ flows: [{ flow: { id } }] });
        const state: platformClient.Models.ArchitectExportJobStateResponse = await settled(() =>
          architect.getFlowsExportJob(job.id as string, {}),
        );
        assert.equal(state.status, 'Failure');
        assert.equal(state.downloadUrl, undefined);
        assert.match(state.messages?.[0]?.text ?? '', /internal error/);
        const imported = await architect.postFlowsJobs({});
        const put = await fetch(imported.presignedUrl as string, {
          method: 'PUT',
          headers: imported.headers,
          body: 'inboundCall:\n  name: Main Menu\n',
        });
        assert.equal(put.status, 200);
        const outcome = await settled(() => architect.getFlowsJob(imported.id as string, {}));
        assert.equal(outcome.status, 'Failure');
        assert.equal((await architect.getFlow(id, {})).checkedInVersion?.id, '1.0', 'nothing imported');
      },
    );
  });

  it('runs jobs slowly with job-ms', async () => {
    await withSandbox('job-ms=400', async (sandbox) => {
      const architect = new platformClient.ArchitectApi(await loggedInSdkClient(sandbox.port, 'prod'));
      const id = await flowId(architect, 'Sales IVR', 'INBOUNDCALL');
      const started = performance.now();
      const job = await architect.postFlowsExportJobs({ flows: [{ flow: { id } }] });
      assert.equal((await architect.getFlowsExportJob(job.id as string, {})).status, 'Started');
      const state = await settled(() => architect.getFlowsExportJob(job.id as string, {}));
      assert.equal(state.status, 'Success');
      assert.ok(performance.now() - started >= 390, 'the job took its time');
    });
  });

  it('loses the replies of checkin, checkout, draft create and draft update after applying them, by spec', async () => {
    await withSandbox(
      'lost-reply@flowCheckin=1,lost-reply@flowCheckout=1,lost-reply@actionDraftCreate=1,lost-reply@actionDraftUpdate=1',
      async (sandbox) => {
        const client = await loggedInSdkClient(sandbox.port, 'uat');
        const architect = new platformClient.ArchitectApi(client);
        const id = await flowId(architect, 'Closed Message', 'INBOUNDCALL');
        assert.equal((await sdkRejection(architect.postFlowsActionsCheckout(id))).status, -1);
        assert.equal(
          (await architect.getFlow(id, {})).lockedClient?.id,
          DEMO_CLIENTS.uat.clientId,
          'the lost checkout landed',
        );
        assert.equal((await sdkRejection(architect.postFlowsActionsCheckin(id))).status, -1);
        assert.equal((await architect.getFlow(id, {})).lockedClient, undefined, 'the lost checkin landed');

        const integrations: IntegrationsApi = new platformClient.IntegrationsApi(client);
        const actions = await integrations.getIntegrationsActions({ name: 'Get Account Balance' });
        const actionId = actions.entities?.[0]?.id as string;
        assert.equal((await sdkRejection(integrations.postIntegrationsActionDraft(actionId))).status, -1);
        const draft = await integrations.getIntegrationsActionDraft(actionId, {});
        assert.equal(draft.version, 1, 'the lost draft create landed');
        assert.equal(
          (
            await sdkRejection(
              integrations.patchIntegrationsActionDraft(actionId, {
                version: 1,
                category: 'CRM Web Services',
              }),
            )
          ).status,
          -1,
        );
        assert.equal(
          (await integrations.getIntegrationsActionDraft(actionId, {})).version,
          2,
          'the lost draft update landed',
        );
      },
    );
  });

  it('starts with a flow someone else holds checked out, and answers its 409s naming them', async () => {
    await withSandbox('checked-out@uat=Main Menu,checked-out@uat=inqueuecall/Billing', async (sandbox) => {
      const architect = new platformClient.ArchitectApi(await loggedInSdkClient(sandbox.port, 'uat'));
      const id = await flowId(architect, 'Main Menu', 'INBOUNDCALL');
      const flow = await architect.getFlow(id, {});
      assert.equal(flow.lockedUser?.name, 'Jo Architect');
      assert.equal(flow.lockedClient, undefined);
      assert.equal(
        (await architect.getFlow(await flowId(architect, 'Billing', 'INQUEUECALL'), {})).lockedUser?.name,
        'Jo Architect',
      );
      assert.equal(
        (await architect.getFlow(await flowId(architect, 'Billing', 'INBOUNDCALL'), {})).lockedUser,
        undefined,
      );

      const token = await login(sandbox.url, DEMO_CLIENTS.uat);
      const refused = await call(sandbox.url, token, 'POST', `/api/v2/flows/actions/checkout?flow=${id}`);
      assert.equal(refused.status, 409);
      assert.equal(refused.body.status, 409);
      assert.equal(typeof refused.body.code, 'string');
      assert.match(String(refused.body.message), /checked out by user Jo Architect/);
      assert.equal(typeof refused.body.contextId, 'string');
      const publish = await sdkRejection(architect.postFlowsActionsPublish(id, { version: '1.0' }));
      assert.equal(publish.status, 409);
      assert.match(publish.message, /Jo Architect/);
    });
    for (const [spec, message] of [
      ['checked-out@uat=No Such Flow', /uat has no flow of that name; name one of its flows \(.*Main Menu/],
      ['checked-out@uat=Billing', /several flows of uat have that name \(.*INQUEUECALL\/Billing/],
    ] as const) {
      await assert.rejects(
        startSandbox({ faults: spec }),
        (error: unknown) => error instanceof FaultSpecError && message.test(error.message),
      );
    }
    assert.throws(() => parseFaultSpec('checked-out@qa=Main Menu'), /unknown org "qa"/);
    assert.equal(
      describeFaultSpec(parseFaultSpec('checked-out@prod=Main Menu')),
      'checked-out@prod=Main Menu,seed=1',
    );
  });
});
