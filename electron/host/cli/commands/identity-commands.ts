import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { FerryError } from '../../../../shared/api/api-error';
import {
  trustRoleSchema,
  type TrustRole,
  type TrustedKey,
  keyValidity,
} from '../../../../shared/model/trust';
import { createFerryServices, defaultAuthor } from '../../../services/app/ferry-services';
import type { ApprovalVerification } from '../../../services/approvals/approval-verifier';
import type { IdentityServices } from '../../../services/identity/identity-services';
import { sourcePackageVersion } from '../../package-version';
import { defaultUserDataDir } from '../../user-data-dir';
import { flagText, type CliIo, type CommandFlags, type CommandResult, type GlobalOptions } from '../cli-io';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';

/** The same shape as ferry-cli.ts's command specs, so these drop into its COMMANDS map. */
export interface IdentityCommandSpec {
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(positionals: string[], flags: CommandFlags, global: GlobalOptions, io: CliIo): Promise<CommandResult>;
}

/** A public key PEM is a few hundred bytes; refusing big files keeps a wrong path from being slurped. */
const MAX_PUBLIC_KEY_FILE_BYTES = 16 * 1024;

export const keyUsage = 'ferry key init [--owner <name>] | key show';
export const trustUsage = [
  'ferry trust add <public-key-file> --name <owner> --roles <author,approver> [--environments <env,…>] [--not-before <date>] [--not-after <date>]',
  'ferry trust list | trust revoke <key id> --reason <why>',
].join('\n       ');
export const approveUsage = 'ferry approve <changeset> [--comment <text>] [--reject]';
export const approvalsUsage = 'ferry approvals <changeset> [--environment <env>]';
export const auditUsage = 'ferry audit verify';

/** Identity commands that need no workspace: the key belongs to the machine, not to a workspace. */
function machineIdentity(io: CliIo): IdentityServices {
  const dataDir = defaultUserDataDir(io.env);
  return createFerryServices({ dataDir, version: sourcePackageVersion(), env: io.env }).identity;
}

async function workspaceIdentity(global: GlobalOptions, io: CliIo): Promise<IdentityServices> {
  return (await openWorkspaceServices(global, io)).identity;
}

export async function runKey(
  positionals: string[],
  flags: CommandFlags,
  _global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [action, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`too many arguments\nusage: ${keyUsage}`);
  const { keys } = machineIdentity(io);
  switch (action) {
    case 'init': {
      const identity = await keys.init({ owner: flagText(flags, 'owner') ?? defaultAuthor().name });
      const { restored, ...shown } = identity;
      return {
        data: identity,
        human: [
          restored
            ? `Restored the signing key already sealed in the vault for ${identity.owner}`
            : `Created a signing key for ${identity.owner}; the private key is sealed in the vault`,
          `key id: ${shown.keyId}`,
          shown.publicKey.trimEnd(),
          'Give the public key to whoever keeps trust.json: ferry trust add <file> --name <owner> --roles approver',
        ].join('\n'),
      };
    }
    case 'show': {
      const identity = await keys.requireIdentity();
      return {
        data: identity,
        human: `${identity.publicKey.trimEnd()}\nkey id: ${identity.keyId}\nowner: ${identity.owner}`,
      };
    }
    default:
      throw new UsageError(`unknown key action "${action ?? ''}"\nusage: ${keyUsage}`);
  }
}

