import { resolve } from 'node:path';
import { createFerryServices, type FerryServices } from '../../core/ferry-services';
import { sourcePackageVersion } from '../../package-version';
import { defaultUserDataDir } from '../../user-data-dir';
import type { RemoteService, RemoteView } from '../../../services/sync/remote-service';
import type { SyncService } from '../../../services/sync/sync-service';
import { flaggedSentences } from '../../../services/sync/pull-summary';
import { SYNC_HISTORY_LIMIT } from '../../../services/sync/sync-history';
import { terminalSafe } from '../../../services/sync/terminal-text';
import type {
  PullResultWire,
  PushResultWire,
  SyncHistoryEntry,
  SyncStatusWire,
} from '../../../../shared/sync/sync-wire';
import { GIT_PASSWORD_VARIABLE, GIT_USERNAME_VARIABLE } from '../../../services/sync/git-credentials';
import { flagText, type CliIo, type GlobalOptions } from '../cli-io';
import { withTransfer, type CommandSpec } from '../transfer-command';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';

/**
 * `ferry clone`, `ferry remote …`, `ferry pull`, `ferry push`, `ferry sync` (issue 16): a team
 * shares a workspace through any git remote without anyone running git. The command only parses,
 * wires the RemoteService and prints; credentials come from standard input or the pipeline's
 * variables and go to the vault, never to an argument, the workspace or the output.
 */

const remoteOption = { remote: { type: 'string' } } as const;

export const remoteHelp = `usage: ferry remote add <name> <url>
       ferry remote list [--json]
       ferry remote remove <name>
       ferry remote status [--remote <name>] [--offline]   (commits to push and to pull, approvals not pushed yet)
       ferry remote history [--limit <n>] [--json]   (this machine's pulls and pushes, newest first)
       ferry remote login <remote or host> [--username <name>]   (password or token on standard input)
       ferry remote logout <remote or host>

A remote is where the team's copy of the workspace lives: any git server (GitHub, GitLab, Azure
DevOps, Bitbucket, your own) reached over https://. Plain http:// is accepted only for this machine.
Give the address without a user name or password in it: those would be written into .git/config,
which is shared. Store them instead with \`ferry remote login\`, which seals them in this machine's
vault for that host alone (the command line needs FERRY_VAULT_PASSPHRASE). For most hosts the
password is an access token.

Pipelines give the credentials as ${GIT_PASSWORD_VARIABLE} (and ${GIT_USERNAME_VARIABLE}); no vault is needed then.

status also lists the approvals you made that the remote does not have yet: a teammate waiting to
promote needs them, so push. history lists this machine's clones, pulls, pushes and syncs of the
workspace, failed ones too, newest first (the last ${SYNC_HISTORY_LIMIT}); it is kept inside .git, never shared.

Examples:
  ferry remote add origin https://git.example.com/team/ferry-workspace.git
  printf '%s' "$TOKEN" | ferry remote login origin --username rita
  ferry remote list
`;

export const syncHelp = `usage: ferry pull [--remote <name>]
       ferry push [--remote <name>]
       ferry sync [--remote <name>]      (pull, then push)

pull brings in what teammates pushed. When only they changed files, or you and they changed
different files, it takes their commits (a merge commit in the second case). When you both changed
the same file (the same changeset, say), nothing is pulled and the workspace stays exactly as it
was: the message names the files. See them side by side with \`ferry conflicts\` (or on the Sync
page in the app), then choose for each in one go with \`ferry resolve <path or changeset id>
mine|theirs|both …\`.

After a pull Ferry says what came in ("Rita approved Video support; uat snapshot updated; 1 run by
Ada (uat)"). Every approval, run, trust root and audit file that arrived is checked against the
trust root pinned on this machine; one that does not verify is listed under "Did not verify" and
is never acted on (an approval that does not verify never counts towards a promotion).

push sends your commits. When the remote has commits you do not have yet it is refused: pull first,
or run sync, which does both.

Without --remote: origin, or the only remote there is. Ctrl+C cancels a transfer; the workspace
stays as it was.
`;

async function remoteService(global: GlobalOptions, io: CliIo): Promise<RemoteService> {
  return (await openWorkspaceServices(global, io)).remotes;
}

async function syncService(global: GlobalOptions, io: CliIo): Promise<SyncService> {
  return (await openWorkspaceServices(global, io)).sync;
}

/** The services without a workspace open: clone makes one, login may be for a host before any clone. */
function servicesWithoutWorkspace(io: CliIo): FerryServices {
  return createFerryServices({
    dataDir: defaultUserDataDir(io.env),
    version: sourcePackageVersion(),
    env: io.env,
  });
}

function expectArgs(positionals: string[], count: number, message: string): string[] {
  if (positionals.length !== count) throw new UsageError(message);
  return positionals;
}

function describeRemote(remote: RemoteView): string {
  const credentials = {
    vault: 'credentials in the vault',
    environment: `credentials from ${GIT_PASSWORD_VARIABLE}`,
    none: 'no credentials stored',
  }[remote.credentials];
  return `${remote.name}  ${remote.url}  (${credentials})`;
}

