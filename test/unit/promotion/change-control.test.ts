import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BlastRadius } from '../../../shared/changeset/blast-radius';
import type { Plan, PlanStep } from '../../../shared/model/plan';
import {
  changeControlSections,
  renderChangeControlHtml,
  renderChangeControlMarkdown,
  type ChangeControlApproval,
  type ChangeControlExecution,
  type ChangeControlInput,
} from '../../../shared/promotion/change-control';
import { decideGates } from '../../../shared/promotion/gates';
import { parseEnvironmentPolicy } from '../../../shared/promotion/policy';

const policy = parseEnvironmentPolicy(
  {
    approvalsRequired: 1,
    denyWindows: [
      { name: 'peak hours', cron: '0 8 * * 1-5', durationMinutes: 600, timeZone: 'Africa/Lagos' },
    ],
  },
  'prod',
);

const step = (fields: Partial<PlanStep> & Pick<PlanStep, 'index' | 'action' | 'type' | 'key'>): PlanStep => ({
  operation: fields.index,
  id: null,
  level: 0,
  calls: [],
  current: null,
  expected: null,
  ...fields,
});

const plan: Plan = {
  formatVersion: 1,
  changesetId: 'billing-overflow',
  changesetDigest: 'sha256:abc123',
  environment: 'prod',
  tier: 'prod',
  createdAt: '2025-03-03T18:55:00.000Z',
  steps: [
    step({ index: 0, action: 'create', type: 'routing.skill', key: 'Overflow' }),
    step({ index: 1, action: 'update', type: 'routing.queue', key: 'Billing', id: 'q-1' }),
    step({ index: 2, action: 'delete', type: 'routing.wrapupcode', key: 'Old code', id: 'w-9' }),
  ],
  gates: [],
  fingerprint: 'sha256:fff',
  summary: { create: 1, update: 1, delete: 1, noop: 0, conflict: 0, blocked: 0 },
};

const blastRadius: BlastRadius = {
  touched: [
    {
      operation: 0,
      op: 'create',
      type: 'routing.skill',
      key: 'Overflow',
      dependents: [],
      sentence: 'creating skill "Overflow" affects nothing yet',
    },
    {
      operation: 1,
      op: 'update',
      type: 'routing.queue',
      key: 'Billing',
      dependents: [],
      sentence: 'changing queue "Billing" affects nothing else',
    },
    {
      operation: 2,
      op: 'delete',
      type: 'routing.wrapupcode',
      key: 'Old code',
      dependents: [],
      sentence: 'deleting wrap-up code "Old code" affects nothing else',
    },
  ],
  dependentCount: 0,
  risk: { level: 'high', reasons: ['the target is a production environment'] },
};

const approvals = [
  { keyId: 'key-rita', owner: 'Rita', status: 'valid' as const },
  { keyId: 'key-sam', owner: 'Sam', status: 'stale' as const },
];
const decision = decideGates({
  policy,
  environment: 'prod',
  tier: 'prod',
  now: new Date('2025-03-03T19:00:00Z'),
  authorSigned: true,
  authorKeyIds: ['key-ada'],
  authorOwners: ['Ada'],
  changesetId: 'billing-overflow',
  promoterKeyId: null,
  promoterOwner: null,
  approvals,
});

const ritaApproval: ChangeControlApproval = {
  owner: 'Rita',
  keyId: 'key-rita',
  decision: 'approve',
  approvedAt: '2025-03-03T10:00:00.000Z',
  comment: 'Looks right',
  status: 'valid',
};

function baseInput(): ChangeControlInput {
  return {
    changeset: {
      id: 'billing-overflow',
      title: 'Route billing overflow to the new skill',
      description: 'Adds an Overflow skill.\n\n# not a heading\n```\nfenced\n```',
      ticket: 'CHG-1042',
      author: 'Ada',
      createdAt: '2025-03-01T09:30:00.000Z',
      digest: 'sha256:abc123',
      operations: [
        { op: 'create', type: 'routing.skill', key: 'Overflow', body: { name: 'Overflow' } },
        {
          op: 'update',
          type: 'routing.queue',
          key: 'Billing',
          changes: [
            { path: 'acwSettings.timeoutMs', before: 30000, after: 45000 },
            { path: 'description', after: 'Billing | overflow' },
            { path: 'notes', before: 'x'.repeat(500) },
          ],
        },
        { op: 'delete', type: 'routing.wrapupcode', key: 'Old code', before: { name: 'Old code' } },
      ],
    },
    target: { environment: 'prod', tier: 'prod' },
    blastRadius,
    approvals: [
      ritaApproval,
      {
        owner: 'Sam',
        keyId: 'key-sam',
        decision: 'approve',
        approvedAt: '2025-03-02T10:00:00.000Z',
        comment: '',
        status: 'stale',
      },
    ],
    policy,
    gates: decision.gates,
    overriddenGates: decision.overriddenGates,
    override: null,
    plan,
    execution: null,
    generatedAt: '2025-03-03T19:00:00.000Z',
  };
}

