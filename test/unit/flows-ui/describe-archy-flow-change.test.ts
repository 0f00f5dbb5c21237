import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFlowChange } from '../../../shared/flows/describe-flow-change';
import { describeReference, diffFlowReferences } from '../../../shared/flows/flow-references-diff';

/**
 * A flow as Archy exports it, with Archy's own reference shapes (not Ferry's `queue: {lit}`): a
 * menu choice's `targetQueue`, a transfer's `targetFlow: {name}`, the module, table and data
 * action named as keys. The summary in words must read these as it reads the dialect.
 */
const UAT = `inboundCall:
  name: Support Line
  division: Home
  defaultLanguage: en-us
  startUpRef: "/inboundCall/tasks/task[checkHours]"
  initialGreeting:
    tts: Thank you for calling Acme support.
  tasks:
    - task:
        name: Check Hours
        refId: checkHours
        actions:
          - callCommonModule:
              name: Identify caller
              commonModule:
                Identify Caller:
                  ver_latestPublished:
                    inputs:
                      Common.phone:
                        exp: Call.Ani
          - dataTableLookup:
              name: VIP lookup
              lookupValue:
                exp: Call.Ani
              dataTable:
                VIP Customers:
                  foundOutputs:
                    tier:
                      var: Flow.tier
                  failureOutputs:
                    errorType:
                      noValue: true
          - callData:
              name: Account balance
              timeout:
                lit:
                  minutes: 1
              category:
                Acme CRM:
                  dataAction:
                    Get Account Balance:
                      inputs:
                        customerId:
                          exp: Call.Ani
          - evaluateScheduleGroup:
              name: Evaluate Schedule Group
              inServiceSchedules:
                noValue: true
              evaluate:
                now: true
              scheduleGroup:
                lit:
                  name: Support Hours
              emergencyGroup:
                noValue: true
              outputs:
                closed:
                  actions:
                    - transferToFlow:
                        name: Closed
                        targetFlow:
                          name: Closed Message
          - jumpToMenu:
              name: Go to main menu
              targetMenuRef: "/inboundCall/menus/menu[mainMenu]"
  menus:
    - menu:
        name: Main Menu
        refId: mainMenu
        audio:
          tts: For billing press 1. For support press 2.
        choices:
          - menuTransferToAcd:
              name: Billing
              dtmf: digit_1
              failureTransferAudio:
                tts: Sorry, we cannot transfer you now.
              targetQueue:
                lit:
                  name: Billing
          - menuTransferToAcd:
              name: Support
              dtmf: digit_2
              targetQueue:
                lit:
                  name: Support
          - menuDisconnect:
              name: Disconnect
              dtmf: digit_9
`;

function edit(text: string, ...replacements: [string, string][]): string {
  let out = text;
  for (const [from, to] of replacements) {
    assert.ok(out.includes(from), `fixture holds ${from}`);
    out = out.replace(from, to);
  }
  return out;
}

