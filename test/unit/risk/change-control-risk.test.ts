import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Plan } from '../../../shared/model/plan';
import {
  renderChangeControlHtml,
  renderChangeControlMarkdown,
  type ChangeControlInput,
} from '../../../shared/promotion/change-control';
import { parseEnvironmentPolicy } from '../../../shared/promotion/policy';
import type { RiskAssessment } from '../../../shared/promotion/risk/risk-assessment';

const policy = parseEnvironmentPolicy(
  {
    approvalsRequired: 1,
    approvalsByRisk: { low: 0, high: { approvals: 2, fromGroup: 'cab' } },
    emergencyOverride: { followUpHours: 12 },
    postPromotionChecks: [{ kind: 'queue-member-groups', label: 'queues staffed' }],
  },
  'prod',
);

const risk: RiskAssessment = {
  level: 'high',
  score: 5,
  points: [
    { rule: 'tier', points: 1, reason: 'the target is a production environment' },
    {
      rule: 'referenced-deletes',
      points: 2,
      reason: 'it deletes skill "Billing", which 3 other objects still refer to',
    },
    {
      rule: 'critical-objects',
      points: 2,
      reason: 'it changes queue "<Sales>", which the policy flags as business-critical',
    },
  ],
  dependentCount: 3,
  basis: 'live',
};

const plan: Plan = {
  formatVersion: 1,
  changesetId: 'cs-1',
  changesetDigest: 'sha256:abc',
  environment: 'prod',
  tier: 'prod',
  createdAt: '2026-03-03T18:55:00.000Z',
  steps: [],
  gates: [],
  fingerprint: 'sha256:fff',
  summary: { create: 0, update: 1, delete: 1, noop: 0, conflict: 0, blocked: 0 },
  risk,
  requirement: { approvals: 2, fromGroup: 'cab', fromGroupCount: 1, source: 'risk' },
  standardChange: {
    applied: null,
    notApplied: [
      {
        id: 'add-queue-wrapup-code',
        name: 'Add a wrap-up code',
        reason: "the risk is high, above the template's limit of medium",
      },
    ],
  },
};

function input(overrides: Partial<ChangeControlInput> = {}): ChangeControlInput {
  return {
    changeset: {
      id: 'cs-1',
      title: 'Retire the Billing skill',
      description: '',
      ticket: '',
      author: 'Ada',
      createdAt: '2026-03-01T09:00:00.000Z',
      digest: 'sha256:abc',
      operations: [],
    },
    target: { environment: 'prod', tier: 'prod' },
    blastRadius: {
      touched: [],
      dependentCount: 0,
      risk: { level: 'low', reasons: ['old blast radius reason'] },
    },
    approvals: [],
    policy,
    gates: [],
    override: null,
    plan,
    execution: null,
    generatedAt: '2026-03-03T19:00:00.000Z',
    ...overrides,
  };
}

function section(markdown: string, title: string): string {
  const start = markdown.indexOf(`## ${title}`);
  assert.ok(start >= 0, title);
  const end = markdown.indexOf('\n## ', start + 1);
  return markdown.slice(start, end < 0 ? undefined : end);
}

