// The renderer's global `window.ferry`, which the client under test reads, for this (node) project.
import type {} from '../../../renderer/src/api/window-ferry';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { ApiError } from '../../../shared/api/api-error';
import type { ChannelName } from '../../../shared/api/channels';
import { buildWindowApi } from '../../../shared/api/window-api';
import type { PipelineStatus } from '../../../shared/promotion/pipeline/pipeline';
import { installFerryApi } from '../../../renderer/src/api/ferry-client';
import { usePipelineStore } from '../../../renderer/src/features/pipeline/pipeline-store';

/*
 * The pipeline view's store against a fake host: what it asks for, and what it does with the
 * answers (no pipeline, more than one, a refusal, production's typed name).
 */

type Answer = { ok: true; value: unknown } | { ok: false; error: ApiError };
const calls: { channel: ChannelName; request: Record<string, unknown> }[] = [];
let answers: Partial<Record<ChannelName, (request: Record<string, unknown>) => Answer>> = {};

const ferry = buildWindowApi({
  invoke: async (channel, request) => {
    calls.push({ channel, request: request as Record<string, unknown> });
    const answer = answers[channel];
    return answer
      ? answer(request as Record<string, unknown>)
      : { ok: false, error: { code: 'internal', message: `not answered in this test: ${channel}` } };
  },
  subscribe: () => () => undefined,
});
Object.assign(globalThis, { window: { ferry } });
installFerryApi();

const PIPELINE = { name: 'main', stages: [{ environment: 'uat' }, { environment: 'prod', soakHours: 24 }] };

function status(next: string | null): PipelineStatus {
  return {
    pipeline: 'main',
    changesetId: 'cs-1',
    changesetDigest: 'sha256:abc',
    stages: [
      { environment: 'uat', state: 'done', run: null, waits: [] },
      { environment: 'prod', state: next === 'prod' ? 'waiting' : 'done', run: null, waits: [] },
    ],
    next,
    summary: 'In uat.',
    checkedAt: '2026-12-07T10:00:00.000Z',
  };
}

const environments = ['uat', 'prod'].map((name) => ({
  config: {
    name,
    kind: 'sandbox',
    url: 'embedded',
    org: name,
    tier: name === 'prod' ? 'prod' : 'test',
    policy: {},
  },
  hasCredentials: true,
  lastSnapshot: null,
}));

const ok = (value: unknown) => (): Answer => ({ ok: true, value });
const refused = (code: string, message: string) => (): Answer => ({ ok: false, error: { code, message } });

function channelsCalled(): string[] {
  return calls.map((call) => call.channel);
}

describe('pipeline store', () => {
  beforeEach(() => {
    calls.length = 0;
    answers = {};
    usePipelineStore.setState({
      changesetId: null,
      asking: null,
      typed: '',
      advancing: false,
      outcome: null,
    });
  });

  it('stays out of the way when the workspace has no pipeline', async () => {
    answers = { 'pipelines.list': ok([]) };
    await usePipelineStore.getState().load('cs-1');
    const state = usePipelineStore.getState();
    assert.deepEqual([state.pipelines, state.status, state.error], [[], null, null]);
    assert.deepEqual(channelsCalled(), ['pipelines.list']);
    // Nor when the trust root cannot be read: the Trust page says so, not every changeset.
    answers = { 'pipelines.list': refused('trust.invalid', 'The trust root does not verify') };
    await usePipelineStore.getState().load('cs-1');
    assert.deepEqual([usePipelineStore.getState().status, usePipelineStore.getState().error], [null, null]);
  });

  it('says what to do when no pipeline applies, or when more than one does; a pick is asked for by name', async () => {
    answers = {
      'pipelines.list': ok([PIPELINE, { ...PIPELINE, name: 'hotfix' }]),
      'pipelines.status': refused('pipeline.not-found', 'No pipeline applies to cs-1'),
    };
    await usePipelineStore.getState().load('cs-1');
    assert.match(
      usePipelineStore.getState().error ?? '',
      /^No signed pipeline applies to this changeset\..*Promotions page/,
    );
    answers['pipelines.status'] = refused('pipeline.ambiguous', 'main and hotfix both apply');
    await usePipelineStore.getState().load('cs-1');
    assert.match(usePipelineStore.getState().error ?? '', /pick the one to follow/);
    assert.deepEqual(usePipelineStore.getState().pipelines, ['main', 'hotfix'], 'offered to pick from');
    answers['pipelines.status'] = ok(status('prod'));
    await usePipelineStore.getState().choose('hotfix');
    assert.deepEqual(calls.at(-1), {
      channel: 'pipelines.status',
      request: { changesetId: 'cs-1', pipeline: 'hotfix' },
    });
    assert.equal(usePipelineStore.getState().error, null);
    assert.equal(usePipelineStore.getState().status?.next, 'prod');
  });

  it('asks for production’s name before it advances, and sends it', async () => {
    answers = {
      'pipelines.list': ok([PIPELINE]),
      'pipelines.status': ok(status('prod')),
      'environments.list': ok(environments),
    };
    await usePipelineStore.getState().load('cs-1');
    await usePipelineStore.getState().askAdvance('prod');
    assert.deepEqual(usePipelineStore.getState().asking, { environment: 'prod', tier: 'prod' });
    calls.length = 0;
    await usePipelineStore.getState().confirm();
    assert.deepEqual(channelsCalled(), [], 'nothing is sent before the name is typed');
    answers['pipelines.advance'] = refused(
      'pipeline.waiting',
      'cs-1 cannot enter prod yet: soaking in uat until Tue 10:00 UTC; try again once that is met',
    );
    usePipelineStore.getState().type('prod');
    await usePipelineStore.getState().confirm();
    assert.deepEqual(calls[0], {
      channel: 'pipelines.advance',
      request: { changesetId: 'cs-1', confirm: 'prod' },
    });
    const { outcome, asking, advancing } = usePipelineStore.getState();
    assert.deepEqual(outcome, {
      tone: 'refused',
      message: 'cs-1 cannot enter prod yet: soaking in uat until Tue 10:00 UTC; try again once that is met',
    });
    assert.equal(asking, null);
    assert.equal(advancing, false);
    // A refusal re-reads the status: it may have moved since it was shown.
    assert.ok(channelsCalled().includes('pipelines.status'));
  });

  it('does not open the dialog for a stage that is no longer next', async () => {
    answers = {
      'pipelines.list': ok([PIPELINE]),
      'pipelines.status': ok(status(null)),
      'environments.list': ok(environments),
    };
    await usePipelineStore.getState().load('cs-1');
    await usePipelineStore.getState().askAdvance('prod');
    assert.equal(usePipelineStore.getState().asking, null);
  });
});
