import type { BlastRadius, RiskLevel } from '../changeset/blast-radius';
import { objectNameInWords } from '../flows/object-key-words';
import type { ChangesetOperation } from '../model/changeset';
import type { Tier } from '../model/environment';
import type { GateResult, Plan, PlanStep, StepAction } from '../model/plan';
import { isParameterMarker, isSecretMarker } from '../parameters/parameter-marker';
import { describeValueSource } from '../parameters/resolve-values';
import { valueSourceField } from '../parameters/step-values';
import type { CheckResult } from './checks/post-promotion-check';
import { describeWindow, durationText } from './cron';
import type { ApprovalStatus } from './gates';
import { followUpHoursOf, type EnvironmentPolicy } from './policy';
import { planRiskBlocks, requirementSourceText, requirementText } from './risk/risk-report';
import {
  renderHtml,
  renderMarkdown,
  type Block,
  type Inline,
  type ReportDocument,
  type Section,
  type Tone,
} from './report-document';

/**
 * The change-control document: written before approval so reviewers read what will happen, and
 * completed after the run with what did. It is the record an auditor reads, so it names every
 * field it changes, every approval and why it counts or not, and how to undo the change.
 */

export interface ChangeControlApproval {
  owner: string;
  keyId: string;
  decision: 'approve' | 'reject';
  approvedAt: string;
  comment: string;
  status: ApprovalStatus;
}

export type StepRunStatus = 'succeeded' | 'failed' | 'skipped' | 'rolled-back' | 'not-run';

export interface ChangeControlStepResult {
  /** The plan step's index. */
  index: number;
  status: StepRunStatus;
  startedAt: string | null;
  finishedAt: string | null;
  /** An error or a note, in words. */
  message?: string;
}

export interface ChangeControlExecution {
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: 'succeeded' | 'failed' | 'rolled-back' | 'cancelled';
  steps: ChangeControlStepResult[];
  /** Null when verify did not run (the writes failed first). */
  verify: { passed: boolean; checked: number; problems: string[] } | null;
  /** Issue 20: each post-promotion check's result, in the policy's order; absent or empty: none ran. */
  checks?: readonly CheckResult[];
}

export interface ChangeControlInput {
  changeset: {
    id: string;
    title: string;
    description: string;
    ticket: string;
    author: string;
    createdAt: string;
    digest: string;
    operations: readonly ChangesetOperation[];
  };
  target: { environment: string; tier: Tier };
  blastRadius: BlastRadius;
  approvals: readonly ChangeControlApproval[];
  policy: EnvironmentPolicy;
  gates: readonly GateResult[];
  /** Failed gates a valid emergency override let through (decideGates). */
  overriddenGates?: readonly string[];
  override: { reason: string; by: string; at: string } | null;
  plan: Plan;
  execution: ChangeControlExecution | null;
  generatedAt: string;
}

export const CHANGE_CONTROL_SECTIONS = [
  'Summary',
  'Risk and blast radius',
  'Approvals',
  'Windows and override',
  'Changes',
  'Values for <environment>',
  'Pre-checks',
  'Rollback plan',
  'Execution',
] as const;

/** The section titles of one target's document, in order: the values section names the target. */
export function changeControlSections(environment: string): string[] {
  return CHANGE_CONTROL_SECTIONS.map((title) =>
    title === 'Values for <environment>' ? valuesTitle(environment) : title,
  );
}

function valuesTitle(environment: string): string {
  return `Values for ${environment}`;
}

/** Long values (a data table's rows) are cut here: the changeset itself, pinned by its digest, has them whole. */
const MAX_VALUE_CHARS = 300;

const tierNames: Readonly<Record<Tier, string>> = { dev: 'development', test: 'test', prod: 'production' };
const riskTones: Readonly<Record<RiskLevel, Tone>> = {
  low: 'good',
  medium: 'warn',
  high: 'bad',
  critical: 'bad',
};

