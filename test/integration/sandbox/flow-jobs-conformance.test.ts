import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import { DEMO_CLIENTS, startSandbox, type SandboxHandle } from '../../../electron/sandbox';
import { FLOW_FILE_MAX_BYTES } from '../../../electron/sandbox/flow-file';
import { login } from './sandbox-test-client';
import { loggedInSdkClient, sdkRejection, type DemoOrg } from './sdk-test-client';

type ArchitectApi = InstanceType<typeof platformClient.ArchitectApi>;

async function architectFor(sandbox: SandboxHandle, org: DemoOrg): Promise<ArchitectApi> {
  return new platformClient.ArchitectApi(await loggedInSdkClient(sandbox.port, org));
}

async function flowId(architect: ArchitectApi, name: string, type: string): Promise<string> {
  const listing = await architect.getFlows({ name, type: [type] });
  const id = listing.entities?.find((flow) => flow.name === name)?.id;
  assert.ok(id, `${type}/${name}`);
  return id;
}

/** Polls a job (bounded) until it is no longer Started, as a client must. */
async function settled<T extends { status?: string }>(read: () => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const state = await read();
    if (state.status !== 'Started') return state;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the job never settled');
}

async function upload(
  job: platformClient.Models.RegisterArchitectJobResponse,
  text: string | Uint8Array<ArrayBuffer>,
) {
  return fetch(job.presignedUrl as string, { method: 'PUT', headers: job.headers, body: text });
}

/**
 * Architect export and import jobs through Genesys's own SDK: an export job's download link
 * (no token) serves the flow file; an import job hands out a pre-signed upload, then saves a new
 * version (or creates the flow) without publishing, or fails naming what is wrong.
 */
