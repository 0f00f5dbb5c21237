import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFlowChange } from '../../../shared/flows/describe-flow-change';

/** Main Menu as uat has it: two options, a data action lookup and a schedule check. */
const UAT = `inboundCall:
  name: Main Menu
  defaultLanguage: en-us
  initialGreeting:
    tts: Welcome to Acme.
  menus:
    - menu:
        name: Main menu
        refId: mainMenu
        audio:
          tts: For billing press 1. For support press 2.
        choices:
          - menuTransferToAcd:
              name: Billing
              dtmf: digit_1
              queue:
                lit:
                  name: Billing
          - menuTransferToAcd:
              name: Support
              dtmf: digit_2
              queue:
                lit:
                  name: Support
  tasks:
    - task:
        name: Lookup
        refId: lookup
        actions:
          - evaluateScheduleGroup:
              name: Open hours
              scheduleGroup:
                lit:
                  name: Acme Hours
          - callData:
              name: Customer lookup
              dataAction:
                lit:
                  name: Get Customer
          - callCommonModule:
              name: Verify caller
              flow:
                lit:
                  name: Verify
                  type: COMMONMODULE
`;

function edit(text: string, ...replacements: [string, string][]): string {
  let out = text;
  for (const [from, to] of replacements) {
    assert.ok(out.includes(from), `fixture holds ${from}`);
    out = out.replace(from, to);
  }
  return out;
}

const SALES_OPTION = `          - menuTransferToAcd:
              name: Sales
              dtmf: digit_3
              queue:
                lit:
                  name: Sales
  tasks:`;

