import { readFile } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import { FerryError } from '../../../../shared/api/api-error';
import {
  trustRoleSchema,
  type TrustRole,
  type TrustedKey,
  keyValidity,
} from '../../../../shared/model/trust';
import { createFerryServices, defaultAuthor } from '../../core/ferry-services';
import { inputFileStats } from '../../../services/fs/input-file';
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
export const approveUsage =
  'ferry approve <changeset> [--comment <text>] [--reject] [--environments <env,…>]   (default: every environment)';
export const approvalsUsage = 'ferry approvals <changeset> [--environment <env>]';
export const auditUsage = 'ferry audit verify';

/** Identity commands that need no workspace: the key belongs to the machine, not to a workspace. */
function machineIdentity(io: CliIo): IdentityServices {
  const dataDir = defaultUserDataDir(io.env);
  return createFerryServices({ dataDir, version: sourcePackageVersion(), env: io.env }).identity;
}

export async function workspaceIdentity(global: GlobalOptions, io: CliIo): Promise<IdentityServices> {
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
          'Give the public key (ferry key show > me.pub) to an admin of the workspace: ferry trust add me.pub --name <owner> --roles approver. In a workspace with no trust root yet, `ferry trust init` makes you its first admin.',
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
  const environments = listOption(flagText(flags, 'environments'));
  const result = await approvals.approve(changesetId, {
    decision,
    ...(comment !== undefined ? { comment } : {}),
    ...(environments.length > 0 ? { environments } : {}),
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
  approve: {
    usage: approveUsage,
    summary: 'sign an approval (or --reject) of a changeset as it is now',
    options: { comment: { type: 'string' }, reject: { type: 'boolean' }, environments: { type: 'string' } },
    run: runApprove,
  },
  approvals: {
    usage: approvalsUsage,
    summary: "list a changeset's approvals, each checked against the signed trust root",
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

export async function readPublicKeyFile(path: string): Promise<string> {
  try {
    if ((await inputFileStats(path, 'a public key file')).size > MAX_PUBLIC_KEY_FILE_BYTES) {
      throw new FerryError('request.invalid', `${path} is too large to be a public key file`);
    }
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw new FerryError('request.invalid', `Cannot read the public key file ${path}`);
  }
}

export function listOption(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function parseRoles(value: string): TrustRole[] {
  return listOption(value).map((role) => {
    const parsed = trustRoleSchema.safeParse(role);
    if (!parsed.success)
      throw new UsageError(`--roles takes admin, author, approver and/or promoter, not "${role}"`);
    return parsed.data;
  });
}

/**
 * A date alone means the whole day in UTC: `--not-after 2026-12-31` keeps the key valid through
 * that day. A full timestamp must say its zone, so it never depends on the machine's.
 */
export function dateOption(flags: CommandFlags, name: string, endOfDay: boolean): string | undefined {
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
export function resolveKeyId(given: string, keys: readonly TrustedKey[]): string {
  const prefix = given.toLowerCase();
  if (!/^[0-9a-f]{8,64}$/.test(prefix))
    throw new UsageError(`"${given}" is not a key id (8 to 64 hex digits)`);
  const matches = keys.filter((key) => key.keyId.startsWith(prefix));
  if (matches.length > 1) {
    throw new UsageError(`"${given}" matches ${matches.length} keys; give more of the key id`);
  }
  return matches[0]?.keyId ?? prefix;
}

export function describeKey(key: TrustedKey, now: Date): string {
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
  const groups = key.groups && key.groups.length > 0 ? `  groups ${key.groups.join(',')}` : '';
  return `${key.keyId.slice(0, 16)}  ${key.owner}  ${key.roles.join(',')}  ${scope}${groups}  ${state}`;
}

function describeApproval(item: ApprovalVerification): string {
  const who = item.owner ?? item.claimedOwner ?? 'unknown';
  const when = item.approvedAt ? ` ${item.approvedAt}` : '';
  return `${item.status.padEnd(13)} ${who} (${item.keyId.slice(0, 16)})${when}: ${item.reason}`;
}