function describePull(result: PullResultWire): string {
  const from = `${result.remote}/${result.branch}`;
  switch (result.outcome) {
    case 'up-to-date':
      return `Already up to date with ${from}.`;
    case 'ahead':
      return `Nothing to pull: ${from} has nothing new, and this workspace has commits to push (\`ferry push\`).`;
    case 'fast-forward':
    case 'merged': {
      const files = result.files.length === 1 ? '1 file' : `${result.files.length} files`;
      const how = result.outcome === 'merged' ? ', merged with your own changes' : '';
      const { sentences, flagged } = result.summary;
      const lines = [`Pulled ${from}: ${files} changed${how}.`];
      // What it meant first, in words; the flagged files apart, one per line; the files last.
      const aboutFlags = new Set(flaggedSentences(flagged));
      for (const sentence of sentences.filter((sentence) => !aboutFlags.has(sentence))) {
        lines.push(`  ${sentence}`);
      }
      if (flagged.length > 0) {
        lines.push(
          '',
          `Did not verify (${flagged.length}): ${flagged.length === 1 ? 'this file is' : 'these files are'} ignored, and never acted on:`,
          ...flagged.map((flag) => `  ! ${flag.path}: ${flag.reason}`),
          '',
        );
      }
      lines.push('Files:', ...result.files.map((file) => `  ${file}`));
      return lines.join('\n');
    }
  }
}

function describePush(result: PushResultWire): string {
  return result.outcome === 'up-to-date'
    ? `${result.remote}/${result.branch} already has everything.`
    : `Pushed ${result.branch} to ${result.remote} (${result.head.slice(0, 7)}).`;
}

function describeStatus(status: SyncStatusWire, offline: boolean): string {
  const where = `${status.remote}/${status.branch}`;
  const lines = [
    status.ahead === 0 && status.behind === 0
      ? `Up to date with ${where}.`
      : [
          status.ahead > 0 ? `${status.ahead} commit${status.ahead === 1 ? '' : 's'} to push` : '',
          status.behind > 0 ? `${status.behind} commit${status.behind === 1 ? '' : 's'} to pull` : '',
        ]
          .filter((part) => part !== '')
          .join(', ') + ` (${where}${offline ? ', as of the last transfer' : ''}).`,
  ];
  const waiting = status.unpushedApprovals;
  if (waiting.length > 0) {
    lines.push(
      `${waiting.length} approval${waiting.length === 1 ? '' : 's'} not pushed yet: your teammates are waiting: ferry push`,
      ...waiting.map(
        (approval) =>
          `  ${approval.approver} approved ${approval.title}${approval.environment === null ? '' : ` for ${approval.environment}`}`,
      ),
    );
  }
  return lines.join('\n');
}

function describeHistory(entries: readonly SyncHistoryEntry[]): string {
  if (entries.length === 0) return 'No pulls or pushes from this machine yet.';
  return entries
    .map(
      (entry) =>
        `${entry.at}  ${entry.operation.padEnd(7)} ${entry.remote}  ${entry.outcome === 'ok' ? '' : 'FAILED: '}${entry.summary}`,
    )
    .join('\n');
}

/** The password or token: the pipeline's variable, else all of standard input without its last newline. */
async function readPassword(io: CliIo): Promise<string> {
  const fromEnv = io.env[GIT_PASSWORD_VARIABLE];
  if (fromEnv) return fromEnv;
  const text = (await io.readStdin()).replace(/\r?\n$/, '');
  if (text === '') {
    throw new UsageError(
      `remote login reads the password or token from standard input (or ${GIT_PASSWORD_VARIABLE}), and it was empty`,
    );
  }
  return text;
}

