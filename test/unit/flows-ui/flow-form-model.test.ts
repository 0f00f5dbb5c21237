import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkFlowText,
  configurationFindings,
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
