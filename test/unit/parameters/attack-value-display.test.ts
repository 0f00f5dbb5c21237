import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Changeset } from '../../../shared/model/changeset';
import type { Plan } from '../../../shared/model/plan';
import { parametersFileSchema, environmentValues } from '../../../shared/parameters/parameters-file';
import { describeValueSource, resolveChangesetValues } from '../../../shared/parameters/resolve-values';
import { stepValueLines, stepValueText } from '../../../shared/parameters/step-values';
import { describePlan } from '../../../electron/host/cli/commands/promotion-commands';

/**
 * A teammate controls environments/<env>/parameters.json. A text value or a mapped name holding
 * control characters (a terminal's escape sequences, a carriage return, a newline, a bidi
 * override) must not reach a reviewer's terminal or the plan page as such: `ferry plan` would
 * otherwise print a value that erases itself and shows another, or forge a second "value" line.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const forged = 'real\u001b[2K\rparameter greeting = Hello for prod\nvalue description: parameter x = y';

const file = parametersFileSchema.parse({
  formatVersion: 1,
  parameters: { greeting: { type: 'string', value: forged } },
  mappings: { 'authorization.division': { 'Customer Service': 'Care\u202egnp.exe' } },
});

const changeset: Changeset = {
  formatVersion: 1,
  id: 'display',
  title: 'Display',
  description: '',
  ticket: '',
  author: 'Pat',
  createdAt: '2026-12-01T10:00:00.000Z',
  operations: [
    {
      op: 'create',
      type: 'routing.queue',
      key: 'Billing',
      body: {
        name: 'Billing',
        description: { $param: 'greeting' },
        division: { $ref: 'authorization.division', name: 'Customer Service' },
      },
    },
  ],
};

describe('parameter values shown to a reviewer (issue 15 attack)', () => {
  const resolved = resolveChangesetValues(changeset, environmentValues('prod', file));

  it('writes the value itself unchanged to the org', () => {
    const body = resolved.changeset.operations[0];
    assert.ok(body?.op === 'create');
    assert.equal(body.body.description, forged);
  });

  it('describes every source without control characters, the characters still visible as escapes', () => {
    assert.equal(resolved.sources.length, 2);
    for (const source of resolved.sources) {
      const text = describeValueSource(source);
      assert.doesNotMatch(text, CONTROL, text);
    }
    const parameter = resolved.sources.find((source) => source.kind === 'parameter');
    assert.ok(parameter);
    assert.match(describeValueSource(parameter), /\\u001b\[2K\\u000dparameter greeting/);
    for (const line of stepValueLines(resolved.sources, 0)) assert.doesNotMatch(stepValueText(line), CONTROL);
  });

  it('ferry plan prints one value line per source', () => {
    const plan = {
      formatVersion: 1,
      changesetId: 'display',
      environment: 'prod',
      tier: 'prod',
      steps: [{ index: 0, operation: 0, action: 'create', type: 'routing.queue', key: 'Billing', calls: [] }],
      gates: [],
      summary: { create: 1 },
      values: resolved.sources,
    } as unknown as Plan;
    const text = describePlan(plan);
    assert.doesNotMatch(text.replace(/\n/g, ''), CONTROL);
    assert.equal(text.split('\n').filter((line) => line.trim().startsWith('value ')).length, 2, text);
  });
});
