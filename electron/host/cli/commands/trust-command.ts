import { resolve } from 'node:path';
import type { ProposeResult, TrustStatus } from '../../../services/identity/trust-store';
import { flagText, type CliIo, type CommandFlags, type CommandResult, type GlobalOptions } from '../cli-io';
import { UsageError } from '../usage-error';
import {
  dateOption,
  describeKey,
  listOption,
  parseRoles,
  readPublicKeyFile,
  resolveKeyId,
  workspaceIdentity,
  type IdentityCommandSpec,
} from './identity-commands';

export const trustUsage = [
  'ferry trust init',
  'ferry trust add <public-key-file> --name <owner> --roles <admin,author,approver,promoter> [--environments <env,…>] [--groups <group,…>] [--not-before <date>] [--not-after <date>]',
  'ferry trust revoke <key id> --reason <why> | trust threshold <n>',
  'ferry trust sign <version> | trust withdraw <version> | trust status | trust list | trust pin <fingerprint>',
].join('\n       ');

/** What a proposal did, and what it still needs, in words. */
export function describeProposal(result: ProposeResult): string {
  const changes = result.changes.map((change) => `  - ${change}`);
  return result.applied
    ? [`Trust root version ${result.version} is in effect: ${result.summary}`, ...changes].join('\n')
    : [
        `Proposed trust root version ${result.version}: ${result.summary}`,
        ...changes,
        `It needs ${result.needs ?? 'more signatures'} before it takes effect; each of them runs: ferry trust sign ${result.version}`,
      ].join('\n');
}

function describeStatus(status: TrustStatus): string {
  if (status.state === 'none') {
    return [
      'This workspace has no trust root yet: no key is trusted and every environment gets the secure default policy.',
      'Run `ferry trust init` to become its first admin (it signs the tiers and policies ferry.json declares now).',
    ].join('\n');
  }
  const lines = [
    `Trust root version ${status.version}, fingerprint ${status.fingerprint}`,
    `Pinned on this machine: version ${status.pinned?.version} (${status.pinned?.fingerprint}), ${status.pinned?.confirmed ? 'confirmed' : 'NOT confirmed: compare the fingerprint with an admin, then run `ferry trust pin <fingerprint>`'}`,
    `Admins (${status.adminThreshold} must sign each change): ${status.admins.map((admin) => `${admin.owner} (${admin.keyId.slice(0, 16)})`).join(', ')}`,
    `Keys: ${status.keys.length}; signed policies: ${
      Object.entries(status.environments)
        .map(([name, environment]) => `${name} (${environment.tier})`)
        .join(', ') || 'none'
    }`,
  ];
  // Issue 20: who is in each approver group, for a policy that asks approvals from a group.
  const groups = new Map<string, string[]>();
  for (const key of status.keys) {
    if (key.revokedAt !== undefined) continue;
    for (const group of key.groups ?? []) groups.set(group, [...(groups.get(group) ?? []), key.owner]);
  }
  if (groups.size > 0) {
    lines.push(
      `Approver groups: ${[...groups]
        .sort(([left], [right]) => left.localeCompare(right))
        .map(([group, owners]) => `${group} (${owners.join(', ')})`)
        .join('; ')}`,
    );
  }
  if (status.pinnedNow) {
    lines.unshift(
      `First time this machine sees this workspace's trust root: pinned version ${status.pinned?.version}, fingerprint ${status.pinned?.fingerprint}. Check it with an admin out of band.`,
    );
  }
  for (const proposal of status.proposals) {
    lines.push(
      `Pending: version ${proposal.version} "${proposal.summary}", signed by ${proposal.signedBy.length}; needs ${proposal.needs}${proposal.applicable ? ` (ferry trust sign ${proposal.version})` : ''}`,
      ...proposal.changes.map((change) => `  - ${change}`),
    );
  }
  return lines.join('\n');
}