/** `2025-03-03 07:00:00 UTC`: one zone for every timestamp in the record, stated. */
function timeText(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function objectName(type: string, key: string): string {
  // A scoped key is read in words: flow "Main Menu (inbound call)", never "INBOUNDCALL/Main Menu".
  return objectNameInWords(type, key);
}

function valueText(value: unknown): Inline {
  if (value === undefined) return '(absent)';
  // A value the target supplies: named here, its source listed under "Values for <environment>".
  if (isParameterMarker(value)) return `parameter ${value.$param} (the target's own value)`;
  if (isSecretMarker(value)) return `secret ${value.$secret} (value not shown)`;
  const json = JSON.stringify(value) ?? String(value);
  if (json.length <= MAX_VALUE_CHARS) return { code: json };
  return { code: `${json.slice(0, MAX_VALUE_CHARS)}… (${json.length} characters)` };
}

function plural(count: number, singular: string, many = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : many}`;
}

function executed(input: ChangeControlInput): boolean {
  return input.execution !== null;
}

function statusLine(input: ChangeControlInput): Inline[] {
  const target = `${input.target.environment} (${tierNames[input.target.tier]})`;
  if (input.execution === null) {
    return [
      `Promotion of `,
      { code: input.changeset.id },
      ` to ${target}: `,
      { badge: 'not yet executed', tone: 'neutral' },
    ];
  }
  const outcome = input.execution.outcome;
  return [
    `Promotion of `,
    { code: input.changeset.id },
    ` to ${target}: `,
    { badge: outcome, tone: outcome === 'succeeded' ? 'good' : 'bad' },
  ];
}

function summarySection(input: ChangeControlInput): Section {
  const { changeset } = input;
  const blocks: Block[] = [
    {
      kind: 'facts',
      rows: [
        ['Title', [changeset.title]],
        ['Changeset', [{ code: changeset.id }]],
        ['Ticket', [changeset.ticket || 'none']],
        ['Author', [changeset.author || 'unknown']],
        ['Created', [timeText(changeset.createdAt)]],
        ['Digest', [{ code: changeset.digest }]],
        ['Target', [`${input.target.environment} (${tierNames[input.target.tier]})`]],
        ['Operations', [plural(changeset.operations.length, 'operation')]],
        ['Status', statusLine(input).slice(-1)],
        ['Document generated', [timeText(input.generatedAt)]],
      ],
    },
  ];
  blocks.push(
    changeset.description.trim() === ''
      ? { kind: 'paragraph', text: ['No description was given.'] }
      : { kind: 'preformatted', text: changeset.description },
  );
  return { title: 'Summary', blocks };
}

function riskSection(input: ChangeControlInput): Section {
  const { risk, touched, dependentCount } = input.blastRadius;
  // Issue 20: the plan's risk (the rules against the live target) is the one the gates used;
  // the blast radius's own level is for plans made before it.
  const planRisk = input.plan.risk;
  const blocks: Block[] =
    planRisk !== undefined
      ? planRiskBlocks(input.plan, planRisk, touched.length)
      : [
          {
            kind: 'facts',
            rows: [
              ['Risk', [{ badge: risk.level, tone: riskTones[risk.level] }]],
              ['Objects touched', [String(touched.length)]],
              ['Dependent objects', [String(dependentCount)]],
            ],
          },
          { kind: 'heading', text: ['Why this risk'] },
          { kind: 'list', items: risk.reasons.map((reason) => [capitalised(reason)]) },
        ];
  if (touched.length > 0) {
    blocks.push({ kind: 'heading', text: ['What each operation reaches'] });
    blocks.push({ kind: 'list', items: touched.map((object) => [capitalised(object.sentence)]) });
  }
  return { title: 'Risk and blast radius', blocks };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const statusWords: Readonly<Record<ApprovalStatus, { text: string; tone: Tone }>> = {
  valid: { text: 'valid', tone: 'good' },
  stale: { text: 'stale: signed an earlier version', tone: 'warn' },
  untrusted: { text: 'untrusted key', tone: 'bad' },
  revoked: { text: 'revoked key', tone: 'bad' },
  expired: { text: 'expired key', tone: 'bad' },
  'bad-signature': { text: 'signature does not verify', tone: 'bad' },
  'not-approver': { text: 'key lacks the approver role', tone: 'bad' },
  rejected: { text: 'rejected', tone: 'bad' },
  'too-old': { text: 'older than the policy allows', tone: 'warn' },
  'other-environment': { text: 'does not cover this environment', tone: 'warn' },
};

function approvalsSection(input: ChangeControlInput): Section {
  const required = input.policy.approvalsRequired;
  const requirement = input.plan.requirement;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [
        requirement !== undefined
          ? `${input.target.environment} requires ${requirementText(requirement)} for this change (${requirementSourceText(input.plan)})` +
            `${input.policy.allowSelfApproval ? '; the author may approve' : requirement.approvals > 0 ? ', not counting the author' : ''}.`
          : required === 0
            ? `${input.target.environment} requires no approvals.`
            : `${input.target.environment} requires ${plural(required, 'approval')} from distinct people with trusted approver keys` +
              `${input.policy.allowSelfApproval ? '; the author may approve' : ', not counting the author'}.`,
      ],
    },
  ];
  if (input.approvals.length === 0) {
    blocks.push({ kind: 'paragraph', text: ['No approvals have been recorded.'] });
  } else {
    blocks.push({
      kind: 'table',
      head: ['Reviewer', 'Key', 'Decision', 'At', 'Status', 'Comment'],
      rows: input.approvals.map((approval) => [
        [approval.owner],
        [{ code: approval.keyId }],
        [approval.decision === 'approve' ? 'approve' : 'reject'],
        [timeText(approval.approvedAt)],
        [{ badge: statusWords[approval.status].text, tone: statusWords[approval.status].tone }],
        [approval.comment || '—'],
      ]),
    });
  }
  const gate = input.gates.find((candidate) => candidate.gate === 'approvals');
  if (gate !== undefined)
    blocks.push({ kind: 'paragraph', text: [{ strong: 'Verdict:' }, ` ${gate.reason}`] });
  return { title: 'Approvals', blocks };
}

function gateTone(gate: GateResult, overridden: readonly string[]): { badge: string; tone: Tone } {
  if (gate.passed) return { badge: 'passed', tone: 'good' };
  if (overridden.includes(gate.gate)) return { badge: 'overridden', tone: 'warn' };
  return { badge: 'failed', tone: 'bad' };
}

function windowsSection(input: ChangeControlInput): Section {
  const { policy } = input;
  const overridden = input.overriddenGates ?? [];
  const blocks: Block[] = [{ kind: 'heading', text: ['Deny windows'] }];
  blocks.push(
    policy.denyWindows.length === 0
      ? { kind: 'paragraph', text: [`${input.target.environment} has no deny windows.`] }
      : {
          kind: 'list',
          items: policy.denyWindows.map((window) => [
            { strong: window.name },
            `: ${describeWindow(window)} (cron `,
            { code: window.cron },
            `, ${durationText(window.durationMinutes)})`,
          ]),
        },
  );
  const emergency = policy.emergencyOverride;
  blocks.push({
    kind: 'paragraph',
    text: [
      !emergency.allowed
        ? 'Emergency overrides are not allowed.'
        : emergency.requiresApproval
          ? 'Emergency overrides are allowed with a reason and one valid approval from someone other than the author.'
          : 'Emergency overrides are allowed with a reason.',
    ],
  });
  if (emergency.allowed) {
    blocks.push({
      kind: 'paragraph',
      text: [
        `An override must be approved retrospectively within ${plural(followUpHoursOf(policy), 'hour')} by someone other than the overrider and the author; until then an overdue follow-up blocks the overrider's next override.`,
      ],
    });
  }
  blocks.push({ kind: 'heading', text: ['Gates'] });
  blocks.push(
    input.gates.length === 0
      ? { kind: 'paragraph', text: ['No gates were evaluated.'] }
      : {
          kind: 'table',
          head: ['Gate', 'Result', 'Reason'],
          rows: input.gates.map((gate) => [[gate.gate], [gateTone(gate, overridden)], [gate.reason]]),
        },
  );
  blocks.push({ kind: 'heading', text: ['Emergency override'] });
  if (input.override === null) {
    blocks.push({ kind: 'paragraph', text: ['No emergency override was used.'] });
  } else {
    blocks.push({
      kind: 'facts',
      rows: [
        ['Reason', [input.override.reason]],
        ['By', [input.override.by]],
        ['At', [timeText(input.override.at)]],
        ['Overrides', [overridden.length > 0 ? overridden.join(', ') : 'no failed gate']],
      ],
    });
  }
  return { title: 'Windows and override', blocks };
}

