import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCanonicalObject } from '../../../shared/changeset/canonical-schema';

describe('changeset validation speaks to a person', () => {
  it("words an object's schema issues as field messages, never zod's own text", () => {
    const issues = checkCanonicalObject('routing.wrapupcode', {
      name: 'Account Updated',
      description: 42,
      division: { $ref: 'authorization.division', name: 'Home' },
    });
    const description = issues.find((issue) => issue.path === 'description');
    assert.ok(description, JSON.stringify(issues));
    assert.equal(description.message, 'must be text');
    for (const issue of issues)
      assert.doesNotMatch(issue.message, /Invalid input|expected .*, received|Too (big|small)/);
  });
});
