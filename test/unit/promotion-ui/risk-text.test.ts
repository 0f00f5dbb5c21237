import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RiskAssessment } from '../../../shared/promotion/risk/risk-assessment';
import {
  approvalsText,
  requirementText,
  riskBasisText,
  riskHeadline,
  riskPointLines,
  riskSettingText,
  standardChangeLines,
} from '../../../renderer/src/features/promotions/risk-text';

/* The words of a plan's risk, requirement and standard change (issue 20), as the plan view shows them. */

const MEDIUM: RiskAssessment = {
  level: 'medium',
  score: 3,
  points: [
    { rule: 'size', points: 0, reason: '2 operations write' },
    { rule: 'tier', points: 1, reason: 'prod is a production environment' },
    { rule: 'referenced-deletes', points: 2, reason: 'it deletes skill "Video", which 3 queues refer to' },
  ],
  dependentCount: 3,
  basis: 'live',
};

describe('risk words of a plan', () => {
  it('says approvals with their group', () => {
    assert.equal(approvalsText(0), 'no approval');
    assert.equal(approvalsText(1), '1 approval');
    assert.equal(approvalsText(2, 'cab', 1), '2 approvals, 1 from cab');
    assert.equal(riskSettingText({ approvals: 2, fromGroup: 'cab' }), '2 approvals, 1 from cab');
    assert.equal(riskSettingText({ approvals: 3 }), '3 approvals');
    assert.equal(riskSettingText(0), 'no approval');
  });

  it('gives the level and score, each point with its reason, the counting ones first', () => {
    assert.equal(riskHeadline(MEDIUM), 'Medium risk, 3 points');
    assert.deepEqual(
      riskPointLines(MEDIUM).map((line) => [line.label, line.points, line.reason]),
      [
        ['Environment tier', '+1', 'prod is a production environment'],
        ['Deletes what others use', '+2', 'it deletes skill "Video", which 3 queues refer to'],
        ['Size', 'no points', '2 operations write'],
      ],
    );
    assert.match(riskBasisText(MEDIUM, 'prod'), /^Judged against prod as read live for this plan; 3 objects/);
    assert.match(riskBasisText({ ...MEDIUM, basis: 'snapshot' }, 'prod'), /for information only/);
    assert.match(riskBasisText({ ...MEDIUM, dependentCount: 1 }, 'prod'), /; 1 object there depends on/);
    assert.match(riskBasisText({ ...MEDIUM, dependentCount: 0 }, 'prod'), /; nothing there depends on/);
  });

  it('says what the change needs and where that comes from', () => {
    const plan = {
      environment: 'prod',
      risk: MEDIUM,
      requirement: { approvals: 2, fromGroup: 'cab', fromGroupCount: 1, source: 'risk' as const },
    };
    assert.equal(
      requirementText({ ...plan, standardChange: undefined }),
      'prod needs 2 approvals, 1 from cab, as its policy sets for medium risk.',
    );
    assert.equal(
      requirementText({
        environment: 'prod',
        risk: MEDIUM,
        requirement: { approvals: 0, source: 'standard-change' },
        standardChange: {
          applied: { id: 'add-wrapup', name: 'Add a wrap-up code to a queue', approvals: 0 },
          notApplied: [],
        },
      }),
      'prod needs no approval: the standard change “Add a wrap-up code to a queue” applies.',
    );
    assert.equal(
      requirementText({
        environment: 'uat',
        risk: undefined,
        standardChange: undefined,
        requirement: { approvals: 1, source: 'policy' },
      }),
      'uat needs 1 approval, as its policy sets for every change.',
    );
    assert.equal(
      requirementText({
        environment: 'uat',
        risk: undefined,
        standardChange: undefined,
        requirement: undefined,
      }),
      '',
    );
  });

  it('names the standard change that applied and why the others did not', () => {
    assert.deepEqual(standardChangeLines(undefined), { applied: null, notApplied: [] });
    assert.deepEqual(
      standardChangeLines({
        applied: { id: 'add-wrapup', name: 'Add a wrap-up code', approvals: 0 },
        notApplied: [{ id: 'store-row', name: 'Store Directory row', reason: 'it creates a queue' }],
      }),
      {
        applied:
          'Standard change “Add a wrap-up code” (add-wrapup) applies: no approval instead of what the risk needs.',
        notApplied: [{ id: 'store-row', text: '“Store Directory row” does not apply: it creates a queue' }],
      },
    );
  });
});