const opVerbs = { create: 'Create', update: 'Update', delete: 'Delete' } as const;

function changeRows(operation: ChangesetOperation): Inline[][][] {
  switch (operation.op) {
    case 'create':
      return Object.keys(operation.body)
        .sort()
        .map((field) => [[{ code: field }], ['(absent)'], [valueText(operation.body[field])]]);
    case 'delete':
      return Object.keys(operation.before)
        .sort()
        .map((field) => [[{ code: field }], [valueText(operation.before[field])], ['(absent)']]);
    case 'update':
      return operation.changes.map((change) => [
        [{ code: change.path }],
        [valueText(change.before)],
        [valueText(change.after)],
      ]);
  }
}

function changesSection(input: ChangeControlInput): Section {
  const operations = input.changeset.operations;
  if (operations.length === 0) {
    return { title: 'Changes', blocks: [{ kind: 'paragraph', text: ['The changeset has no operations.'] }] };
  }
  const blocks: Block[] = [];
  operations.forEach((operation, index) => {
    blocks.push({
      kind: 'heading',
      text: [`${index + 1}. ${opVerbs[operation.op]} ${objectName(operation.type, operation.key)}`],
    });
    const rows = changeRows(operation);
    blocks.push(
      rows.length === 0
        ? { kind: 'paragraph', text: ['No fields.'] }
        : { kind: 'table', head: ['Field', 'Before', 'After'], rows },
    );
  });
  return { title: 'Changes', blocks };
}

