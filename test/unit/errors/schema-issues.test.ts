import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { describeIssues, toFieldIssues } from '../../../shared/api/issues';
import { firstSchemaIssue, plainIssueMessage, schemaFieldIssues } from '../../../shared/errors/schema-issues';

const configSchema = z.strictObject({
  name: z.string().min(1),
  environments: z.array(
    z.object({
      name: z.string(),
      tier: z.enum(['dev', 'test', 'prod']),
      port: z.number().int().max(65535),
    }),
  ),
});

function failure(value: unknown): z.ZodError {
  const parsed = configSchema.safeParse(value);
  assert.ok(!parsed.success);
  return parsed.error;
}

const ZOD_TEXT =
  /Invalid input|Invalid option|Too (big|small)|Unrecognized key|expected .*received|"code"|[[{]\s*"/;

describe('schema issues as field messages', () => {
  const error = failure({
    name: '',
    environments: [
      { name: 'dev', tier: 'dev', port: 1 },
      { name: 'uat', tier: 'staging', port: 70000 },
      { tier: 'prod', port: 2 },
    ],
    colour: 'blue',
  });

  it('names each field by its path, in plain words', () => {
    const byPath = Object.fromEntries(schemaFieldIssues(error).map((issue) => [issue.path, issue.message]));
    assert.equal(byPath['environments[2].name'], 'required');
    assert.equal(byPath.name, 'must not be empty');
    assert.equal(byPath['environments[1].tier'], 'must be one of "dev", "test", "prod"');
    assert.equal(byPath['environments[1].port'], 'must be 65535 or less');
    assert.equal(byPath['(root)'], 'has a field Ferry does not know: "colour"');
  });

  it('never lets zod texts or its JSON through', () => {
    const line = describeIssues(toFieldIssues(error));
    assert.doesNotMatch(line, ZOD_TEXT);
    assert.match(line, /^[^;]+: [^;]+(; [^;]+: [^;]+)+$/);
    assert.doesNotMatch(firstSchemaIssue(error), ZOD_TEXT);
    for (const issue of error.issues) assert.doesNotMatch(plainIssueMessage(issue), ZOD_TEXT);
  });

  it('keeps a message the schema author wrote for a person', () => {
    const parsed = z.object({ owner: z.string().min(1, 'must not be empty') }).safeParse({ owner: '' });
    assert.ok(!parsed.success);
    assert.equal(firstSchemaIssue(parsed.error), 'owner: must not be empty');
  });

  it('is what the shared/api names give, so existing callers are translated too', () => {
    assert.deepEqual(toFieldIssues(error), schemaFieldIssues(error));
  });
});