export async function runTrust(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [action, argument, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`too many arguments\nusage: ${trustUsage}`);
  switch (action) {
    case 'add': {
      if (!argument) throw new UsageError(`trust add needs a public key file\nusage: ${trustUsage}`);
      const owner = flagText(flags, 'name');
      const roles = flagText(flags, 'roles');
      if (!owner || !roles) throw new UsageError(`trust add needs --name and --roles\nusage: ${trustUsage}`);
      const pem = await readPublicKeyFile(resolve(io.cwd, argument));
      const notBefore = dateOption(flags, 'not-before', false);
      const notAfter = dateOption(flags, 'not-after', true);
      const { trust } = await workspaceIdentity(global, io);
      const key = await trust.add(pem, {
        owner,
        roles: parseRoles(roles),
        environments: listOption(flagText(flags, 'environments')),
        ...(notBefore !== undefined ? { notBefore } : {}),
        ...(notAfter !== undefined ? { notAfter } : {}),
      });
      return { data: key, human: `Trusted ${describeKey(key, new Date())}` };
    }
    case 'list': {
      if (argument) throw new UsageError(`trust list takes no arguments\nusage: ${trustUsage}`);
      const { trust } = await workspaceIdentity(global, io);
      const keys = await trust.list();
      const now = new Date();
      return {
        data: keys,
        human:
          keys.length > 0
            ? keys.map((key) => describeKey(key, now)).join('\n')
            : 'No trusted keys. Add one with `ferry trust add`.',
      };
    }
    case 'revoke': {
      const reason = flagText(flags, 'reason');
      if (!argument || !reason?.trim()) {
        throw new UsageError(`trust revoke needs a key id and --reason\nusage: ${trustUsage}`);
      }
      const { trust } = await workspaceIdentity(global, io);
      const keyId = resolveKeyId(argument, await trust.list());
      const key = await trust.revoke(keyId, reason);
      return { data: key, human: `Revoked ${describeKey(key, new Date())}` };
    }
    default:
      throw new UsageError(`unknown trust action "${action ?? ''}"\nusage: ${trustUsage}`);
  }
}

export async function runApprove(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [changesetId, ...rest] = positionals;
  if (!changesetId || rest.length > 0)
    throw new UsageError(`approve needs one changeset id\nusage: ${approveUsage}`);
  const { approvals } = await workspaceIdentity(global, io);
  const comment = flagText(flags, 'comment');
  const decision = flags.reject === true ? 'rejected' : 'approved';
  const result = await approvals.approve(changesetId, {
    decision,
    ...(comment !== undefined ? { comment } : {}),
  });
  const { verification } = result;
  const lines = [
    `${decision === 'approved' ? 'Approved' : 'Rejected'} ${changesetId} (${verification.currentDigest.slice(0, 19)}) as ${verification.claimedOwner ?? ''} (${verification.keyId.slice(0, 16)}): ${result.file}`,
  ];
  // The signature is stored either way; the warning says why it will not count yet.
  if (verification.status !== 'valid' && verification.status !== 'rejected') {
    lines.push(`note: this approval is ${verification.status}: ${verification.reason}`);
  }
  return { data: result, human: lines.join('\n') };
}

export async function runApprovals(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [changesetId, ...rest] = positionals;
  if (!changesetId || rest.length > 0) {
    throw new UsageError(`approvals needs one changeset id\nusage: ${approvalsUsage}`);
  }
  const { approvals } = await workspaceIdentity(global, io);
  const environment = flagText(flags, 'environment');
  const items = await approvals.list(
    changesetId,
    undefined,
    environment !== undefined ? { environment } : {},
  );
  return {
    data: items,
    human: items.length > 0 ? items.map(describeApproval).join('\n') : `No approvals for ${changesetId}.`,
  };
}

export async function runAudit(
  positionals: string[],
  _flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [action, ...rest] = positionals;
  if (action !== 'verify' || rest.length > 0) {
    throw new UsageError(`unknown audit action "${action ?? ''}"\nusage: ${auditUsage}`);
  }
  const { audit } = await workspaceIdentity(global, io);
  const result = await audit.verify();
  if (!result.ok) {
    // One line per problem, then what to do about them (each remedy once).
    return {
      data: result,
      human: [
        ...result.problems.map((problem) => `${problem.file}:${problem.line}: ${problem.problem}`),
        '',
        'To fix:',
        ...result.remedies.map((remedy) => `  - ${remedy}`),
      ].join('\n'),
      exitCode: 1,
    };
  }
  return {
    data: result,
    human: `audit ok: ${result.entries} entries in ${result.files} files, ${result.signaturesChecked} signatures checked`,
  };
}

