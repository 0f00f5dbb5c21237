import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import {
  describeWordedIssues,
  fieldLabel,
  issueSentence,
  wordIssue,
} from '../../../shared/api/issue-wording';
import { formatIssuePath } from '../../../shared/api/issues';

function sentences(schema: z.ZodType, value: unknown): string[] {
  const parsed = schema.safeParse(value);
  assert.ok(!parsed.success, 'the value is refused');
  return parsed.error.issues.map((issue) => issueSentence(wordIssue(issue, formatIssuePath(issue.path))));
}

describe('schema issues worded for a person', () => {
  const schema = z
    .object({
      title: z.string().trim().min(1).max(100),
      clientId: z.string().min(3),
      count: z.number().int().min(0).max(10),
      tier: z.enum(['dev', 'test', 'prod']),
      takenAt: z.iso.datetime(),
      targets: z
        .array(z.string().regex(/^[a-z]+$/))
        .min(1)
        .max(2),
      path: z.string().refine((value) => value.startsWith('/'), 'must be an absolute path'),
    })
    .strict();

  it('turns every zod default into "<Field> <what is wrong>"', () => {
    assert.deepEqual(
      sentences(schema, {
        title: 'x'.repeat(101),
        clientId: 'ab',
        count: 1.5,
        tier: 'staging',
        takenAt: 'yesterday',
        targets: ['ok', 'Bad!'],
        path: 'relative',
        extra: true,
      }),
      [
        'Title must be 100 characters or fewer',
        'Client ID must be at least 3 characters',
        'Count must be a whole number',
        'Tier must be one of "dev", "test", "prod"',
        'Taken at must be a date and time such as 2026-12-06T09:30:00Z',
        'Targets, item 2 is not in the expected form',
        'Path must be an absolute path',
        'The request has a field Ferry does not know: "extra"',
      ],
    );
  });

  it('says a missing field is required and an empty one must not be empty', () => {
    assert.deepEqual(sentences(schema.pick({ title: true, count: true }), { title: '  ', count: -1 }), [
      'Title must not be empty',
      'Count must be 0 or more',
    ]);
    assert.deepEqual(sentences(z.object({ title: z.string() }), {}), ['Title is required']);
    assert.deepEqual(sentences(schema.pick({ targets: true }), { targets: ['a', 'b', 'c'] }), [
      'Targets must have 2 items or fewer',
    ]);
  });

  it('keeps a message the schema author wrote', () => {
    const reason = z.object({ reason: z.string().trim().min(1, 'a reason is required') });
    assert.deepEqual(sentences(reason, { reason: '' }), ['Reason: a reason is required']);
  });

  it("never lets zod's own wording through", () => {
    const all = sentences(schema, { title: 'x'.repeat(500), targets: [], count: 'many' }).join(' ');
    assert.doesNotMatch(all, /Too big|Too small|Invalid input|expected|received/);
  });

  it('names fields from their path', () => {
    assert.equal(fieldLabel([]), 'The request');
    assert.equal(fieldLabel(['environment', 'clientId']), 'Client ID');
    assert.equal(fieldLabel(['changeset', 'operations', 0]), 'Operations, item 1');
    assert.equal(fieldLabel(['sourceUrl']), 'Source URL');
  });

  it('joins several into one message that says what to do', () => {
    const worded = [
      { path: 'a', label: 'A', message: 'is required' },
      { path: 'b', label: 'B', message: 'is required' },
      { path: 'c', label: 'C', message: 'is required' },
      { path: 'd', label: 'D', message: 'is required' },
    ];
    assert.equal(
      describeWordedIssues(worded),
      'A is required. B is required. C is required (and 1 more). Correct them and try again.',
    );
  });
});