describe('describeFlowChange on a flow as Archy exports it', () => {
  it('says a menu option was added with its targetQueue, and the reference only one side uses', () => {
    const option = `          - menuTransferToAcd:
              name: Sales
              dtmf: digit_3
              targetQueue:
                lit:
                  name: Sales
          - menuDisconnect:`;
    const dev = edit(UAT, ['          - menuDisconnect:', option]);
    assert.deepEqual(describeFlowChange(UAT, dev).sentences, [
      'Main Menu: option 3 “Sales” added, transferring to queue Sales',
    ]);
    assert.deepEqual(describeFlowChange(dev, UAT).sentences, [
      'Main Menu: option 3 “Sales” removed (it was transferring to queue Sales)',
    ]);
    assert.deepEqual(diffFlowReferences(UAT, dev).onlyAfter.map(describeReference), ['queue Sales']);
  });

  it('says a transfer target changed, for a queue and for a flow', () => {
    const dev = edit(
      UAT,
      ['                  name: Billing\n', '                  name: Billing Priority\n'],
      ['name: Closed Message', 'name: Closed Message v2'],
    );
    assert.deepEqual(describeFlowChange(UAT, dev).sentences, [
      'Evaluate Schedule Group: Closed now transfers to flow Closed Message v2 instead of Closed Message',
      'Main Menu: option 1 now transfers to queue Billing Priority instead of Billing',
    ]);
    const references = diffFlowReferences(UAT, dev);
    assert.deepEqual(references.onlyBefore.map(describeReference), ['flow Closed Message', 'queue Billing']);
    assert.deepEqual(references.onlyAfter.map(describeReference), [
      'flow Closed Message v2',
      'queue Billing Priority',
    ]);
  });

  it('says a data action was replaced, a data table and a common module changed, as one change each', () => {
    const dev = edit(
      UAT,
      ['Get Account Balance:', 'Get Account Balance v2:'],
      ['VIP Customers:', 'Priority Customers:'],
      ['Identify Caller:', 'Identify Caller v2:'],
    );
    const summary = describeFlowChange(UAT, dev);
    assert.deepEqual(summary.sentences, [
      'Check Hours: Identify caller now calls flow Identify Caller v2 instead of Identify Caller',
      'Check Hours: VIP lookup data table changed from VIP Customers to Priority Customers',
      'Check Hours: Account balance data action Get Account Balance replaced by Get Account Balance v2',
    ]);
    // The inputs under the renamed call are the same: nothing else is counted.
    assert.equal(summary.otherChanges, 0);
    assert.deepEqual(diffFlowReferences(UAT, dev).onlyAfter.map(describeReference), [
      'flow Identify Caller v2 (commonmodule)',
      'data table Priority Customers',
      'data action Get Account Balance v2',
    ]);
  });

  it('counts a changed input of a data action call, and a changed integration, without misnaming them', () => {
    const dev = edit(UAT, ['Acme CRM:', 'Acme CRM EU:'], ['customerId:\n', 'accountId:\n']);
    const summary = describeFlowChange(UAT, dev);
    // The integration, and the input renamed (one value gone, one new).
    assert.deepEqual(summary.sentences, ['3 changes in the configuration; see the text diff.']);
    assert.equal(summary.otherChanges, 3);
  });

  it('says the schedule group, the greeting and the menu prompt changed', () => {
    const dev = edit(
      UAT,
      ['name: Support Hours', 'name: Support Hours EMEA'],
      ['tts: Thank you for calling Acme support.', 'tts: Thanks for calling Acme.'],
      ['For support press 2.', 'For support press 2. To hang up press 9.'],
    );
    assert.deepEqual(describeFlowChange(UAT, dev).sentences, [
      'Greeting text changed from “Thank you for calling Acme support.” to “Thanks for calling Acme.”',
      'Check Hours: Evaluate Schedule Group schedule group changed from Support Hours to Support Hours EMEA',
      'Main Menu prompt text changed from “For billing press 1. For support press 2.” to “For billing press 1. For support press 2. To hang up pres…”',
    ]);
  });

  it('counts what it cannot say, never calling it a transfer', () => {
    const dev = edit(
      UAT,
      ['              dtmf: digit_9\n', '              dtmf: digit_0\n'],
      ['                  minutes: 1', '                  minutes: 2'],
    );
    const summary = describeFlowChange(UAT, dev);
    // A choice that moves to another key is another choice: one removed, one added.
    assert.deepEqual(summary.sentences, [
      'Main Menu: option 0 “Disconnect” added',
      'Main Menu: option 9 “Disconnect” removed',
      '1 other change in the configuration.',
    ]);
    assert.doesNotMatch(summary.sentences.join(' '), /transfers|replaced/);
  });

  it('reads an expression where a name would be as no reference', () => {
    const dev = edit(UAT, [
      '                lit:\n                  name: Support\n',
      '                exp: FindQueue("Support")\n',
    ]);
    const summary = describeFlowChange(UAT, dev);
    assert.equal(summary.otherChanges, 1);
    assert.deepEqual(diffFlowReferences(UAT, dev).onlyBefore.map(describeReference), ['queue Support']);
    assert.deepEqual(diffFlowReferences(UAT, dev).onlyAfter, []);
  });
});