/**
 * Where each value that depends on the target came from: its parameters (secrets by name only,
 * their values were never in the plan) and the names it maps. In the plan's order, so the signed
 * record of a run reads the same however often it is rendered.
 */
function valuesSection(input: ChangeControlInput): Section {
  const { plan } = input;
  const title = valuesTitle(plan.environment);
  const values = plan.values ?? [];
  if (values.length === 0) {
    return {
      title,
      blocks: [
        {
          kind: 'paragraph',
          text: [
            `No value of this change depends on ${plan.environment}: it uses no parameters and no name mappings.`,
          ],
        },
      ],
    };
  }
  const steps = new Map(plan.steps.map((step) => [step.operation, step]));
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: [
        `These values are ${plan.environment}'s own, from its parameters and name mappings (environments/${plan.environment}/parameters.json), resolved when the plan was made.`,
      ],
    },
    {
      kind: 'table',
      head: ['Step', 'Object', 'Field', 'Value from'],
      rows: values.map((source) => {
        const step = steps.get(source.operation);
        return [
          [step ? String(step.index + 1) : `operation ${source.operation + 1}`],
          [step ? objectName(step.type, step.key) : 'not in the plan'],
          [{ code: valueSourceField(source.at) }],
          [describeValueSource(source)],
        ];
      }),
    },
  ];
  const secrets = plan.secrets ?? [];
  if (secrets.length > 0) {
    blocks.push({
      kind: 'paragraph',
      text: [
        `Secret parameters (${secrets.join(', ')}) are given to the requests Ferry sends to ${plan.environment} and nowhere else: this record, the plan and the journal hold their names only.`,
      ],
    });
  }
  return { title, blocks };
}

const actionOrder: readonly StepAction[] = ['create', 'update', 'delete', 'noop', 'conflict', 'blocked'];

function stepName(step: PlanStep): string {
  return `step ${step.index + 1}, ${objectName(step.type, step.key)}`;
}

