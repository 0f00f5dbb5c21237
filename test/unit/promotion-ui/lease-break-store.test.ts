// The renderer's global `window.ferry`, which the client under test reads, for this (node) project.
import type {} from '../../../renderer/src/api/window-ferry';
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { ApiError } from '../../../shared/api/api-error';
import type { ChannelName } from '../../../shared/api/channels';
import { buildWindowApi } from '../../../shared/api/window-api';
import { installFerryApi } from '../../../renderer/src/api/ferry-client';
import { useLeaseBreakStore } from '../../../renderer/src/features/promotions/lease-break-store';
import { usePromotionRunStore } from '../../../renderer/src/features/promotions/promotion-run-store';

/** Every call the stores make, and the refusal the next run call gets. */
const calls: { channel: ChannelName; request: Record<string, unknown> }[] = [];
const refusals: ApiError[] = [];
const RUN_CHANNELS: ReadonlySet<string> = new Set([
  'promotions.promote',
  'promotions.rollback',
  'promotions.recover',
]);

const ferry = buildWindowApi({
  invoke: async (channel, request) => {
    calls.push({ channel, request: request as Record<string, unknown> });
    const refusal = RUN_CHANNELS.has(channel) ? refusals.shift() : undefined;
    return {
      ok: false,
      error: refusal ?? { code: 'internal', message: `not answered in this test: ${channel}` },
    };
  },
  subscribe: () => () => undefined,
});
Object.assign(globalThis, { window: { ferry } });
installFerryApi();

const lease = {
  environment: 'prod',
  holder: 'Ada Lovelace',
  runId: 'run-a',
  since: '2026-12-06T13:00:00.000Z',
  expiresAt: '2026-12-06T13:10:00.000Z',
};
const expired: ApiError = {
  code: 'environment.locked',
  message: "prod's lease expired",
  details: { ...lease, expired: true },
};
const live: ApiError = { code: 'environment.locked', message: 'prod is being promoted', details: lease };
const renewed: ApiError = {
  code: 'lease.not-expired',
  message: 'cannot be broken yet',
  details: { ...lease, expiresAt: '2099-01-01T00:00:00.000Z' },
};

function runCalls() {
  return calls.filter((call) => RUN_CHANNELS.has(call.channel));
}

describe('breaking an expired lease from the promotions page', () => {
  beforeEach(() => {
    calls.length = 0;
    refusals.length = 0;
    usePromotionRunStore.getState().clear();
    useLeaseBreakStore.getState().cancel();
  });

  it('an expired lease: the reason is required, then the same promotion is asked again with it', async () => {
    refusals.push(expired, renewed);
    const run = usePromotionRunStore.getState();
    await run.promote({ changesetId: 'cs-1', environment: 'prod', confirm: 'prod' });
    assert.equal(usePromotionRunStore.getState().lease?.kind, 'expired');

    const dialog = useLeaseBreakStore.getState();
    dialog.ask();
    assert.equal(useLeaseBreakStore.getState().open, true);
    await dialog.confirm();
    assert.match(useLeaseBreakStore.getState().problem ?? '', /Say why/);
    assert.equal(useLeaseBreakStore.getState().open, true);
    assert.equal(runCalls().length, 1, 'no call without a reason');

    dialog.type('  Ada’s laptop died; she agreed  ');
    await useLeaseBreakStore.getState().confirm();
    assert.equal(useLeaseBreakStore.getState().open, false);
    assert.deepEqual(
      runCalls().map((call) => call.request),
      [
        { changesetId: 'cs-1', environment: 'prod', confirm: 'prod' },
        {
          changesetId: 'cs-1',
          environment: 'prod',
          confirm: 'prod',
          breakLease: 'Ada’s laptop died; she agreed',
        },
      ],
    );
    // Renewed meanwhile: said plainly, and nothing more to break.
    const after = usePromotionRunStore.getState();
    assert.equal(after.lease?.kind, 'renewed');
    assert.equal(after.lease?.canBreak, false);
    assert.equal(after.label, 'Promotion of cs-1 to prod');
    useLeaseBreakStore.getState().ask();
    assert.equal(useLeaseBreakStore.getState().open, false);
  });

  it('a live lease offers no break: neither the dialog nor a call', async () => {
    refusals.push(live);
    await usePromotionRunStore.getState().rollback('run-b');
    assert.equal(usePromotionRunStore.getState().lease?.kind, 'held');
    useLeaseBreakStore.getState().ask();
    assert.equal(useLeaseBreakStore.getState().open, false);
    await usePromotionRunStore.getState().breakLease('because');
    assert.equal(runCalls().length, 1);
  });

  it('resuming an interrupted run is asked again as a resume, with the reason', async () => {
    refusals.push(expired, expired);
    await usePromotionRunStore.getState().recover('run-c', 'resume');
    useLeaseBreakStore.getState().ask();
    useLeaseBreakStore.getState().type('nobody is running it');
    await useLeaseBreakStore.getState().confirm();
    assert.deepEqual(
      runCalls().map((call) => [call.channel, call.request]),
      [
        ['promotions.recover', { runId: 'run-c', action: 'resume' }],
        ['promotions.recover', { runId: 'run-c', action: 'resume', breakLease: 'nobody is running it' }],
      ],
    );
    assert.equal(usePromotionRunStore.getState().action, 'resume');
  });

  it('any other failure is shown as its message, with no lease notice', async () => {
    refusals.push({ code: 'lease.lost', message: 'This run no longer holds the lease' });
    await usePromotionRunStore.getState().rollback('run-d');
    const state = usePromotionRunStore.getState();
    assert.equal(state.lease, null);
    assert.match(state.error ?? '', /no longer holds the lease/);
  });
});