export const identityCommands = {
  key: {
    usage: keyUsage,
    summary: "create or show this machine's signing key",
    options: { owner: { type: 'string' } },
    run: runKey,
  },
  trust: {
    usage: trustUsage,
    summary: 'add, list or revoke the keys trusted in this workspace',
    options: {
      name: { type: 'string' },
      roles: { type: 'string' },
      environments: { type: 'string' },
      'not-before': { type: 'string' },
      'not-after': { type: 'string' },
      reason: { type: 'string' },
    },
    run: runTrust,
  },
  approve: {
    usage: approveUsage,
    summary: 'sign an approval (or --reject) of a changeset as it is now',
    options: { comment: { type: 'string' }, reject: { type: 'boolean' } },
    run: runApprove,
  },
  approvals: {
    usage: approvalsUsage,
    summary: "list a changeset's approvals, each checked against trust.json",
    options: { environment: { type: 'string' } },
    run: runApprovals,
  },
  audit: {
    usage: auditUsage,
    summary: 'check the audit trail: hash chains, signatures, and the heads anchored in signed documents',
    options: {},
    run: runAudit,
  },
} as const satisfies Record<string, IdentityCommandSpec>;

async function readPublicKeyFile(path: string): Promise<string> {
  try {
    if ((await stat(path)).size > MAX_PUBLIC_KEY_FILE_BYTES) {
      throw new FerryError('request.invalid', `${path} is too large to be a public key file`);
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw new FerryError('request.invalid', `Cannot read the public key file ${path}`);
  }
}

function listOption(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function parseRoles(value: string): TrustRole[] {
  return listOption(value).map((role) => {
    const parsed = trustRoleSchema.safeParse(role);
    if (!parsed.success) throw new UsageError(`--roles takes author and/or approver, not "${role}"`);
    return parsed.data;
  });
}

/**
 * A date alone means the whole day in UTC: `--not-after 2026-12-31` keeps the key valid through
 * that day. A full timestamp must say its zone, so it never depends on the machine's.
 */
function dateOption(flags: CommandFlags, name: string, endOfDay: boolean): string | undefined {
  const value = flagText(flags, name);
  if (value === undefined) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const candidate = dateOnly ? `${value}T${endOfDay ? '23:59:59' : '00:00:00'}Z` : value;
  const zoned = dateOnly || /(Z|[+-]\d{2}:\d{2})$/i.test(value);
  const time = Date.parse(candidate);
  if (!zoned || Number.isNaN(time)) {
    throw new UsageError(`--${name} takes a date (2026-12-31) or a timestamp with a zone, not "${value}"`);
  }
  return new Date(time).toISOString();
}

/** A full key id, or a prefix of at least 8 digits that names exactly one trusted key. */
function resolveKeyId(given: string, keys: readonly TrustedKey[]): string {
  const prefix = given.toLowerCase();
  if (!/^[0-9a-f]{8,64}$/.test(prefix))
    throw new UsageError(`"${given}" is not a key id (8 to 64 hex digits)`);
  const matches = keys.filter((key) => key.keyId.startsWith(prefix));
  if (matches.length > 1) {
    throw new UsageError(`"${given}" matches ${matches.length} keys; give more of the key id`);
  }
  return matches[0]?.keyId ?? prefix;
}

function describeKey(key: TrustedKey, now: Date): string {
  const validity = keyValidity(key, now);
  const state =
    validity.state === 'valid'
      ? key.notAfter
        ? `valid until ${key.notAfter}`
        : 'valid'
      : validity.state === 'revoked'
        ? `REVOKED ${validity.at}: ${validity.reason}`
        : validity.state === 'expired'
          ? `EXPIRED ${validity.at}`
          : `not valid before ${validity.from}`;
  const scope = key.environments.length > 0 ? key.environments.join(',') : 'all environments';
  return `${key.keyId.slice(0, 16)}  ${key.owner}  ${key.roles.join(',')}  ${scope}  ${state}`;
}

function describeApproval(item: ApprovalVerification): string {
  const who = item.owner ?? item.claimedOwner ?? 'unknown';
  const when = item.approvedAt ? ` ${item.approvedAt}` : '';
  return `${item.status.padEnd(13)} ${who} (${item.keyId.slice(0, 16)})${when}: ${item.reason}`;
}