function preChecksSection(input: ChangeControlInput): Section {
  const { plan } = input;
  const counts = new Map<StepAction, number>(actionOrder.map((action) => [action, 0]));
  for (const step of plan.steps) counts.set(step.action, (counts.get(step.action) ?? 0) + 1);
  const blocks: Block[] = [
    {
      kind: 'facts',
      rows: [
        ['Planned', [timeText(plan.createdAt)]],
        ['Against', [`${plan.environment} (${tierNames[plan.tier]})`]],
        ['Target fingerprint', [{ code: plan.fingerprint }]],
        ['Steps', [plural(plan.steps.length, 'step')]],
      ],
    },
    {
      kind: 'table',
      head: ['Action', 'Steps'],
      rows: actionOrder.map((action) => [[action], [String(counts.get(action) ?? 0)]]),
    },
  ];
  const problems = plan.steps.filter((step) => step.action === 'conflict' || step.action === 'blocked');
  if (problems.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: ['No conflicts and no blocked steps: the target is as the plan expects.'],
    });
  } else {
    blocks.push({ kind: 'heading', text: ['Conflicts and blocked steps'] });
    blocks.push({
      kind: 'list',
      items: problems.map((step) => [
        { badge: step.action, tone: 'bad' },
        ` ${capitalised(stepName(step))}: ${step.reason ?? 'no reason recorded'}`,
      ]),
    });
  }
  if (plan.changesetDigest !== input.changeset.digest) {
    blocks.push({
      kind: 'paragraph',
      text: [
        { badge: 'mismatch', tone: 'bad' },
        ' The plan was made for digest ',
        { code: plan.changesetDigest },
        ', not the changeset described here.',
      ],
    });
  }
  return { title: 'Pre-checks', blocks };
}

function rollbackText(step: PlanStep, operation: ChangesetOperation | undefined): string {
  const name = objectName(step.type, step.key);
  switch (step.action) {
    case 'create':
      return `Delete ${name}, which the promotion creates.`;
    case 'delete':
      return `Re-create ${name} as it was before the promotion deleted it.`;
    default: {
      const fields = operation?.op === 'update' ? operation.changes.map((change) => change.path) : [];
      return fields.length > 0
        ? `Restore ${fields.join(', ')} of ${name} to the values before the promotion.`
        : `Restore ${name} to its state before the promotion.`;
    }
  }
}

function rollbackSection(input: ChangeControlInput): Section {
  const writes = input.plan.steps.filter(
    (step) => step.action === 'create' || step.action === 'update' || step.action === 'delete',
  );
  if (writes.length === 0) {
    return {
      title: 'Rollback plan',
      blocks: [{ kind: 'paragraph', text: ['Nothing is written, so nothing needs undoing.'] }],
    };
  }
  const results = new Map(input.execution?.steps.map((result) => [result.index, result]) ?? []);
  const items = [...writes]
    .sort((left, right) => right.index - left.index)
    .map((step): Inline[] => {
      const text = rollbackText(step, input.changeset.operations[step.operation]);
      if (!executed(input)) return [text];
      const status = results.get(step.index)?.status ?? 'not-run';
      if (status === 'rolled-back') return [text, ' ', { badge: 'already rolled back', tone: 'neutral' }];
      if (status === 'skipped' || status === 'not-run') {
        return [text, ' ', { badge: 'not needed: the step did not run', tone: 'neutral' }];
      }
      return [text];
    });
  return {
    title: 'Rollback plan',
    blocks: [
      {
        kind: 'paragraph',
        text: [
          'Each write is journalled with the object as it was, so the rollback (',
          { code: input.execution ? `ferry rollback ${input.execution.runId}` : 'ferry rollback <run-id>' },
          ') undoes the steps in reverse order:',
        ],
      },
      { kind: 'list', ordered: true, items },
    ],
  };
}

const stepTones: Readonly<Record<StepRunStatus, Tone>> = {
  succeeded: 'good',
  failed: 'bad',
  skipped: 'neutral',
  'rolled-back': 'warn',
  'not-run': 'neutral',
};