describe('change-control document: risk, requirement and standard change (issue 20)', () => {
  it("shows the plan's risk with each point, its rule and reason, and the live basis", () => {
    const text = section(renderChangeControlMarkdown(input()), 'Risk and blast radius');
    assert.match(text, /- \*\*Risk:\*\* \*\*high\*\* \(5 points\)/);
    assert.match(text, /- \*\*Basis:\*\* Judged against prod as read live when the plan was made/);
    assert.match(text, /- \*\*Dependent objects:\*\* 3/);
    assert.match(text, /\| `tier` \| \+1 \| The target is a production environment \|/);
    assert.match(
      text,
      /\| `referenced-deletes` \| \+2 \| It deletes skill "Billing", which 3 other objects still refer to \|/,
    );
    assert.match(
      text,
      /2 approvals from distinct people, including 1 from group cab \(set by the signed policy for high risk\)\./,
    );
    assert.match(text, /No standard change applied\./);
    assert.match(
      text,
      /"Add a wrap-up code" \(`add-queue-wrapup-code`\) did not apply: the risk is high, above the template's limit of medium\./,
    );
    assert.doesNotMatch(text, /old blast radius reason/);
  });

  it('names the standard change that applied', () => {
    const standard: Plan = {
      ...plan,
      risk: { ...risk, level: 'low', score: 1, points: [risk.points[0] as RiskAssessment['points'][number]] },
      requirement: { approvals: 0, source: 'standard-change' },
      standardChange: {
        applied: { id: 'add-queue-wrapup-code', name: 'Add a wrap-up code', approvals: 0 },
        notApplied: [],
      },
    };
    const markdown = renderChangeControlMarkdown(input({ plan: standard }));
    const text = section(markdown, 'Risk and blast radius');
    assert.match(
      text,
      /\*\*applied\*\* "Add a wrap-up code" \(`add-queue-wrapup-code`\): every operation is one the template allows, so it needs no approvals\./,
    );
    assert.match(
      text,
      /No approvals \(set by the standard change "Add a wrap-up code" instead of the risk's\)\./,
    );
    assert.match(
      section(markdown, 'Approvals'),
      /prod requires no approvals for this change \(set by the standard change "Add a wrap-up code" instead of the risk's\)\./,
    );
  });

  it('falls back to the blast radius risk for a plan without one', () => {
    const old: Plan = { ...plan, risk: undefined, requirement: undefined, standardChange: undefined };
    const text = section(renderChangeControlMarkdown(input({ plan: old })), 'Risk and blast radius');
    assert.match(text, /- \*\*Risk:\*\* \*\*low\*\*/);
    assert.match(text, /- Old blast radius reason/);
    assert.doesNotMatch(text, /Standard change/);
  });

  it('states the follow-up window of an override', () => {
    const text = section(renderChangeControlMarkdown(input()), 'Windows and override');
    assert.match(
      text,
      /approved retrospectively within 12 hours by someone other than the overrider and the author/,
    );
  });

  it('lists each post-promotion check with its result in Execution, in Markdown and HTML', () => {
    const execution: ChangeControlInput['execution'] = {
      runId: 'run-1',
      startedAt: '2026-03-03T19:05:00.000Z',
      finishedAt: '2026-03-03T19:05:09.000Z',
      outcome: 'rolled-back',
      steps: [],
      verify: { passed: true, checked: 2, problems: [] },
      checks: [
        {
          index: 0,
          kind: 'queue-member-groups',
          title: 'queue "Billing" has at least 1 member group',
          passed: true,
          message: 'it has 2',
        },
        {
          index: 1,
          kind: 'data-table-row',
          title: 'table <Stores> has row "Lagos"',
          passed: false,
          message: 'no row "Lagos" | found none',
        },
      ],
    };
    const markdown = renderChangeControlMarkdown(input({ execution }));
    const text = section(markdown, 'Execution');
    assert.match(text, /### Post-promotion checks/);
    assert.match(text, /2 checks ran against prod; 1 failed\./);
    assert.match(text, /\| queue "Billing" has at least 1 member group \| \*\*passed\*\* \| it has 2 \|/);
    assert.match(
      text,
      /\| table \\<Stores\\> has row "Lagos" \| \*\*failed\*\* \| no row "Lagos" \\\| found none \|/,
    );
    const html = renderChangeControlHtml(input({ execution }));
    assert.ok(html.includes('table &lt;Stores&gt; has row &quot;Lagos&quot;'));
    assert.ok(html.includes('<span class="badge bad">failed</span>'));
    assert.ok(html.includes('it deletes skill') || html.includes('It deletes skill'));
    assert.doesNotMatch(html, /<Sales>|<Stores>/);

    const none = section(
      renderChangeControlMarkdown(input({ execution: { ...execution, checks: [] } })),
      'Execution',
    );
    assert.match(none, /None ran: the policy lists 1 check, which run only after a verify that passed\./);
  });
});
