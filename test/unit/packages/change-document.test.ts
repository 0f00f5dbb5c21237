import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPackageDocument } from '../../../shared/packages/change-document';
import { judgeAgainstSnapshot, summarizeJudgements } from '../../../shared/packages/target-state';
import { changeset } from './package-builder';

describe('the package change-control document', () => {
  it('lists the change, the targets, the approvals and the exact rollback, with people text escaped', () => {
    const cs = changeset({
      title: 'Queue | timeout\nand *more*',
      operations: [
        { op: 'create', type: 'routing.skill', key: 'Video', body: { name: 'Video' } },
        {
          op: 'update',
          type: 'routing.queue',
          key: 'Billing',
          changes: [{ path: 'acwSettings.timeoutMs', before: 30000, after: 45000 }],
        },
      ],
    });
    const markdown = renderPackageDocument({
      changeset: cs,
      digest: `sha256:${'d'.repeat(64)}`,
      packagedBy: { owner: 'Ada', keyId: 'a'.repeat(64) },
      source: { environment: 'dev', commit: 'b'.repeat(40) },
      targets: [
        { environment: 'uat', snapshot: null },
        {
          environment: 'prod',
          snapshot: {
            commit: 'c'.repeat(40),
            takenAt: '2026-11-20T10:00:00.000Z',
            judgements: [
              { label: 'operation 1 (create routing.skill "Video")', action: 'conflict', reason: 'differs' },
            ],
          },
        },
      ],
      approvals: [
        {
          owner: 'Rita',
          keyId: 'e'.repeat(64),
          decision: 'approved',
          approvedAt: '2026-11-21T10:00:00.000Z',
          comment: 'ok',
        },
      ],
      createdAt: '2026-11-22T10:00:00.000Z',
      expiresAt: '2026-12-22T10:00:00.000Z',
      parameters: [],
      mappings: [],
    });
    assert.match(markdown, /## Values each target supplies\n\n_None: no value of this change depends/);
    assert.match(markdown, /^# Change control: Queue \\\| timeout and \\\*more\\\*$/m);
    assert.match(markdown, /\| Built against \| dev at snapshot `bbbbbbbbbbbb` \|/);
    assert.match(markdown, /`acwSettings\.timeoutMs`: 30000 → 45000/);
    assert.match(markdown, /_No stored snapshot of this target/);
    assert.match(markdown, /\*\*1 conflict\(s\)\.\*\*/);
    assert.match(markdown, /Rita \(key `eeeeeeeeeeeeeeee`\): approved at 2026-11-21T10:00:00\.000Z — “ok”/);
    const rollback = markdown.slice(markdown.indexOf('## Rollback plan'));
    assert.match(
      rollback,
      /1\. update routing\.queue "Billing"\n {3}- `acwSettings\.timeoutMs`: 45000 → 30000\n2\. delete routing\.skill "Video"/,
    );
  });
});

describe('the package document names the values each target supplies (issue 15)', () => {
  it('lists parameters by name and type and mapped names, shows markers by name, and holds no value', () => {
    const cs = changeset({
      operations: [
        {
          op: 'update',
          type: 'routing.queue',
          key: 'Billing',
          changes: [
            {
              path: 'callingPartyNumber',
              before: '+441130000001',
              after: { $param: 'billingCallingNumber' },
            },
            { path: 'division', after: { $ref: 'authorization.division', name: 'Customer Service' } },
          ],
        },
      ],
    });
    const markdown = renderPackageDocument({
      changeset: cs,
      digest: `sha256:${'d'.repeat(64)}`,
      packagedBy: { owner: 'Ada', keyId: 'a'.repeat(64) },
      source: null,
      targets: [{ environment: 'prod', snapshot: null }],
      approvals: [],
      createdAt: '2026-11-22T10:00:00.000Z',
      expiresAt: '2026-12-22T10:00:00.000Z',
      parameters: [
        { name: 'billingCallingNumber', type: 'phone' },
        { name: 'crmToken', type: 'secret' },
      ],
      mappings: [{ type: 'authorization.division', names: ['Customer Service'] }],
    });
    const values = markdown.slice(
      markdown.indexOf('## Values each target supplies'),
      markdown.indexOf('## Against the targets'),
    );
    assert.match(values, /- `billingCallingNumber` \(phone\)/);
    assert.match(values, /- `crmToken` \(secret, kept in each vault\)/);
    assert.match(values, /- division: "Customer Service"/);
    assert.match(markdown, /`callingPartyNumber`: "\+441130000001" → \(parameter billingCallingNumber\)/);
    assert.doesNotMatch(markdown, /\$param/);
  });
});

describe('a changeset against a stored snapshot', () => {
  it('tells writes, no-ops and conflicts apart', () => {
    const cs = changeset({
      operations: [
        { op: 'create', type: 'routing.skill', key: 'New', body: { name: 'New' } },
        { op: 'create', type: 'routing.skill', key: 'Same', body: { name: 'Same' } },
        { op: 'delete', type: 'routing.skill', key: 'Gone', before: { name: 'Gone' } },
        { op: 'create', type: 'no.such-type', key: 'X', body: { name: 'X' } },
      ],
    });
    const judged = judgeAgainstSnapshot(cs, [null, { name: 'Same' }, null, null]);
    assert.deepEqual(
      judged.map((judgement) => judgement.action),
      ['create', 'noop', 'noop', 'conflict'],
    );
    const summary = summarizeJudgements(judged);
    assert.equal(summary.writes, 1);
    assert.equal(summary.noops, 2);
    assert.match(summary.conflicts[0] ?? '', /no\.such-type is not an object type Ferry knows/);
  });
});