function executionSection(input: ChangeControlInput): Section {
  const run = input.execution;
  if (run === null) {
    return {
      title: 'Execution',
      blocks: [
        { kind: 'paragraph', text: ['Not executed yet. This section is completed when the promotion runs.'] },
      ],
    };
  }
  const steps = new Map(input.plan.steps.map((step) => [step.index, step]));
  const blocks: Block[] = [
    {
      kind: 'facts',
      rows: [
        ['Run', [{ code: run.runId }]],
        ['Started', [timeText(run.startedAt)]],
        ['Finished', [run.finishedAt === null ? 'not finished' : timeText(run.finishedAt)]],
        ['Outcome', [{ badge: run.outcome, tone: run.outcome === 'succeeded' ? 'good' : 'bad' }]],
      ],
    },
  ];
  blocks.push(
    run.steps.length === 0
      ? { kind: 'paragraph', text: ['No steps ran.'] }
      : {
          kind: 'table',
          head: ['Step', 'Action', 'Object', 'Status', 'Started', 'Finished', 'Note'],
          rows: run.steps.map((result) => {
            const step = steps.get(result.index);
            return [
              [String(result.index + 1)],
              [step?.action ?? '?'],
              [step ? objectName(step.type, step.key) : 'not in the plan'],
              [{ badge: result.status, tone: stepTones[result.status] }],
              [timeText(result.startedAt)],
              [timeText(result.finishedAt)],
              [result.message ?? ''],
            ];
          }),
        },
  );
  blocks.push({ kind: 'heading', text: ['Verify'] });
  if (run.verify === null) {
    blocks.push({ kind: 'paragraph', text: ['Verify did not run.'] });
  } else if (run.verify.passed) {
    blocks.push({
      kind: 'paragraph',
      text: [
        { badge: 'passed', tone: 'good' },
        ` ${plural(run.verify.checked, 'object')} read back from ${input.target.environment} and matched the plan.`,
      ],
    });
  } else {
    blocks.push({
      kind: 'paragraph',
      text: [
        { badge: 'failed', tone: 'bad' },
        ` ${plural(run.verify.checked, 'object')} read back; ${plural(run.verify.problems.length, 'problem')}:`,
      ],
    });
    blocks.push({ kind: 'list', items: run.verify.problems.map((problem) => [problem]) });
  }
  blocks.push(...checksBlocks(input, run));
  return { title: 'Execution', blocks };
}

/** Issue 20: each post-promotion check the run made, with its result, in the policy's order. */
function checksBlocks(input: ChangeControlInput, run: ChangeControlExecution): Block[] {
  const checks = run.checks ?? [];
  const configured = input.policy.postPromotionChecks?.length ?? 0;
  if (checks.length === 0 && configured === 0) return [];
  const blocks: Block[] = [{ kind: 'heading', text: ['Post-promotion checks'] }];
  if (checks.length === 0) {
    blocks.push({
      kind: 'paragraph',
      text: [
        `None ran: the policy lists ${plural(configured, 'check')}, which run only after a verify that passed.`,
      ],
    });
    return blocks;
  }
  const failed = checks.filter((check) => !check.passed).length;
  blocks.push({
    kind: 'paragraph',
    text: [
      failed === 0
        ? `${plural(checks.length, 'check')} ran against ${input.target.environment}; all passed.`
        : `${plural(checks.length, 'check')} ran against ${input.target.environment}; ${failed} failed.`,
    ],
  });
  blocks.push({
    kind: 'table',
    head: ['Check', 'Result', 'Message'],
    rows: checks.map((check) => [
      [check.title],
      [
        check.passed
          ? { badge: 'passed', tone: 'good' }
          : { badge: check.error === true ? 'failed (could not check)' : 'failed', tone: 'bad' },
      ],
      [check.message],
    ]),
  });
  return blocks;
}

export function buildChangeControl(input: ChangeControlInput): ReportDocument {
  return {
    title: `Change control: ${input.changeset.title}`,
    subtitle: statusLine(input),
    sections: [
      summarySection(input),
      riskSection(input),
      approvalsSection(input),
      windowsSection(input),
      changesSection(input),
      valuesSection(input),
      preChecksSection(input),
      rollbackSection(input),
      executionSection(input),
    ],
  };
}

export function renderChangeControlMarkdown(input: ChangeControlInput): string {
  return renderMarkdown(buildChangeControl(input));
}

export function renderChangeControlHtml(input: ChangeControlInput): string {
  return renderHtml(buildChangeControl(input));
}
