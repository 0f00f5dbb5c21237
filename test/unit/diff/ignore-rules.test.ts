import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ignoreRuleSchema, matchesIgnoreRule } from '../../../shared/diff/ignore-rules';

const rule = (path: string, type = 'routing.queue') => ({ type, path, reason: 'test' });

describe('matchesIgnoreRule', () => {
  const table: [string, string, boolean][] = [
    ['description', 'description', true],
    ['description', 'descriptionText', false],
    ['acwSettings', 'acwSettings.timeoutMs', true],
    ['acwSettings.timeoutMs', 'acwSettings', false],
    ['mediaSettings.*.alertingTimeoutSeconds', 'mediaSettings.call.alertingTimeoutSeconds', true],
    ['mediaSettings.*.alertingTimeoutSeconds', 'mediaSettings.call.serviceLevel', false],
    ['**.alertingTimeoutSeconds', 'mediaSettings.call.alertingTimeoutSeconds', true],
    ['**.alertingTimeoutSeconds', 'alertingTimeoutSeconds', true],
    ['mediaSettings.**', 'mediaSettings.chat.serviceLevel.percentage', true],
    ['bullseye.rings[].actions', 'bullseye.rings[1].actions.skillsToRemove', true],
    ['bullseye.rings[].actions', 'bullseye.rings.actions', false],
    ['bullseye.rings[0]', 'bullseye.rings[0].expansionCriteria', true],
    ['bullseye.rings[0]', 'bullseye.rings[1].expansionCriteria', false],
    ['wrapupCodes[]', 'wrapupCodes[]', true],
    ['wrapupCodes[0]', 'wrapupCodes[]', false],
    ['["a.b"].c', '["a.b"].c', true],
  ];
  for (const [pattern, path, expected] of table) {
    it(`${pattern} ${expected ? 'hides' : 'leaves'} ${path}`, () => {
      assert.equal(matchesIgnoreRule(rule(pattern), 'routing.queue', path), expected);
    });
  }

  it('applies to its own type, or to every type with *', () => {
    assert.equal(
      matchesIgnoreRule(rule('description', 'routing.skill'), 'routing.queue', 'description'),
      false,
    );
    assert.equal(matchesIgnoreRule(rule('description', '*'), 'routing.queue', 'description'), true);
  });
});

describe('ignoreRuleSchema', () => {
  it('accepts a rule and refuses unreadable paths', () => {
    assert.equal(ignoreRuleSchema.safeParse(rule('mediaSettings.*.alertingTimeoutSeconds')).success, true);
    for (const path of ['', 'a..b', 'a[', 'a[x]', '.a', 'a.']) {
      assert.equal(ignoreRuleSchema.safeParse(rule(path)).success, false, path);
    }
    assert.equal(ignoreRuleSchema.safeParse({ type: 'routing.queue', path: 'a' }).success, false);
  });
});