const execution: ChangeControlExecution = {
  runId: 'run-20250303-190500',
  startedAt: '2025-03-03T19:05:00.000Z',
  finishedAt: '2025-03-03T19:05:04.000Z',
  outcome: 'succeeded',
  steps: [
    {
      index: 0,
      status: 'succeeded',
      startedAt: '2025-03-03T19:05:00.500Z',
      finishedAt: '2025-03-03T19:05:01.000Z',
    },
    {
      index: 1,
      status: 'succeeded',
      startedAt: '2025-03-03T19:05:01.000Z',
      finishedAt: '2025-03-03T19:05:02.000Z',
    },
    { index: 2, status: 'skipped', startedAt: null, finishedAt: null, message: 'already gone' },
  ],
  verify: { passed: true, checked: 2, problems: [] },
};

function sectionsOf(markdown: string): string[] {
  return [...markdown.matchAll(/^## (.+)$/gm)].map((match) => match[1] as string);
}

describe('change-control document in Markdown', () => {
  it('has every section, in order', () => {
    const markdown = renderChangeControlMarkdown(baseInput());
    assert.deepEqual(sectionsOf(markdown), changeControlSections('prod'));
    assert.ok(sectionsOf(markdown).includes('Values for prod'));
    assert.match(markdown, /^# Change control: Route billing overflow to the new skill\n/);
  });

  it('summarises the changeset, target, approvals and gates', () => {
    const markdown = renderChangeControlMarkdown(baseInput());
    assert.match(markdown, /- \*\*Ticket:\*\* CHG-1042/);
    assert.match(markdown, /- \*\*Digest:\*\* `sha256:abc123`/);
    assert.match(markdown, /- \*\*Target:\*\* prod \(production\)/);
    assert.match(
      markdown,
      /\| Rita \| `key-rita` \| approve \| 2025-03-03 10:00:00 UTC \| \*\*valid\*\* \| Looks right \|/,
    );
    assert.match(markdown, /\*\*stale: signed an earlier version\*\*/);
    assert.match(
      markdown,
      /\| approvals \| \*\*passed\*\* \| 1 of 1 approval: Rita \(valid\); Sam's approval is stale/,
    );
    assert.match(markdown, /\*\*peak hours\*\*: Mon–Fri 08:00–18:00 Africa/);
    assert.match(markdown, /No emergency override was used\./);
    assert.match(markdown, /Not executed yet\./);
  });

  it('keeps the description verbatim in a fence longer than any it contains', () => {
    const markdown = renderChangeControlMarkdown(baseInput());
    assert.match(markdown, /````text\nAdds an Overflow skill\.\n\n# not a heading\n```\nfenced\n```\n````/);
  });

  it('lists each field change compactly, cutting long values', () => {
    const markdown = renderChangeControlMarkdown(baseInput());
    assert.match(markdown, /### 2\. Update queue "Billing"/);
    assert.match(markdown, /\| `acwSettings.timeoutMs` \| `30000` \| `45000` \|/);
    assert.match(markdown, /\| `description` \| \(absent\) \| `"Billing \\\| overflow"` \|/);
    assert.match(markdown, /x{200}… \(502 characters\)` \| \(absent\) \|/);
    assert.match(markdown, /### 1\. Create skill "Overflow"\n\n\| Field \| Before \| After \|/);
  });

  it('gives pre-check counts and the rollback in reverse order', () => {
    const input = baseInput();
    input.plan = {
      ...plan,
      steps: [
        ...plan.steps,
        step({
          index: 3,
          action: 'conflict',
          type: 'routing.queue',
          key: 'Sales',
          reason: 'Sales changed since the plan was made',
        }),
      ],
    };
    const markdown = renderChangeControlMarkdown(input);
    assert.match(markdown, /\| conflict \| 1 \|/);
    assert.match(markdown, /- \*\*conflict\*\* Step 4, queue "Sales": Sales changed since the plan was made/);
    const rollback = markdown.slice(markdown.indexOf('## Rollback plan'), markdown.indexOf('## Execution'));
    assert.match(
      rollback,
      /1\. Re-create wrap-up code "Old code" as it was before the promotion deleted it\.\n2\. Restore acwSettings\.timeoutMs, description, notes of queue "Billing" to the values before the promotion\.\n3\. Delete skill "Overflow", which the promotion creates\./,
    );
  });

  it('is completed with the run after execution', () => {
    const markdown = renderChangeControlMarkdown({ ...baseInput(), execution });
    assert.match(markdown, /Promotion of `billing-overflow` to prod \(production\): \*\*succeeded\*\*/);
    assert.match(markdown, /- \*\*Run:\*\* `run-20250303-190500`/);
    assert.match(
      markdown,
      /\| 1 \| create \| skill "Overflow" \| \*\*succeeded\*\* \| 2025-03-03 19:05:00 UTC \| 2025-03-03 19:05:01 UTC \|/,
    );
    assert.match(
      markdown,
      /\| 3 \| delete \| wrap-up code "Old code" \| \*\*skipped\*\* \| — \| — \| already gone \|/,
    );
    assert.match(markdown, /\*\*passed\*\* 2 objects read back from prod and matched the plan\./);
    assert.match(markdown, /`ferry rollback run-20250303-190500`/);
    assert.match(markdown, /Re-create wrap-up code "Old code" .* \*\*not needed: the step did not run\*\*/);
    assert.doesNotMatch(markdown, /Not executed yet/);
  });

  it('records a failed verify and an override', () => {
    const markdown = renderChangeControlMarkdown({
      ...baseInput(),
      override: { reason: 'INC-42 misrouting', by: 'Rita', at: '2025-03-03T11:00:00.000Z' },
      overriddenGates: ['deny-window'],
      execution: {
        ...execution,
        outcome: 'failed',
        verify: {
          passed: false,
          checked: 2,
          problems: ['queue "Billing": acwSettings.timeoutMs is 30000, expected 45000'],
        },
      },
    });
    assert.match(markdown, /- \*\*Reason:\*\* INC-42 misrouting\n- \*\*By:\*\* Rita/);
    assert.match(markdown, /- \*\*Overrides:\*\* deny-window/);
    assert.match(
      markdown,
      /\*\*failed\*\* 2 objects read back; 1 problem:\n\n- queue "Billing": acwSettings\.timeoutMs is 30000, expected 45000/,
    );
  });

  it('escapes Markdown and HTML a user typed', () => {
    const input = baseInput();
    input.changeset.title = '<script>alert(1)</script> *bold* [link](http://x)';
    input.approvals = [{ ...ritaApproval, comment: 'ok | <img src=x onerror=alert(1)>\nsecond line' }];
    const markdown = renderChangeControlMarkdown(input);
    assert.match(
      markdown,
      /^# Change control: \\<script\\>alert\(1\)\\<\/script\\> \\\*bold\\\* \\\[link\\\]\(http:\/\/x\)$/m,
    );
    assert.match(markdown, /ok \\\| \\<img src=x onerror=alert\(1\)\\> second line \|/);
    assert.doesNotMatch(markdown, /(^|[^\\])<(script|img)/m);
  });
});

describe('change-control document in HTML', () => {
  it('is one self-contained page with every section', () => {
    const html = renderChangeControlHtml(baseInput());
    assert.ok(html.startsWith('<!doctype html>'));
    for (const title of changeControlSections('prod')) assert.ok(html.includes(`<h2>${title}</h2>`), title);
    assert.match(html, /<style>[^<]*@media print/);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    assert.doesNotMatch(html, /<script|<link|\ssrc=|\shref=/i);
  });

  it('escapes a script in the title and markup in comments and values', () => {
    const input = baseInput();
    input.changeset.title = '<script>alert("x")</script>';
    input.approvals = [{ ...ritaApproval, comment: '<img src=x onerror=alert(1)>' }];
    input.override = { reason: '"><b>bold</b>', by: "O'Brien", at: '2025-03-03T11:00:00.000Z' };
    const html = renderChangeControlHtml({ ...input, execution });
    assert.doesNotMatch(html, /<script|<img|<b>/i);
    assert.ok(
      html.includes('<title>Change control: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>'),
    );
    assert.ok(html.includes('<h1>Change control: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h1>'));
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(html.includes('&quot;&gt;&lt;b&gt;bold&lt;/b&gt;'));
    assert.ok(html.includes('O&#39;Brien'));
  });

  it('differs before and after execution only where the run is recorded', () => {
    const before = renderChangeControlHtml(baseInput());
    const after = renderChangeControlHtml({ ...baseInput(), execution });
    assert.match(before, /<span class="badge neutral">not yet executed<\/span>/);
    assert.match(before, /Not executed yet\./);
    assert.match(after, /<span class="badge good">succeeded<\/span>/);
    assert.match(after, /<code>run-20250303-190500<\/code>/);
    assert.match(after, /<th scope="col">Step<\/th>/);
  });
});

describe('change-control document: values for the target (issue 15)', () => {
  /** A secret's value as the vault holds it: must never reach the document. */
  const SECRET_VALUE = 'crm-token-s3cr3t-value-0042';

  function withValues(): ChangeControlInput {
    const input = baseInput();
    input.changeset.operations = [
      {
        op: 'create',
        type: 'routing.skill',
        key: 'Overflow',
        body: { name: 'Overflow', note: { $param: 'billingCallingNumber' } },
      },
      ...input.changeset.operations.slice(1),
    ];
    input.plan = {
      ...plan,
      steps: plan.steps.map((item) =>
        item.index === 1 ? { ...item, expected: { name: 'Billing', token: { $secret: 'crmToken' } } } : item,
      ),
      values: [
        {
          kind: 'parameter',
          operation: 0,
          at: 'operations[0].body.note',
          parameter: 'billingCallingNumber',
          type: 'phone',
          environment: 'prod',
          value: '+442079460000',
        },
        {
          kind: 'mapping',
          operation: 1,
          at: 'operations[1].changes[0].after',
          type: 'authorization.division',
          from: 'Customer Service',
          to: 'Customer Care',
          environment: 'prod',
        },
        {
          kind: 'parameter',
          operation: 1,
          at: 'operations[1].changes[1].after',
          parameter: 'crmToken',
          type: 'secret',
          environment: 'prod',
        },
      ],
      secrets: ['crmToken'],
    };
    return input;
  }

  function valuesOf(markdown: string): string {
    return markdown.slice(markdown.indexOf('## Values for prod'), markdown.indexOf('## Pre-checks'));
  }

  it('lists each value source per step: parameter with its value, mapping, secret by name only', () => {
    const values = valuesOf(renderChangeControlMarkdown(withValues()));
    assert.match(values, /parameter billingCallingNumber = \+442079460000 for prod/);
    assert.match(values, /division "Customer Service" is "Customer Care" in prod \(mapping\)/);
    assert.match(values, /secret parameter crmToken of prod \(value not shown\)/);
    assert.match(values, /\| 1 \| skill "Overflow" \| `note` \|/);
    assert.match(values, /Secret parameters \(crmToken\)/);
  });

  it('never holds a secret value, and names a changeset parameter instead of its marker JSON', () => {
    const input = withValues();
    // A plan whose secret source wrongly carries a value (the schema alone would let it): the
    // document still names the secret only.
    input.plan.values = input.plan.values?.map((source) =>
      source.kind === 'parameter' && source.type === 'secret' ? { ...source, value: SECRET_VALUE } : source,
    );
    const markdown = renderChangeControlMarkdown(input);
    const html = renderChangeControlHtml(input);
    for (const text of [markdown, html]) {
      assert.ok(!text.includes(SECRET_VALUE), 'the secret value reached the document');
      assert.ok(!text.includes('$secret'), 'a secret marker is shown as JSON');
    }
    assert.match(markdown, /parameter billingCallingNumber \(the target's own value\)/);
    assert.doesNotMatch(markdown, /\{"\$param"/);
  });

  it('says so when nothing depends on the target, and renders the same bytes twice', () => {
    const plain = renderChangeControlMarkdown(baseInput());
    assert.match(valuesOf(plain), /No value of this change depends on prod/);
    assert.equal(renderChangeControlMarkdown(withValues()), renderChangeControlMarkdown(withValues()));
  });
});
