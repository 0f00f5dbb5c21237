import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RunResult } from '../../../shared/promotion/engine/run-records';
import type { PipelineStatus } from '../../../shared/promotion/pipeline/pipeline';
import {
  advanceOffer,
  advanceOutcome,
  canConfirmAdvance,
  durationText,
  runText,
  stageRows,
  summaryText,
  textSegments,
  waitLine,
} from '../../../renderer/src/features/pipeline/pipeline-model';

/* What the pipeline view says about a status: the words are shaped in the model, checked here. */

const CHECKED = '2026-12-07T10:00:00.000Z';

function status(overrides: Partial<PipelineStatus> = {}): PipelineStatus {
  return {
    pipeline: 'main',
    changesetId: 'cs-1',
    changesetDigest: 'sha256:abc',
    stages: [
      {
        environment: 'dev',
        state: 'done',
        run: {
          id: 'run-dev',
          status: 'succeeded',
          finishedAt: '2026-12-07T09:00:00.000Z',
          checksPassed: true,
        },
        waits: [],
      },
      {
        environment: 'uat',
        state: 'done',
        run: {
          id: 'run-uat',
          status: 'succeeded',
          finishedAt: '2026-12-07T09:30:00.000Z',
          checksPassed: null,
        },
        waits: [],
      },
      {
        environment: 'prod',
        state: 'waiting',
        run: null,
        waits: [
          { rule: 'soak', message: 'soaking in uat for 24 h', until: '2026-12-08T09:30:00.000Z' },
          { rule: 'gates', message: 'needs 2 approvals, 1 from cab; it has 0', until: null },
        ],
      },
    ],
    next: 'prod',
    summary: 'In uat; prod waits for the soak and 2 approvals.',
    checkedAt: CHECKED,
    ...overrides,
  };
}