describe('describeFlowChange', () => {
  it('says a menu option was added and where it transfers', () => {
    const dev = edit(UAT, ['  tasks:', SALES_OPTION]);
    const summary = describeFlowChange(UAT, dev);
    assert.deepEqual(summary.sentences, ['Main menu: option 3 “Sales” added, transferring to queue Sales']);
    assert.equal(summary.otherChanges, 0);
  });

  it('says a menu option was removed, naming what it did', () => {
    const dev = edit(UAT, ['  tasks:', SALES_OPTION]);
    assert.deepEqual(describeFlowChange(dev, UAT).sentences, [
      'Main menu: option 3 “Sales” removed (it was transferring to queue Sales)',
    ]);
  });

  it('pairs options by their key, so an option inserted before others changes nothing else', () => {
    const zero = `        choices:
          - menuTransferToAcd:
              name: Operator
              dtmf: digit_0
              queue:
                lit:
                  name: Reception`;
    const dev = edit(UAT, ['        choices:', zero]);
    assert.deepEqual(describeFlowChange(UAT, dev).sentences, [
      'Main menu: option 0 “Operator” added, transferring to queue Reception',
    ]);
  });

  it('says a transfer target changed', () => {
    const dev = edit(UAT, [
      '                  name: Billing\n',
      '                  name: Billing Priority\n',
    ]);
    assert.deepEqual(describeFlowChange(UAT, dev).sentences, [
      'Main menu: option 1 now transfers to queue Billing Priority instead of Billing',
    ]);
  });

  it('says a data action was replaced, a schedule group changed and a sub-flow call changed', () => {
    const dev = edit(
      UAT,
      ['name: Get Customer', 'name: Get Customer v2'],
      ['name: Acme Hours', 'name: Acme Holiday Hours'],
      ['name: Verify\n', 'name: Verify Caller\n'],
    );
    assert.deepEqual(describeFlowChange(UAT, dev).sentences, [
      'Lookup: Open hours schedule group changed from Acme Hours to Acme Holiday Hours',
      'Lookup: Customer lookup data action Get Customer replaced by Get Customer v2',
      'Lookup: Verify caller now calls flow Verify Caller instead of Verify',
    ]);
  });

  it('says greeting and prompt text changed', () => {
    const dev = edit(
      UAT,
      ['tts: Welcome to Acme.', 'tts: Welcome to Acme Corporation.'],
      ['For support press 2.', 'For support press 2. For sales press 3.'],
    );
    assert.deepEqual(describeFlowChange(UAT, dev).sentences, [
      'Greeting text changed from “Welcome to Acme.” to “Welcome to Acme Corporation.”',
      'Main menu prompt text changed from “For billing press 1. For support press 2.” to “For billing press 1. For support press 2. For sales press 3.”',
    ]);
  });

  it('counts what it cannot name instead of hiding it', () => {
    const dev = edit(
      UAT,
      ['defaultLanguage: en-us', 'defaultLanguage: en-gb\n  description: Answers the main number'],
      ['                  name: Billing\n', '                  name: Billing Priority\n'],
    );
    const summary = describeFlowChange(UAT, dev);
    assert.deepEqual(summary.sentences, [
      'Main menu: option 1 now transfers to queue Billing Priority instead of Billing',
      '2 other changes in the configuration.',
    ]);
    assert.equal(summary.otherChanges, 2);
  });

  it('says only that it changed when nothing can be named', () => {
    const dev = edit(UAT, ['defaultLanguage: en-us', 'defaultLanguage: en-gb']);
    assert.deepEqual(describeFlowChange(UAT, dev).sentences, [
      '1 change in the configuration; see the text diff.',
    ]);
  });

  it('reads a parameter given as a name', () => {
    const dev = edit(UAT, [
      '                  name: Billing\n',
      '                  name:\n                    $param: billingQueue\n',
    ]);
    assert.deepEqual(describeFlowChange(UAT, dev).sentences, [
      'Main menu: option 1 now transfers to queue parameter billingQueue instead of Billing',
    ]);
  });

  it('says nothing for equal texts or a side that is absent', () => {
    assert.deepEqual(describeFlowChange(UAT, UAT).sentences, []);
    assert.deepEqual(describeFlowChange(null, UAT).sentences, []);
    assert.deepEqual(describeFlowChange(UAT, null).sentences, []);
  });

  it('says honestly when a side is not the dialect, and refuses duplicate keys', () => {
    const duplicated = edit(UAT, [
      '  defaultLanguage: en-us',
      '  defaultLanguage: en-us\n  defaultLanguage: en-gb',
    ]);
    const summary = describeFlowChange(UAT, duplicated);
    assert.equal(summary.readable, false);
    assert.match(summary.sentences[0] ?? '', /cannot be summarised because it is not valid flow YAML/);
    const proto = edit(UAT, ['  defaultLanguage: en-us', '  __proto__:\n    polluted: true']);
    assert.equal(describeFlowChange(UAT, proto).readable, false);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('names actions nested in an output by the action they sit in', () => {
    const nested = (flow: string, extra = '') => `inboundCall:
  name: Main Menu
  tasks:
    - task:
        name: Check opening hours
        actions:
          - evaluateScheduleGroup:
              name: Opening hours
              scheduleGroup:
                lit:
                  name: Customer Service Hours
              outputs:
                closed:
                  actions:
                    - transferToFlow:
                        name: Closed
                        flow:
                          lit:
                            name: ${flow}
                            type: INBOUNDCALL
${extra}`;
    assert.deepEqual(describeFlowChange(nested('Closed Message'), nested('Closed Message v2')).sentences, [
      'Opening hours: Closed now transfers to flow Closed Message v2 instead of Closed Message',
    ]);
    const hangUp = '                    - disconnect:\n                        name: Hang up\n';
    assert.deepEqual(
      describeFlowChange(nested('Closed Message'), nested('Closed Message', hangUp)).sentences,
      ['Opening hours: disconnect “Hang up” added'],
    );
  });

  it('says the whole flow differs when its type differs', () => {
    const other = edit(UAT, ['inboundCall:', 'inQueueCall:']);
    assert.match(describeFlowChange(UAT, other).sentences[0] ?? '', /flow type or top level differs/);
  });
});
