import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changesetSchema } from '../../../shared/model/changeset';
import { stableStringify } from '../../../shared/model/canonical/stable-stringify';
import { buildPackage, changeset, failures, testKey, trusted, verifyText } from '../packages/package-builder';

/** Issue 12 §6: an operation's key is its body's natural key, in the schema every reader uses. */

const ada = testKey('Ada');

describe("an operation's key and its body", () => {
  it('accepts a create and a delete whose key is the natural key', () => {
    const parsed = changesetSchema.safeParse(
      changeset({
        operations: [
          { op: 'create', type: 'routing.skill', key: 'Video', body: { name: 'Video' } },
          { op: 'delete', type: 'routing.skill', key: 'Fax', before: { name: 'Fax' } },
          { op: 'update', type: 'routing.skill', key: 'Chat', changes: [{ path: 'state', after: 'active' }] },
        ],
      }),
    );
    assert.equal(parsed.success, true);
  });

  for (const [label, operation] of [
    [
      'a path-like key over another body',
      { op: 'create', type: 'routing.skill', key: '../../etc/passwd', body: { name: 'Video' } },
    ],
    [
      'a delete whose before names another object',
      { op: 'delete', type: 'routing.queue', key: 'Sales', before: { name: 'Support' } },
    ],
    ['a body without its natural key', { op: 'create', type: 'routing.skill', key: 'Video', body: {} }],
    [
      'a natural key that is not a string',
      { op: 'create', type: 'routing.skill', key: 'Video', body: { name: ['Video'] } },
    ],
  ] as const) {
    it(`refuses ${label}, naming the operation's key`, () => {
      const parsed = changesetSchema.safeParse(changeset({ operations: [operation] }));
      assert.equal(parsed.success, false);
      const issue = parsed.error?.issues[0];
      assert.deepEqual(issue?.path, ['operations', 0, 'key']);
      assert.match(issue?.message ?? '', /must be its object's natural key/);
    });
  }

  it('is refused by package verification (and so by import), even when signed by a trusted author', () => {
    const forged = changeset({
      operations: [{ op: 'create', type: 'routing.skill', key: '../../etc/passwd', body: { name: 'Video' } }],
    });
    const bytes = new TextEncoder().encode(stableStringify(forged));
    const { checks } = verifyText(
      buildPackage({ author: ada, approvers: [], changeset: forged, changesetBytes: bytes }).text,
      [trusted(ada)],
      [],
    );
    const changesetCheck = failures(checks).find((check) => check.check === 'changeset');
    assert.ok(changesetCheck, `the changeset check fails: ${JSON.stringify(failures(checks))}`);
    // Named the way every other reader names a field since the one schema-issue translator (#14).
    assert.match(changesetCheck.detail, /operations\[0\]\.key: .*natural key/);
  });
});
