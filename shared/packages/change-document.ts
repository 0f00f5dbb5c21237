import { operationLabel } from '../changeset/apply-changeset';
import { invertOperations } from '../changeset/invert-changeset';
import { describeValue } from '../diff/describe-change';
import type { JsonValue } from '../model/canonical/json-value';
import type { Changeset, ChangesetOperation } from '../model/changeset';
import type { DeclaredMapping, DeclaredParameter } from '../model/package-wire';
import { referenceTypeLabel } from '../model/object-types/unmanaged-reference-types';
import type { AudioUse } from './package-audio';
import type { OperationJudgement } from './target-state';

/**
 * The change-control document a package carries (Markdown, one of the signed artifacts). It is
 * made offline from what the workspace holds: the changeset, its approvals and each target's
 * latest stored snapshot. A plan needs the live target and is stale by the time a package is
 * imported elsewhere; the importing side plans afresh before anything is written.
 */
export interface PackageDocumentInput {
  changeset: Changeset;
  digest: string;
  packagedBy: { owner: string; keyId: string };
  source: { environment: string; commit: string | null } | null;
  targets: readonly {
    environment: string;
    snapshot: { commit: string; takenAt: string | null; judgements: readonly OperationJudgement[] } | null;
  }[];
  approvals: readonly {
    owner: string;
    keyId: string;
    decision: string;
    approvedAt: string;
    comment: string;
  }[];
  createdAt: string;
  expiresAt: string;
  /** The parameters each target supplies (names and types) and the names it may need to map. */
  parameters: readonly DeclaredParameter[];
  mappings: readonly DeclaredMapping[];
  /** The prompt audio the package carries (issue 17), one use of each file; none when absent. */
  audio?: readonly AudioUse[];
}

/** Text from people, made safe for one Markdown line or table cell. */
function inline(text: string): string {
  return text.replace(/\s*\r?\n\s*/g, ' ').replace(/([\\`*_[\]|<>#])/g, '\\$1');
}

function describe(value: unknown): string {
  return describeValue(value as JsonValue | undefined);
}

function operationLines(operations: readonly ChangesetOperation[]): string[] {
  const lines: string[] = [];
  operations.forEach((operation, index) => {
    lines.push(
      `${index + 1}. ${inline(operationLabel(index, operation).replace(/^operation \d+ \((.*)\)$/, '$1'))}`,
    );
    if (operation.op === 'update') {
      for (const change of operation.changes) {
        lines.push(
          `   - \`${inline(change.path)}\`: ${inline(describe(change.before))} → ${inline(describe(change.after))}`,
        );
      }
    }
  });
  return lines;
}

export function renderPackageDocument(input: PackageDocumentInput): string {
  const { changeset } = input;
  const lines: string[] = [];
  lines.push(`# Change control: ${inline(changeset.title)}`, '');
  lines.push('| | |', '|---|---|');
  const row = (label: string, value: string) => lines.push(`| ${label} | ${value} |`);
  row('Change', `\`${changeset.id}\``);
  row('Digest', `\`${input.digest}\``);
  if (changeset.ticket) row('Ticket', inline(changeset.ticket));
  row('Written by', inline(changeset.author || 'unknown'));
  row('Packaged by', `${inline(input.packagedBy.owner)} (key \`${input.packagedBy.keyId.slice(0, 16)}\`)`);
  row(
    'Built against',
    input.source
      ? `${input.source.environment}${input.source.commit ? ` at snapshot \`${input.source.commit.slice(0, 12)}\`` : ''}`
      : 'not recorded',
  );
  row('Targets', input.targets.map((target) => target.environment).join(', '));
  row('Packaged', input.createdAt);
  row('Expires', input.expiresAt);
  lines.push('');

  lines.push(
    '## Description',
    '',
    changeset.description.trim() ? inline(changeset.description) : '_None given._',
    '',
  );

  lines.push('## Changes', '');
  lines.push(
    ...(changeset.operations.length > 0 ? operationLines(changeset.operations) : ['_No operations._']),
  );
  if (changeset.requires && changeset.requires.length > 0) {
    lines.push('', 'Requires in the target (not carried):');
    for (const item of changeset.requires) lines.push(`- ${inline(item.type)} "${inline(item.key)}"`);
  }
  lines.push('');

  if (input.audio && input.audio.length > 0) {
    lines.push('## Audio carried', '');
    lines.push(
      'Prompt audio the changes write, carried in this package by sha256 (each file is a signed artifact `audio-<sha256>.wav`):',
      '',
    );
    for (const use of input.audio) {
      const { sha256, bytes, durationSeconds } = use.descriptor;
      lines.push(
        `- \`${sha256}\`: ${bytes} bytes${durationSeconds === null ? '' : `, ${durationSeconds} s`} — ${inline(use.where)}`,
      );
    }
    lines.push('');
  }

  lines.push('## Values each target supplies', '');
  if (input.parameters.length === 0 && input.mappings.length === 0) {
    lines.push('_None: no value of this change depends on the environment it lands in._');
  } else {
    if (input.parameters.length > 0) {
      lines.push(
        'Parameters, set in each target (`ferry param set`); the package carries no values, secret or not:',
        '',
      );
      for (const parameter of input.parameters)
        lines.push(
          `- \`${parameter.name}\` (${parameter.type === 'secret' ? 'secret, kept in each vault' : parameter.type})`,
        );
    }
    if (input.mappings.length > 0) {
      if (input.parameters.length > 0) lines.push('');
      lines.push(
        'Names mapped in some environment where the package was made (each target may call them otherwise):',
        '',
      );
      for (const mapping of input.mappings)
        lines.push(
          `- ${inline(referenceTypeLabel(mapping.type))}: ${mapping.names.map((name) => `"${inline(name)}"`).join(', ')}`,
        );
    }
  }
  lines.push('');

  lines.push('## Against the targets', '');
  for (const target of input.targets) {
    if (!target.snapshot) {
      lines.push(
        `### ${target.environment}`,
        '',
        '_No stored snapshot of this target where the package was made._',
        '',
      );
      continue;
    }
    const { judgements } = target.snapshot;
    const conflicts = judgements.filter((judgement) => judgement.action === 'conflict');
    lines.push(
      `### ${target.environment} (snapshot \`${target.snapshot.commit.slice(0, 12)}\`${target.snapshot.takenAt ? `, ${target.snapshot.takenAt}` : ''})`,
      '',
    );
    for (const judgement of judgements) {
      lines.push(
        `- ${judgement.action}: ${inline(judgement.label)}${judgement.reason ? ` — ${inline(judgement.reason)}` : ''}`,
      );
    }
    lines.push('', conflicts.length > 0 ? `**${conflicts.length} conflict(s).**` : 'No conflicts.', '');
  }

  lines.push('## Approvals', '');
  if (input.approvals.length === 0) lines.push('_None._');
  for (const approval of input.approvals) {
    lines.push(
      `- ${inline(approval.owner)} (key \`${approval.keyId.slice(0, 16)}\`): ${approval.decision} at ${approval.approvedAt}${approval.comment ? ` — “${inline(approval.comment)}”` : ''}`,
    );
  }
  lines.push('');

  lines.push('## Rollback plan', '');
  lines.push('Every operation carries its preconditions, so the change is undone exactly by:', '');
  lines.push(
    ...(changeset.operations.length > 0
      ? operationLines(invertOperations(changeset.operations))
      : ['_Nothing to undo._']),
  );
  lines.push('');
  lines.push(
    '---',
    '',
    `Made by Ferry at ${input.createdAt}; this document is a signed artifact of the change package.`,
    '',
  );
  return lines.join('\n');
}
