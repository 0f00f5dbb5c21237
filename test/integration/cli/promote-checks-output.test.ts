import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PostPromotionCheck } from '../../../shared/promotion/checks/post-promotion-check';
import { wrapupCode } from '../promotion/promotion-test-support';
import { runWorld, type RunWorld } from '../security/run-fixture';

/**
 * Issue 20: `ferry promote` and `ferry runs <id>` print one line per post-promotion check, with its
 * verdict (passed, FAILED, could not be checked), its title and its finding, so a person reading a
 * failed run in a terminal sees which check failed and why. Titles come from the signed policy and
 * findings quote the target's names: control characters and bidi overrides are shown escaped, never
 * sent to the terminal (an escape sequence could erase the FAILED line or forge a passed one).
 */

/** An ESC + "erase line" sequence and a right-to-left override in an admin's label. */
const HOSTILE_LABEL = 'Store row LDN01\u001b[2K\u202eforged';
const checks: PostPromotionCheck[] = [
  { kind: 'data-table-row', label: HOSTILE_LABEL, table: 'Store Directory', key: 'LDN01' },
  { kind: 'data-table-row', table: 'Store Directory', key: 'NOPE99' },
  // Not an object type Ferry knows: the check cannot be made at all.
  { kind: 'object-field', type: 'no.such.type', key: 'anything', path: 'name', equals: 'x' },
];

let world: RunWorld;
let promoteOut: { code: number; stdout: string; stderr: string };
let runId: string;

before(async () => {
  world = await runWorld('ferry-cli-check-lines-');
  // 'stop': the run ends checks-failed with its results, and its write stays (nothing to undo here).
  await world.services.identity.trust.setPolicy('uat', {
    tier: 'test',
    policy: { approvalsRequired: 0, postPromotionChecks: checks, onCheckFailure: 'stop' },
  });
  const { changeset } = await world.services.changesets.create({
    title: 'check lines',
    idPrefix: 'checklines',
    operations: [
      {
        op: 'create',
        type: 'routing.wrapupcode',
        key: 'check lines code',
        body: wrapupCode('check lines code'),
      },
    ],
  });
  promoteOut = await world.cli(['promote', changeset.id, '--to', 'uat']);
  const match = /\(run (\S+), checks-failed\)/.exec(promoteOut.stdout);
  assert.ok(match?.[1], `${promoteOut.stdout}\n${promoteOut.stderr}`);
  runId = match[1];
});
after(() => world.close());

function assertCheckLines(stdout: string): void {
  const lines = stdout.split('\n').filter((line) => line.startsWith('check '));
  assert.deepEqual(
    lines.map((line) => line.split(': ').slice(0, 2).join(': ')),
    ['check 1: passed', 'check 2: FAILED', 'check 3: could not be checked'],
    stdout,
  );
  assert.equal(lines[0]?.split(': ')[2], 'Store row LDN01\\u001b[2K\\u202eforged', 'the label, escaped');
  assert.match(lines[1] ?? '', /^check 2: FAILED: data table "Store Directory" has a row "NOPE99": \S/);
  assert.match(
    lines[2] ?? '',
    /^check 3: could not be checked: no\.such\.type "anything" has name = "x": \S/,
  );
  // eslint-disable-next-line no-control-regex -- no raw control or bidi character reaches the terminal
  assert.doesNotMatch(stdout, /[\u001b\u202e]/);
}

describe('post-promotion check lines in the CLI (issue 20)', () => {
  it('ferry promote prints each check with its verdict, control characters escaped', () => {
    assert.equal(promoteOut.code, 1, promoteOut.stderr);
    assertCheckLines(promoteOut.stdout);
  });

  it('ferry runs <id> prints the same lines for the finished run', async () => {
    const shown = await world.cli(['runs', runId]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`\\(run ${runId}, checks-failed\\)`));
    assertCheckLines(shown.stdout);
  });
});
