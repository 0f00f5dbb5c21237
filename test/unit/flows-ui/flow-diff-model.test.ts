import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  displayKey,
  flowDiffView,
  statusSentence,
} from '../../../renderer/src/features/compare/flow-diff-model';
import { prettyJsonInText } from '../../../renderer/src/features/compare/json-in-text';

const CONFIGURATION = (queue: string) => `inboundCall:
  name: Main Menu
  menus:
    - menu:
        name: Main menu
        choices:
          - menuTransferToAcd:
              name: Billing
              dtmf: digit_1
              queue:
                lit:
                  name: ${queue}
`;

function flowJson(queue: string, status: Record<string, unknown>): string {
  return JSON.stringify({
    name: 'Main Menu',
    type: 'INBOUNDCALL',
    configuration: CONFIGURATION(queue),
    ...status,
  });
}

describe('flow diff model', () => {
  it('shows a flow by its name and its type in words', () => {
    assert.equal(displayKey('architect.flow', 'INBOUNDCALL/Main Menu'), 'Main Menu (inbound call)');
    assert.equal(displayKey('architect.flow', 'COMMONMODULE/Verify'), 'Verify (common module)');
    assert.equal(displayKey('routing.queue', 'Billing/Escalations'), 'Billing/Escalations');
  });

  it('reads both configurations out of the objects, with the summary, the references and the status', () => {
    const view = flowDiffView(
      'architect.flow',
      {
        before: flowJson('Billing', { publishedVersion: { id: '2.0' }, lockedUser: { name: 'Ana Ortiz' } }),
        after: flowJson('Billing Priority', { publishedVersion: { id: '3.0' } }),
      },
      'uat',
      'dev',
    );
    assert.ok(view);
    assert.equal(view.before, CONFIGURATION('Billing'));
    assert.equal(view.after, CONFIGURATION('Billing Priority'));
    assert.deepEqual(view.sentences, [
      'Main menu: option 1 now transfers to queue Billing Priority instead of Billing',
    ]);
    assert.deepEqual(view.onlyBefore, ['queue Billing']);
    assert.deepEqual(view.onlyAfter, ['queue Billing Priority']);
    assert.equal(view.status, 'Published version 2.0 in uat, 3.0 in dev; checked out by Ana Ortiz in uat');
  });

  it('has no flow view for a type without a configuration', () => {
    assert.equal(flowDiffView('routing.queue', { before: '{}', after: '{}' }, 'a', 'b'), undefined);
  });

  it('words status with only one side published, or only a lock', () => {
    assert.equal(
      statusSentence([
        { name: 'dev', value: { publishedVersion: { id: '3.0' } } },
        { name: 'uat', value: {} },
      ]),
      'Published version 3.0 in dev, none in uat',
    );
    assert.equal(
      statusSentence([
        { name: 'dev', value: {} },
        { name: 'uat', value: { lockedUser: { name: 'Ana Ortiz' } } },
      ]),
      'Checked out by Ana Ortiz in uat',
    );
    assert.equal(statusSentence([{ name: 'dev', value: null }]), null);
  });
});

describe('prettyJsonInText', () => {
  it('pretty-prints a template holding JSON, placeholders and all', () => {
    assert.equal(
      prettyJsonInText('{"customerId": "${input.customerId}", "fields": ["name"]}'),
      '{\n  "customerId": "${input.customerId}",\n  "fields": [\n    "name"\n  ]\n}',
    );
  });

  it('leaves other text alone', () => {
    assert.equal(prettyJsonInText('$successTemplate'), undefined);
    assert.equal(prettyJsonInText('{not json'), undefined);
    assert.equal(prettyJsonInText('42'), undefined);
  });
});