async function runTrust(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [action, argument, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`too many arguments\nusage: ${trustUsage}`);
  const noArgument = (name: string) => {
    if (argument) throw new UsageError(`trust ${name} takes no arguments\nusage: ${trustUsage}`);
  };
  switch (action) {
    case 'init': {
      noArgument('init');
      const { trust } = await workspaceIdentity(global, io);
      const result = await trust.init();
      const status = await trust.status();
      return {
        data: { ...result, fingerprint: status.fingerprint },
        human: `${describeProposal(result)}\nYou are its only admin. Its fingerprint, to give teammates for \`ferry trust pin\`: ${status.fingerprint}`,
      };
    }
    case 'add': {
      if (!argument) throw new UsageError(`trust add needs a public key file\nusage: ${trustUsage}`);
      const owner = flagText(flags, 'name');
      const roles = flagText(flags, 'roles');
      if (!owner || !roles) throw new UsageError(`trust add needs --name and --roles\nusage: ${trustUsage}`);
      const pem = await readPublicKeyFile(resolve(io.cwd, argument));
      const notBefore = dateOption(flags, 'not-before', false);
      const notAfter = dateOption(flags, 'not-after', true);
      const { trust } = await workspaceIdentity(global, io);
      const result = await trust.add(pem, {
        owner,
        roles: parseRoles(roles),
        environments: listOption(flagText(flags, 'environments')),
        groups: listOption(flagText(flags, 'groups')),
        ...(notBefore !== undefined ? { notBefore } : {}),
        ...(notAfter !== undefined ? { notAfter } : {}),
      });
      return { data: result, human: `${describeProposal(result)}\n${describeKey(result.key, new Date())}` };
    }
    case 'revoke': {
      const reason = flagText(flags, 'reason');
      if (!argument || !reason?.trim()) {
        throw new UsageError(`trust revoke needs a key id and --reason\nusage: ${trustUsage}`);
      }
      const { trust } = await workspaceIdentity(global, io);
      const keyId = resolveKeyId(argument, await trust.list());
      const result = await trust.revoke(keyId, reason);
      return { data: result, human: describeProposal(result) };
    }
    case 'threshold': {
      const threshold = Number(argument);
      if (!argument || !Number.isInteger(threshold) || threshold < 1) {
        throw new UsageError(
          `trust threshold needs a whole number of admins, at least 1\nusage: ${trustUsage}`,
        );
      }
      const { trust } = await workspaceIdentity(global, io);
      const result = await trust.setThreshold(threshold);
      return { data: result, human: describeProposal(result) };
    }
    case 'sign': {
      const version = Number(argument);
      if (!argument || !Number.isInteger(version) || version < 1) {
        throw new UsageError(`trust sign needs the version number of a proposal\nusage: ${trustUsage}`);
      }
      const { trust } = await workspaceIdentity(global, io);
      const result = await trust.sign(version);
      return { data: result, human: describeProposal(result) };
    }
    case 'withdraw': {
      const version = Number(argument);
      if (!argument || !Number.isInteger(version) || version < 1) {
        throw new UsageError(`trust withdraw needs the version number of a proposal\nusage: ${trustUsage}`);
      }
      const { trust } = await workspaceIdentity(global, io);
      const result = await trust.withdraw(version);
      return { data: result, human: `Withdrew the proposal for trust root version ${version}` };
    }
    case 'status': {
      noArgument('status');
      const { trust } = await workspaceIdentity(global, io);
      const status = await trust.status();
      return { data: status, human: describeStatus(status) };
    }
    case 'list': {
      noArgument('list');
      const { trust } = await workspaceIdentity(global, io);
      const keys = await trust.list();
      const now = new Date();
      return {
        data: keys,
        human:
          keys.length > 0
            ? keys.map((key) => describeKey(key, now)).join('\n')
            : 'No trusted keys. Run `ferry trust init` (first admin) or ask an admin to `ferry trust add` your key.',
      };
    }
    case 'pin': {
      if (!argument)
        throw new UsageError(`trust pin needs the fingerprint an admin gave you\nusage: ${trustUsage}`);
      const { trust } = await workspaceIdentity(global, io);
      const status = await trust.pin(argument);
      return {
        data: status,
        human: `Pinned trust root version ${status.pinned?.version} (${status.pinned?.fingerprint}) on this machine; the chain to version ${status.version} verifies.`,
      };
    }
    default:
      throw new UsageError(`unknown trust action "${action ?? ''}"\nusage: ${trustUsage}`);
  }
}

export const trustCommands = {
  trust: {
    usage: trustUsage,
    summary: 'the signed trust root: keys, roles, admins and policy (propose, sign, pin, status)',
    options: {
      name: { type: 'string' },
      roles: { type: 'string' },
      environments: { type: 'string' },
      groups: { type: 'string' },
      'not-before': { type: 'string' },
      'not-after': { type: 'string' },
      reason: { type: 'string' },
    },
    run: runTrust,
  },
} as const satisfies Record<string, IdentityCommandSpec>;
