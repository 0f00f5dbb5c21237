import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateChangeset } from '../../../shared/changeset/validate/validate-changeset';
import {
  checkFlowText,
  configurationFindings,
  configurationForIdentity,
  draftProblemMessage,
  flowCompletions,
  syntaxProblemMessage,
} from '../../../renderer/src/features/changesets/forms/flow-form-model';

const FLOW = { name: 'Main Menu', type: 'INBOUNDCALL' };

const TEXT = `inboundCall:
  name: Main Menu
  menus:
    - menu:
        name: Main menu
        choices:
          - menuTransferToAcd:
              dtmf: digit_1
              queue:
                lit:
                  name: Billing
`;

describe('checkFlowText', () => {
  it('finds nothing wrong in a flow of the dialect', () => {
    assert.deepEqual(checkFlowText(TEXT, FLOW), []);
  });

  it('places a YAML error at its line', () => {
    const broken = TEXT.replace(
      '              dtmf: digit_1',
      '              dtmf: digit_1\n             bad indent: [',
    );
    const problems = checkFlowText(broken, FLOW);
    assert.ok(problems.length > 0);
    assert.equal(problems[0]?.kind, 'syntax');
    assert.equal(problems[0]?.line, 9);
    assert.match(syntaxProblemMessage(problems) ?? '', /^The configuration is not valid YAML at line 9: /);
  });

  it('refuses a duplicated key at its line', () => {
    const duplicated = TEXT.replace('  name: Main Menu\n', '  name: Main Menu\n  name: Other\n');
    const [problem] = checkFlowText(duplicated, FLOW);
    assert.equal(problem?.kind, 'syntax');
    assert.equal(problem?.line, 3);
  });

  it('refuses YAML the dialect does not accept (an anchor and its alias) at its line', () => {
    const aliased = TEXT.replace(
      '                  name: Billing\n',
      '                  name: &billing Billing\n',
    );
    const [problem] = checkFlowText(aliased, FLOW);
    assert.equal(problem?.kind, 'syntax');
    assert.equal(problem?.line, 11);
    assert.match(problem?.message ?? '', /anchors \(&billing\) are not accepted/);
  });

  it('says the top-level key must be the flow type, at its line', () => {
    const problems = checkFlowText(TEXT.replace('inboundCall:', 'inQueueCall:'), FLOW);
    assert.deepEqual(problems, [
      {
        line: 1,
        column: 1,
        message: 'The top-level key must be inboundCall, the type of this flow (INBOUNDCALL).',
        kind: 'dialect',
      },
    ]);
    assert.equal(syntaxProblemMessage(problems), null);
  });

  it('says the configuration name must be the flow name, at its line', () => {
    const [problem] = checkFlowText(TEXT.replace('  name: Main Menu', '  name: Main'), FLOW);
    assert.equal(problem?.line, 2);
    assert.match(problem?.message ?? '', /must be the flow's name, "Main Menu", not "Main"/);
  });
});

describe('configurationFindings', () => {
  it('keeps the findings about this operation configuration, at the line their message names', () => {
    const findings = [
      {
        severity: 'error',
        operation: 0,
        path: 'operations[0].value.configuration',
        message: 'Queue "Sales" is not in uat (line 11)',
      },
      { severity: 'error', operation: 0, path: 'operations[0].value.description', message: 'too long' },
      {
        severity: 'error',
        operation: 1,
        path: 'operations[1].value.configuration',
        message: 'other operation',
      },
      {
        severity: 'warning',
        operation: 0,
        path: 'operations[0].value.configuration',
        message: 'no line given',
      },
    ];
    assert.deepEqual(
      configurationFindings(findings, 0, 'configuration').map((problem) => [problem.line, problem.message]),
      [
        [11, 'Queue "Sales" is not in uat (line 11)'],
        [1, 'no line given'],
      ],
    );
  });
});

describe('configurationFindings of the real changeset check', () => {
  // Line 11 names the queue; the check reports the reference, not the line.
  const MISSING = TEXT.replace('name: Billing', 'name: Nowhere Queue');

  it("places an update's unresolved reference at the line naming it, the change that writes the text", () => {
    const changeset = {
      operations: [
        {
          op: 'update' as const,
          type: 'architect.flow',
          key: 'INBOUNDCALL/Main Menu',
          changes: [
            { path: 'description', after: 'Answers the main number' },
            { path: 'configuration', after: MISSING },
          ],
        },
      ],
    };
    const { findings } = validateChangeset(changeset, null);
    assert.ok(
      findings.some((finding) => finding.message.includes('"Nowhere Queue"')),
      findings.map((finding) => finding.message).join('\n'),
    );
    const problems = configurationFindings(findings, 0, {
      field: 'configuration',
      changeIndex: 1,
      text: MISSING,
    });
    assert.deepEqual(
      problems.map((problem) => [problem.line, problem.severity]),
      [[9, 'warning']],
      'at `queue:` of the choice, a warning without a target',
    );
    assert.match(problems[0]?.message ?? '', /refers to queue "Nowhere Queue"/);
  });

  it("places a create's unresolved reference at the configuration path the finding names", () => {
    const changeset = {
      operations: [
        {
          op: 'create' as const,
          type: 'architect.flow',
          key: 'INBOUNDCALL/Main Menu',
          body: { name: 'Main Menu', type: 'INBOUNDCALL', configuration: MISSING },
        },
      ],
    };
    const { findings } = validateChangeset(changeset, null);
    const problems = configurationFindings(findings, 0, { field: 'configuration', text: MISSING });
    assert.deepEqual(
      problems.map((problem) => problem.line),
      [9],
    );
  });

  it('falls back to the first line when the text no longer holds what the finding names', () => {
    const findings = [
      {
        severity: 'error',
        operation: 0,
        path: 'operations[0].changes[0].after',
        message: 'refers to queue "Gone", which is not in the target',
      },
    ];
    assert.deepEqual(
      configurationFindings(findings, 0, { field: 'configuration', changeIndex: 0, text: TEXT }).map(
        (problem) => [problem.line, problem.severity],
      ),
      [[1, 'error']],
    );
  });
});

describe('flowCompletions', () => {
  const catalog = (type: string): readonly string[] =>
    ({
      'routing.queue': ['Billing', 'Billing - Voice', 'Support'],
      'architect.flow': ['COMMONMODULE/Identify Caller', 'INBOUNDCALL/Closed Message'],
      'flows.datatable': ['Holidays'],
    })[type] ?? [];
  const at = (text: string, marker = '|') => {
    const lines = text.split('\n');
    const line = lines.findIndex((item) => item.includes(marker));
    const column = (lines[line] ?? '').indexOf(marker) + 1;
    return { text: text.replace(marker, ''), position: { line: line + 1, column } };
  };

  it("offers the target's queues after name: under a queue's lit, replacing the rest of the line", () => {
    const { text, position } = at(TEXT.replace('name: Billing', 'name: Bi|lling'));
    const offered = flowCompletions(text, position, FLOW, catalog);
    assert.deepEqual(
      offered.map((item) => [item.label, item.insertText, item.kind]),
      [
        ['Billing', 'Billing', 'name'],
        ['Billing - Voice', 'Billing - Voice', 'name'],
        ['Support', 'Support', 'name'],
      ],
    );
    assert.equal(offered[0]?.from, '                  name: '.length + 1);
    assert.equal(offered[0]?.detail, 'queue in the target');
  });

  it('offers flows by name with their type in words, and nothing after a plain name: key', () => {
    const called = `inboundCall:
  name: Main Menu
  tasks:
    - task:
        name: |
        actions:
          - callCommonModule:
              flow:
                lit:
                  name: `;
    // A task's own name is not a reference.
    const own = at(called);
    assert.deepEqual(flowCompletions(own.text, own.position, FLOW, catalog), []);
    const { text, position } = at(`${called.replace('|', '')}|`);
    assert.deepEqual(
      flowCompletions(text, position, FLOW, catalog).map((item) => [item.label, item.detail]),
      [
        ['Identify Caller', 'flow (common module) in the target'],
        ['Closed Message', 'flow (inbound call) in the target'],
      ],
    );
  });

  it('offers the reference keys as whole lit blocks where a key is typed, the flow type on line 1', () => {
    const { text, position } = at(
      TEXT.replace('              dtmf: digit_1', '              dtmf: digit_1\n              da|'),
    );
    const offered = flowCompletions(text, position, FLOW, catalog);
    const table = offered.find((item) => item.label === 'dataTable');
    assert.equal(table?.insertText, 'dataTable:\n  lit:\n    name: $0');
    assert.equal(table?.from, '              '.length + 1);
    assert.equal(
      offered.find((item) => item.label === 'flow')?.insertText,
      'flow:\n  lit:\n    name: $0\n    type: ',
    );
    const first = at('inb|');
    assert.deepEqual(
      flowCompletions(first.text, first.position, FLOW, catalog).map((item) => item.insertText),
      ['inboundCall:\n  name: $0'],
    );
  });

  it('quotes a name YAML would read as something else', () => {
    const numbers = () => ['2024 Holidays', 'yes', 'Sales: EMEA'];
    const { text, position } = at(TEXT.replace('name: Billing', 'name: |'));
    assert.deepEqual(
      flowCompletions(text, position, FLOW, numbers).map((item) => item.insertText),
      ['"2024 Holidays"', '"yes"', '"Sales: EMEA"'],
    );
  });
});

describe('text the draft cannot take, and a flow renamed in the form', () => {
  it('says why Save waits for text that names another flow type or flow, at its line', () => {
    const retyped = TEXT.replace('inboundCall:', 'inQueueCall:');
    assert.equal(
      draftProblemMessage(checkFlowText(retyped, FLOW)),
      'The configuration does not fit this flow at line 1: The top-level key must be inboundCall, the type of this flow (INBOUNDCALL).',
    );
    assert.match(
      draftProblemMessage(checkFlowText(TEXT.replace('name: Main Menu', 'name: Other'), FLOW)) ?? '',
      /^The configuration does not fit this flow at line 2: The configuration's name must be the flow's name, "Main Menu", not "Other"/,
    );
    assert.match(
      draftProblemMessage(checkFlowText('a: [', FLOW)) ?? '',
      /^The configuration is not valid YAML/,
    );
    assert.equal(draftProblemMessage(checkFlowText(TEXT, FLOW)), null);
  });

  it('keeps the configuration in step when the flow is renamed or retyped', () => {
    const renamed = configurationForIdentity(TEXT, FLOW, { name: 'Main Menu v2', type: 'INBOUNDCALL' });
    assert.ok(renamed !== undefined);
    assert.deepEqual(checkFlowText(renamed, { name: 'Main Menu v2', type: 'INBOUNDCALL' }), []);
    assert.match(renamed, /^inboundCall:\n/);
    assert.match(renamed, /\n {2}name: Main Menu v2\n/);
    // The menu's own name is not the flow's.
    assert.match(renamed, /name: Main menu\n/);
    const retyped = configurationForIdentity(TEXT, FLOW, { name: 'Main Menu', type: 'INQUEUECALL' });
    assert.match(retyped ?? '', /^inQueueCall:\n/);
  });

  it("leaves text alone that did not agree with the flow before: it is the person's to fix", () => {
    const other = TEXT.replace('name: Main Menu', 'name: Something else');
    assert.equal(configurationForIdentity(other, FLOW, { name: 'New', type: 'INBOUNDCALL' }), undefined);
    assert.equal(configurationForIdentity('a: [', FLOW, { name: 'New', type: 'INBOUNDCALL' }), undefined);
  });
});