export const syncCommands: Readonly<Record<string, CommandSpec>> = {
  clone: {
    usage: 'ferry clone <url> <dir>',
    summary: 'copy a team workspace from a git remote and open it',
    options: {},
    run: async (positionals, _flags, _global, io) => {
      const [url = '', dir = ''] = expectArgs(
        positionals,
        2,
        'clone needs <url> <dir>\nusage: ferry clone <url> <dir>',
      );
      const services = servicesWithoutWorkspace(io);
      const target = resolve(io.cwd, dir);
      const info = await withTransfer(io, undefined, (control) => services.sync.clone(url, target, control));
      const pinned = await services.identity.trust.firstSight();
      const trust = pinned
        ? `\nPinned its trust root (version ${pinned.version}, fingerprint ${pinned.fingerprint}): compare the fingerprint with an admin, then run \`ferry trust pin <fingerprint>\` to confirm it.`
        : '';
      return { data: info, human: terminalSafe(`Cloned "${info.name}" into ${info.path}.${trust}`) };
    },
  },
  remote: {
    usage: 'ferry remote add|list|status|history|remove|login|logout',
    summary: "the workspace's git remotes and their credentials",
    help: remoteHelp,
    options: {
      username: { type: 'string' },
      remote: { type: 'string' },
      offline: { type: 'boolean' },
      limit: { type: 'string' },
    },
    run: async (positionals, flags, global, io) => {
      const [action, ...args] = positionals;
      const username = flagText(flags, 'username');
      if (flagText(flags, 'remote') !== undefined && action !== 'status') {
        throw new UsageError('--remote is only for `ferry remote status`');
      }
      if (flags.offline === true && action !== 'status')
        throw new UsageError('--offline is only for `ferry remote status`');
      if (username !== undefined && action !== 'login')
        throw new UsageError('--username is only for `ferry remote login`');
      if (flagText(flags, 'limit') !== undefined && action !== 'history')
        throw new UsageError('--limit is only for `ferry remote history`');
      switch (action) {
        case 'add': {
          const [name = '', url = ''] = expectArgs(args, 2, 'remote add needs <name> <url>');
          const added = await (await remoteService(global, io)).add(name, url);
          return { data: added, human: `Added remote ${describeRemote(added)}.` };
        }
        case 'list': {
          if (args.length > 0) throw new UsageError('remote list takes no arguments');
          const remotes = await (await remoteService(global, io)).list();
          return {
            data: remotes,
            human:
              remotes.length === 0
                ? 'No remotes yet. Add one with `ferry remote add origin <url>`.'
                : remotes.map(describeRemote).join('\n'),
          };
        }
        case 'status': {
          if (args.length > 0)
            throw new UsageError('remote status takes no arguments (--remote <name> for another remote)');
          const service = await syncService(global, io);
          const offline = flags.offline === true;
          const status = await withTransfer(io, flagText(flags, 'remote'), (control) =>
            service.status({ ...control, offline }),
          );
          return { data: status, human: terminalSafe(describeStatus(status, offline)) };
        }
        case 'history': {
          if (args.length > 0) throw new UsageError('remote history takes no arguments');
          const limitText = flagText(flags, 'limit');
          const limit = limitText === undefined ? SYNC_HISTORY_LIMIT : Number(limitText);
          if (!Number.isInteger(limit) || limit < 1 || limit > SYNC_HISTORY_LIMIT) {
            throw new UsageError(`--limit is a whole number from 1 to ${SYNC_HISTORY_LIMIT}`);
          }
          const entries = await (await syncService(global, io)).history(limit);
          return { data: entries, human: terminalSafe(describeHistory(entries)) };
        }
        case 'remove': {
          const [name = ''] = expectArgs(args, 1, 'remote remove needs <name>');
          await (await remoteService(global, io)).remove(name);
          return { data: { removed: name }, human: `Removed remote ${name}.` };
        }
        case 'login':
        case 'logout': {
          const [target = ''] = expectArgs(args, 1, `remote ${action} needs <remote or host>`);
          // Outside a workspace the target is a host (before a clone): no workspace is needed.
          const services = servicesWithoutWorkspace(io);
          await services.workspace.open(global.workspace).catch(() => undefined);
          const { remotes } = services;
          if (action === 'logout') {
            const origin = await remotes.logout(target);
            return { data: { origin }, human: `Forgot the credentials for ${origin}.` };
          }
          const password = await readPassword(io);
          const origin = await remotes.login(target, {
            username: username ?? (io.env[GIT_USERNAME_VARIABLE] || 'git'),
            password,
          });
          return { data: { origin }, human: `Stored the credentials for ${origin} in this machine's vault.` };
        }
        default:
          throw new UsageError(
            `remote needs add, list, status, history, remove, login or logout\n\n${remoteHelp}`,
          );
      }
    },
  },
  pull: {
    usage: 'ferry pull [--remote <name>]',
    summary: "bring in teammates' commits (refuses, changing nothing, on a conflict)",
    help: syncHelp,
    options: remoteOption,
    run: async (positionals, flags, global, io) => {
      expectArgs(positionals, 0, 'pull takes no arguments');
      const service = await syncService(global, io);
      const result = await withTransfer(io, flagText(flags, 'remote'), (control) => service.pull(control));
      return { data: result, human: terminalSafe(describePull(result)) };
    },
  },
  push: {
    usage: 'ferry push [--remote <name>]',
    summary: 'send your commits to the remote (pull first when it moved)',
    help: syncHelp,
    options: remoteOption,
    run: async (positionals, flags, global, io) => {
      expectArgs(positionals, 0, 'push takes no arguments');
      const service = await syncService(global, io);
      const result = await withTransfer(io, flagText(flags, 'remote'), (control) => service.push(control));
      return { data: result, human: describePush(result) };
    },
  },
  sync: {
    usage: 'ferry sync [--remote <name>]',
    summary: 'pull, then push',
    help: syncHelp,
    options: remoteOption,
    run: async (positionals, flags, global, io) => {
      expectArgs(positionals, 0, 'sync takes no arguments');
      const service = await syncService(global, io);
      const result = await withTransfer(io, flagText(flags, 'remote'), (control) => service.sync(control));
      return {
        data: result,
        human: terminalSafe(`${describePull(result.pull)}\n${describePush(result.push)}`),
      };
    },
  },
};
