import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseStrictJson } from '../../../../shared/signing/strict-json';
import type {
  StandardChangeRule,
  StandardChangeTemplate,
} from '../../../../shared/promotion/standard-changes/standard-change';
import { inputFileStats } from '../../../services/fs/input-file';
import type { CliIo, CommandFlags, CommandResult, GlobalOptions } from '../cli-io';
import { UsageError } from '../usage-error';
import { workspaceIdentity, type IdentityCommandSpec } from './identity-commands';
import { describeProposal } from './trust-command';

export const standardChangesUsage = 'ferry standard-changes list | standard-changes set <file.json>';

/** A list of templates is a few kilobytes; anything far bigger is a wrong path. */
const MAX_TEMPLATES_FILE_BYTES = 1024 * 1024;

function ruleText(rule: StandardChangeRule): string {
  const keys = rule.keys ? ` ${rule.keys.map((key) => JSON.stringify(key)).join(', ')}` : ' (any)';
  const fields = rule.fields ? `, fields ${rule.fields.join(', ')}` : '';
  const lists = rule.lists && rule.op === 'update' ? `, lists: ${rule.lists} only` : '';
  return `${rule.op} ${rule.type}${keys}${fields}${lists}`;
}

/** One template in words: what it allows, where, and what it needs instead of the risk's approvals. */
export function describeTemplate(template: StandardChangeTemplate): string {
  const where =
    template.environments && template.environments.length > 0
      ? template.environments.join(', ')
      : 'every environment';
  const approvals = template.approvals ?? 0;
  return [
    `${template.id}: ${template.name}`,
    ...(template.description ? [`  ${template.description}`] : []),
    `  for ${where}; ${approvals} approval${approvals === 1 ? '' : 's'}; risk up to ${template.maxRisk ?? 'medium'}; at most ${template.maxOperations ?? 20} operations`,
    ...template.allow.map((rule) => `  allows ${ruleText(rule)}`),
  ].join('\n');
}

/**
 * The file holds the list itself, or `{ "standardChanges": [...] }` (what `list --json` prints),
 * so a list can be read, edited and signed back.
 */
async function readTemplatesFile(path: string): Promise<unknown> {
  const info = await inputFileStats(path, 'a standard changes file');
  if (info.size > MAX_TEMPLATES_FILE_BYTES) {
    throw new UsageError(`${path} is ${info.size} bytes; a list of standard changes is far smaller`);
  }
  let raw: unknown;
  try {
    raw = parseStrictJson(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(
      `${path} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'standardChanges' in raw) {
    return (raw as { standardChanges: unknown }).standardChanges;
  }
  return raw;
}

async function runStandardChanges(
  positionals: string[],
  _flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [action, file, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`too many arguments\nusage: ${standardChangesUsage}`);
  switch (action) {
    case 'list': {
      if (file)
        throw new UsageError(`standard-changes list takes no arguments\nusage: ${standardChangesUsage}`);
      const { trust } = await workspaceIdentity(global, io);
      const root = await trust.root();
      const standardChanges = root?.standardChanges ?? [];
      return {
        data: { version: root?.version ?? null, standardChanges },
        human:
          standardChanges.length > 0
            ? [
                `Standard changes signed in trust root version ${root?.version ?? '?'} (the first that fits a changeset applies):`,
                ...standardChanges.map(describeTemplate),
              ].join('\n')
            : 'No standard changes are signed: every change needs the approvals its risk requires. An admin signs templates with: ferry standard-changes set <file.json>',
      };
    }
    case 'set': {
      if (!file)
        throw new UsageError(`standard-changes set needs a JSON file\nusage: ${standardChangesUsage}`);
      const path = resolve(io.cwd, file);
      const raw = await readTemplatesFile(path);
      const { trust } = await workspaceIdentity(global, io);
      // Invalid templates are refused naming the file and each field (standard-change.invalid).
      const result = await trust.setStandardChanges(raw, path);
      return {
        data: result,
        human: [
          describeProposal(result),
          ...(result.applied ? result.standardChanges.map(describeTemplate) : []),
        ].join('\n'),
      };
    }
    default:
      throw new UsageError(
        `unknown standard-changes action "${action ?? ''}"\nusage: ${standardChangesUsage}`,
      );
  }
}

export const standardChangesCommands = {
  'standard-changes': {
    usage: standardChangesUsage,
    summary: 'list or sign the standard change templates (pre-authorised changes) into the trust root',
    options: {},
    run: runStandardChanges,
  },
} as const satisfies Record<string, IdentityCommandSpec>;