describe('pipeline view model', () => {
  it('says how long a wait has left in hours and minutes, days past a day', () => {
    assert.equal(durationText(30_000), 'under a minute');
    // Counted up like the service's "(1 h left)": 59 min 30 s is 1 h, not 59 min.
    assert.equal(durationText(59 * 60_000 + 30_000), '1 h');
    assert.equal(durationText(45 * 60_000), '45 min');
    assert.equal(durationText(3 * 3_600_000), '3 h');
    assert.equal(durationText(3 * 3_600_000 + 12 * 60_000), '3 h 12 min');
    assert.equal(durationText(26 * 3_600_000), '1 day 2 h');
    assert.equal(durationText(48 * 3_600_000), '2 days');
  });

  it('gives each stage its state, its run and its waits with when each ends', () => {
    const rows = stageRows(status());
    assert.deepEqual(
      rows.map((row) => [row.environment, row.state, row.stateLabel, row.isNext, row.position]),
      [
        ['dev', 'done', 'Done', false, 1],
        ['uat', 'done', 'Done', false, 2],
        ['prod', 'waiting', 'Waiting', true, 3],
      ],
    );
    assert.match(
      rows[0]?.run ?? '',
      /^Run run-dev: succeeded, finished 2026-12-07 \d\d:00 .*, its checks passed\.$/,
    );
    assert.doesNotMatch(rows[1]?.run ?? '', /checks/);
    assert.equal(rows[2]?.run, 'No run of this version yet.');
    const [soak, gates] = rows[2]?.waits ?? [];
    assert.equal(soak?.text, 'soaking in uat for 24 h');
    assert.match(soak?.ends ?? '', /^Ends by itself 2026-12-0[89] \d\d:30 .* \(in 23 h 30 min\)\.$/);
    assert.equal(soak?.until, '2026-12-08T09:30:00.000Z');
    assert.equal(gates?.ends, 'Needs a person: it does not end by itself.');
    assert.equal(gates?.until, null);
  });

  it('says a wait whose end has passed is met once advanced', () => {
    const line = waitLine(
      { rule: 'window', message: 'outside the window', until: '2026-12-07T09:00:00.000Z' },
      CHECKED,
    );
    assert.match(line.ends, /^Ended .*: advance to check again\.$/);
  });

  it('says a stage waiting for the one before it ends once that one is done, not that a person must act', () => {
    const line = waitLine({ rule: 'previous-stage', message: 'enters after uat', until: null }, CHECKED);
    assert.equal(line.ends, 'Once the stage before it is done.');
  });

  it('shows a deliberately rolled-back stage as rolled back, not failed, with the next step', () => {
    const undone = status();
    const uat = undone.stages[1];
    if (uat) {
      Object.assign(uat, {
        state: 'rolled-back',
        waits: [],
        run: { id: 'r7', status: 'rolled-back', finishedAt: CHECKED, checksPassed: null },
      });
    }
    undone.next = 'uat';
    const row = stageRows(undone)[1];
    assert.equal(row?.stateLabel, 'Rolled back');
    assert.equal(row?.state, 'rolled-back');
    const summary = summaryText(undone);
    assert.doesNotMatch(summary, /fail/i);
    assert.equal(
      summary,
      'Run r7 into uat was rolled back: uat holds what it had before that run. To put this change there again, use “Advance to uat…” below; to change what it does, make a new changeset.',
    );
    const offer = advanceOffer(undone);
    assert.equal(offer.kind, 'advance');
    if (offer.kind === 'advance') assert.doesNotMatch(offer.hint, /fail/i);
  });

  it('names the button instead of a command when the next stage is ready or its last run failed', () => {
    const ready = status();
    const prod = ready.stages[2];
    if (prod) Object.assign(prod, { state: 'ready', waits: [] });
    ready.summary = 'Ready to advance into prod: run `ferry pipeline advance cs-1`.';
    assert.equal(summaryText(ready), 'Ready to advance into prod.');
    const failed = status();
    const again = failed.stages[2];
    if (again) {
      Object.assign(again, {
        state: 'failed',
        waits: [],
        run: { id: 'r9', status: 'verify-failed', finishedAt: CHECKED, checksPassed: null },
      });
    }
    assert.equal(
      summaryText(failed),
      'The last run into prod ended: verify failed. Open it to see what happened, then retry with “Advance to prod…” below.',
    );
    // Waits keep the service's words.
    assert.equal(summaryText(status()), 'In uat; prod waits for the soak and 2 approvals.');
  });

  it('says a failed run and its checks in words', () => {
    assert.match(
      runText({ id: 'r9', status: 'rolled-back', finishedAt: null, checksPassed: false }),
      /^Run r9: rolled back, not finished, its checks failed\.$/,
    );
    assert.match(
      runText({ id: 'r8', status: 'checks-failed', finishedAt: null, checksPassed: false }),
      /^Run r8: checks failed, not finished\.$/,
    );
  });

  it('offers to advance to the next stage, with a hint that fits its state', () => {
    const waiting = advanceOffer(status());
    assert.equal(waiting.kind, 'advance');
    assert.equal(waiting.kind === 'advance' && waiting.label, 'Advance to prod');
    assert.match(waiting.kind === 'advance' ? waiting.hint : '', /checks every rule again/);
    const readyStatus = status();
    const prod = readyStatus.stages[2];
    if (prod) Object.assign(prod, { state: 'ready', waits: [] });
    const ready = advanceOffer(readyStatus);
    assert.match(ready.kind === 'advance' ? ready.hint : '', /promotes the changeset to prod/);
    const finished = advanceOffer(status({ next: null }));
    assert.deepEqual(finished, {
      kind: 'finished',
      message: 'This version reached prod, the last stage: nothing is left to advance.',
    });
  });

  it('asks for production’s name typed, and nothing else', () => {
    assert.equal(canConfirmAdvance('prod', 'prod', ''), false);
    assert.equal(canConfirmAdvance('prod', 'prod', 'Prod'), false);
    assert.equal(canConfirmAdvance('prod', 'prod', 'prod'), true);
    assert.equal(canConfirmAdvance('uat', 'test', ''), true);
    assert.equal(canConfirmAdvance('uat', null, ''), true);
  });

  it('shows the commands a sentence names in backticks as code', () => {
    assert.deepEqual(textSegments('ask an approver to run `ferry approve cs-1`.'), [
      { text: 'ask an approver to run ', code: false },
      { text: 'ferry approve cs-1', code: true },
      { text: '.', code: false },
    ]);
    assert.deepEqual(textSegments('an odd ` stays'), [{ text: 'an odd ` stays', code: false }]);
    assert.deepEqual(textSegments('plain'), [{ text: 'plain', code: false }]);
  });

  it('says how an advance ended: where it went, or what failed and where to look', () => {
    const result = {
      runId: 'run-2',
      status: 'succeeded',
      failure: null,
    } as unknown as RunResult;
    const after = status();
    assert.deepEqual(advanceOutcome('uat', result, after), {
      tone: 'success',
      message: 'Advanced to uat: run run-2 succeeded.',
    });
    assert.equal(
      advanceOutcome('prod', { ...result, runId: 'run-4' }, status({ next: null })).message,
      'Advanced to prod: run run-4 succeeded. It reached the last stage of its pipeline.',
    );
    const failed = {
      runId: 'run-3',
      status: 'rolled-back',
      failure: { step: null, code: 'check.failed', message: 'Queue Billing has no member group.' },
    } as unknown as RunResult;
    const outcome = advanceOutcome('uat', failed, after);
    assert.equal(outcome.tone, 'failure');
    assert.equal(
      outcome.message,
      'Run run-3 into uat rolled back. Queue Billing has no member group. Open it on the Promotions page to see what happened.',
    );
  });
});