describe('flow export and import jobs through the official SDK against the sandbox', () => {
  let sandbox: SandboxHandle;
  let dev: ArchitectApi;
  let uat: ArchitectApi;

  before(async () => {
    sandbox = await startSandbox({ flowJobDurationMs: 30 });
    dev = await architectFor(sandbox, 'dev');
    uat = await architectFor(sandbox, 'uat');
  });
  after(() => sandbox.close());

  it('exports a flow version to a download link that needs no token', async () => {
    const id = await flowId(dev, 'Main Menu', 'INBOUNDCALL');
    const registered: platformClient.Models.RegisterArchitectExportJobResponse =
      await dev.postFlowsExportJobs({
        flows: [{ flow: { id, version: '1.0' } }],
      });
    assert.ok(registered.id);
    const state: platformClient.Models.ArchitectExportJobStateResponse = await settled(() =>
      dev.getFlowsExportJob(registered.id as string, {}),
    );
    assert.equal(state.status, 'Success');
    const download = await fetch(state.downloadUrl as string);
    assert.equal(download.status, 200);
    const text = await download.text();
    assert.match(text, /^inboundCall:\n/);
    assert.doesNotMatch(text, /Video Support - Voice/, 'version 1.0, not the published 2.0');
    assert.equal(new URL(state.downloadUrl as string).origin, sandbox.storageUrl);
    assert.equal(
      (await fetch(`${state.downloadUrl as string}0`)).status,
      403,
      'a forged signature is refused',
    );
    const withToken = await fetch(state.downloadUrl as string, { headers: { Authorization: 'Bearer x' } });
    assert.equal(withToken.status, 400, 'a bearer token is not accepted on storage');

    const unknown = await dev.postFlowsExportJobs({ flows: [{ flow: { id: 'no-such-flow' } }] });
    const failed = await settled(() => dev.getFlowsExportJob(unknown.id as string, {}));
    assert.equal(failed.status, 'Failure');
    assert.match(failed.messages?.[0]?.text ?? '', /no-such-flow/);
    assert.equal((await sdkRejection(dev.postFlowsExportJobs({ flows: [] }))).status, 400);
    assert.equal((await sdkRejection(dev.getFlowsExportJob('no-such-job', {}))).status, 404);
  });

  it('imports a file as a new version without publishing, and creates a flow it does not know', async () => {
    const id = await flowId(dev, 'Main Menu', 'INBOUNDCALL');
    // 1.0: dev's 2.0 also transfers to a queue only dev has.
    const exported = await dev.postFlowsExportJobs({ flows: [{ flow: { id, version: '1.0' } }] });
    const state = await settled(() => dev.getFlowsExportJob(exported.id as string, {}));
    const devText = await (await fetch(state.downloadUrl as string)).text();

    // Into uat: the dev ids are unknown there, so the import fails naming them.
    const foreign: platformClient.Models.RegisterArchitectJobResponse = await uat.postFlowsJobs({});
    assert.equal((await upload(foreign, devText)).status, 200);
    const refused: platformClient.Models.ArchitectJobStateResponse = await settled(() =>
      uat.getFlowsJob(foreign.id as string, {}),
    );
    assert.equal(refused.status, 'Failure');
    assert.ok(refused.messages?.some((message) => /queue "Billing - Voice" \(id /.test(message.text ?? '')));

    // With names only (ids dropped), the uat objects of those names are found.
    const byName = devText.replace(/^\s*id: .*\n/gm, '');
    const job = await uat.postFlowsJobs({});
    assert.equal((await upload(job, byName)).status, 200);
    const done = await settled(() => uat.getFlowsJob(job.id as string, {}));
    assert.equal(done.status, 'Success', JSON.stringify(done.messages));
    const uatMenu = await uat.getFlow(done.flow?.id as string, {});
    assert.equal(uatMenu.name, 'Main Menu');
    assert.equal(uatMenu.checkedInVersion?.id, '2.0');
    assert.equal(uatMenu.publishedVersion?.id, '1.0', 'an import does not publish');
    await uat.postFlowsActionsPublish(uatMenu.id as string, {});
    assert.equal((await uat.getFlow(uatMenu.id as string, {})).publishedVersion?.id, '2.0');

    const fresh = await uat.postFlowsJobs({});
    await upload(
      fresh,
      'workflow:\n  name: Brand New Workflow\n  description: Made by an import\n  division: Customer Service\n',
    );
    const created = await settled(() => uat.getFlowsJob(fresh.id as string, {}));
    assert.equal(created.status, 'Success');
    const flow = await uat.getFlow(created.flow?.id as string, {});
    assert.equal(flow.type, 'WORKFLOW');
    assert.equal(flow.division?.name, 'Customer Service');
    assert.equal(flow.description, 'Made by an import');
    assert.equal(flow.publishedVersion, undefined);
  });

  it('fails an import naming the problem: type, name, a locked flow', async () => {
    const cases: [string, RegExp][] = [
      ['notAFlowType:\n  name: X\n', /top-level key "notAFlowType"/],
      ['inboundCall:\n  description: nameless\n', /has no name/],
      ['inboundCall:\n  name: A\ninQueueCall:\n  name: B\n', /exactly one top-level key/],
      ['inboundCall:\n  name: A\n  name: B\n', /not valid YAML/],
    ];
    for (const [text, expected] of cases) {
      const job = await dev.postFlowsJobs({});
      await upload(job, text);
      const state = await settled(() => dev.getFlowsJob(job.id as string, {}));
      assert.equal(state.status, 'Failure', text);
      assert.match(state.messages?.[0]?.text ?? '', expected);
    }
    const id = await flowId(dev, 'Closed Message', 'INBOUNDCALL');
    await sandbox.lockFlowAsUser('dev', id, { id: 'user-sam', name: 'Sam Designer' });
    const job = await dev.postFlowsJobs({});
    await upload(job, 'inboundCall:\n  name: Closed Message\n');
    const state = await settled(() => dev.getFlowsJob(job.id as string, {}));
    assert.equal(state.status, 'Failure');
    assert.match(state.messages?.[0]?.text ?? '', /checked out by user Sam Designer/);
  });

  it('guards the pre-signed upload: signature, headers, size, a second upload once the job ran', async () => {
    const job = await dev.postFlowsJobs({});
    const url = new URL(job.presignedUrl as string);
    assert.equal(url.origin, sandbox.storageUrl);
    assert.notEqual(url.origin, sandbox.url, 'storage is another host than the API');
    assert.deepEqual(job.headers, {
      'Content-Type': 'application/octet-stream',
      'x-amz-server-side-encryption': 'AES256',
    });
    assert.equal(url.searchParams.get('X-Amz-Expires'), '600');
    assert.match(url.searchParams.get('X-Amz-Signature') ?? '', /^[0-9a-f]{64}$/);
    const put = (target: URL | string, headers: Record<string, string> | undefined, body = 'x') =>
      fetch(target, { method: 'PUT', ...(headers === undefined ? {} : { headers }), body });
    const refusal = async (response: Response) => ({
      status: response.status,
      code: /<Code>([^<]+)<\/Code>/.exec(await response.text())?.[1],
    });

    // Without the signed headers, or with another value for one, the signature does not match.
    assert.deepEqual(await refusal(await put(url, undefined)), {
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    assert.deepEqual(await refusal(await put(url, { ...job.headers, 'Content-Type': 'text/plain' })), {
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    // A forged signature, a stretched expiry, another job's path: all refused.
    const tampered = (edit: (link: URL) => void) => {
      const copy = new URL(url);
      edit(copy);
      return copy;
    };
    for (const forged of [
      tampered((link) => link.searchParams.set('X-Amz-Signature', 'f'.repeat(64))),
      tampered((link) => link.searchParams.set('X-Amz-Expires', '604800')),
      tampered((link) => (link.pathname = link.pathname.replace(/[^/]+$/, 'no-such-job'))),
      tampered((link) => link.searchParams.set('X-Amz-SignedHeaders', 'content-type')),
    ]) {
      assert.deepEqual(await refusal(await put(forged, job.headers)), {
        status: 403,
        code: 'SignatureDoesNotMatch',
      });
    }
    assert.deepEqual(await refusal(await put(`${url.origin}${url.pathname}`, job.headers)), {
      status: 403,
      code: 'AccessDenied',
    });
    // The link is the credential: a bearer token is neither needed nor accepted.
    const token = await login(sandbox.url, DEMO_CLIENTS.dev);
    assert.deepEqual(await refusal(await put(url, { ...job.headers, Authorization: `Bearer ${token}` })), {
      status: 400,
      code: 'InvalidArgument',
    });
    // The API host does not serve storage paths.
    assert.equal((await put(`${sandbox.url}${url.pathname}${url.search}`, job.headers)).status, 404);

    assert.equal((await upload(job, new Uint8Array(new ArrayBuffer(FLOW_FILE_MAX_BYTES + 1)))).status, 413);
    assert.equal((await upload(job, 'workflow:\n  name: Upload Twice\n')).status, 200);
    await settled(() => dev.getFlowsJob(job.id as string, {}));
    assert.equal((await upload(job, 'workflow:\n  name: Upload Twice\n')).status, 409);
    assert.equal((await sdkRejection(dev.getFlowsJob('no-such-job', {}))).status, 404);
  });

  it('loses the reply of a write after applying it, and throttles a write, when a test asks', async () => {
    const id = await flowId(dev, 'Sales IVR', 'INBOUNDCALL');
    const job = await dev.postFlowsJobs({});
    sandbox.faults.loseReplyOf('flowUpload');
    await assert.rejects(upload(job, 'inboundCall:\n  name: Sales IVR\n'));
    await settled(() => dev.getFlowsJob(job.id as string, {}));
    assert.equal((await dev.getFlow(id, {})).checkedInVersion?.id, '2.0', 'the lost upload still landed');

    sandbox.faults.loseReplyOf('flowPublish');
    assert.ok((await sdkRejection(dev.postFlowsActionsPublish(id, {}))).status !== 200);
    assert.equal((await dev.getFlow(id, {})).publishedVersion?.id, '2.0', 'the lost publish still landed');

    sandbox.faults.throttle('flowImportJobCreate');
    assert.equal((await sdkRejection(dev.postFlowsJobs({}))).status, 429);
    sandbox.faults.loseReplyOf('flowImportJobCreate');
    await sdkRejection(dev.postFlowsJobs({}));
    assert.ok((await dev.postFlowsJobs({})).id, 'faults are used up');
  });

  it('refuses an upload or a download link once it has expired, ten minutes after its job was registered', async () => {
    let skew = 0;
    const timed = await startSandbox({ flowJobDurationMs: 0, clock: () => Date.now() + skew });
    try {
      const architect = await architectFor(timed, 'uat');
      const id = await flowId(architect, 'Sales IVR', 'INBOUNDCALL');
      const exported = await architect.postFlowsExportJobs({ flows: [{ flow: { id } }] });
      const job = await architect.postFlowsJobs({});
      skew = 9 * 60_000;
      const state = await settled(() => architect.getFlowsExportJob(exported.id as string, {}));
      assert.equal((await fetch(state.downloadUrl as string)).status, 200, 'still good after 9 minutes');
      skew = 10 * 60_000 + 1_000;
      const late = await fetch(state.downloadUrl as string);
      assert.equal(late.status, 403);
      assert.match(await late.text(), /<Code>AccessDenied<\/Code><Message>Request has expired/);
      const again = await architect.getFlowsExportJob(exported.id as string, {});
      assert.equal(again.downloadUrl, state.downloadUrl, 'reading the job again does not renew its link');
      const put = await upload(job, 'inboundCall:\n  name: Sales IVR\n');
      assert.equal(put.status, 403);
      assert.match(await put.text(), /Request has expired/);
    } finally {
      await timed.close();
    }
  });
});
