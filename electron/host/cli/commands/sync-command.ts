import { resolve } from 'node:path';
import { createFerryServices, type FerryServices } from '../../core/ferry-services';
import { sourcePackageVersion } from '../../package-version';
import { defaultUserDataDir } from '../../user-data-dir';
import type {
  RemoteService,
  PullResult,
  PushResult,
  RemoteView,
  TransferControl,
} from '../../../services/sync/remote-service';
import { GIT_PASSWORD_VARIABLE, GIT_USERNAME_VARIABLE } from '../../../services/sync/git-credentials';
import { flagText, type CliIo, type CommandFlags, type CommandResult, type GlobalOptions } from '../cli-io';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';

/**
 * `ferry clone`, `ferry remote …`, `ferry pull`, `ferry push`, `ferry sync` (issue 16): a team
 * shares a workspace through any git remote without anyone running git. The command only parses,
 * wires the RemoteService and prints; credentials come from standard input or the pipeline's
 * variables and go to the vault, never to an argument, the workspace or the output.
 */

interface CommandSpec {
  usage: string;
  summary: string;
  help?: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  run(positionals: string[], flags: CommandFlags, global: GlobalOptions, io: CliIo): Promise<CommandResult>;
}

const remoteOption = { remote: { type: 'string' } } as const;

export const remoteHelp = `usage: ferry remote add <name> <url>
       ferry remote list [--json]
       ferry remote remove <name>
       ferry remote status [--remote <name>] [--offline]   (commits to push and to pull)
       ferry remote login <remote or host> [--username <name>]   (password or token on standard input)
       ferry remote logout <remote or host>

A remote is where the team's copy of the workspace lives: any git server (GitHub, GitLab, Azure
DevOps, Bitbucket, your own) reached over https://. Plain http:// is accepted only for this machine.
Give the address without a user name or password in it: those would be written into .git/config,
which is shared. Store them instead with \`ferry remote login\`, which seals them in this machine's
vault for that host alone (the command line needs FERRY_VAULT_PASSPHRASE). For most hosts the
password is an access token.

Pipelines give the credentials as ${GIT_PASSWORD_VARIABLE} (and ${GIT_USERNAME_VARIABLE}); no vault is needed then.

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
was: the message names the files; keep one side and pull again.

push sends your commits. When the remote has commits you do not have yet it is refused: pull first,
or run sync, which does both.

Without --remote: origin, or the only remote there is. Ctrl+C cancels a transfer; the workspace
stays as it was.
`;

async function remoteService(global: GlobalOptions, io: CliIo): Promise<RemoteService> {
  return (await openWorkspaceServices(global, io)).remotes;
}

/** The services without a workspace open: clone makes one, login may be for a host before any clone. */
function servicesWithoutWorkspace(io: CliIo): FerryServices {
  return createFerryServices({
    dataDir: defaultUserDataDir(io.env),
    version: sourcePackageVersion(),
    env: io.env,
  });
}

/** Progress on a terminal, and Ctrl+C as a cancel that leaves the workspace as it was. */
async function withTransfer<T>(
  io: CliIo,
  remote: string | undefined,
  run: (control: TransferControl) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  const { progress } = io;
  try {
    return await run({
      signal: controller.signal,
      remote,
      onProgress: progress
        ? (event) =>
            progress(
              `${event.operation}: ${event.phase} ${event.loaded}${event.total > 0 ? `/${event.total}` : ''}`,
            )
        : undefined,
    });
  } finally {
    process.off('SIGINT', cancel);
  }
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

function describePull(result: PullResult): string {
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
      return `Pulled ${from}: ${files} changed${how}.\n${result.files.map((file) => `  ${file}`).join('\n')}`;
    }
  }
}

function describePush(result: PushResult): string {
  return result.outcome === 'up-to-date'
    ? `${result.remote}/${result.branch} already has everything.`
    : `Pushed ${result.branch} to ${result.remote} (${result.head.slice(0, 7)}).`;
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
      const info = await withTransfer(io, undefined, (control) =>
        services.remotes.clone(url, target, control),
      );
      const pinned = await services.identity.trust.firstSight();
      const trust = pinned
        ? `\nPinned its trust root (version ${pinned.version}, fingerprint ${pinned.fingerprint}): compare the fingerprint with an admin, then run \`ferry trust pin <fingerprint>\` to confirm it.`
        : '';
      return { data: info, human: `Cloned "${info.name}" into ${info.path}.${trust}` };
    },
  },
  remote: {
    usage: 'ferry remote add|list|status|remove|login|logout',
    summary: "the workspace's git remotes and their credentials",
    help: remoteHelp,
    options: { username: { type: 'string' }, remote: { type: 'string' }, offline: { type: 'boolean' } },
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
          const service = await remoteService(global, io);
          const offline = flags.offline === true;
          const status = await withTransfer(io, flagText(flags, 'remote'), (control) =>
            service.status({ ...control, offline }),
          );
          const where = `${status.remote}/${status.branch}`;
          const human =
            status.ahead === 0 && status.behind === 0
              ? `Up to date with ${where}.`
              : [
                  status.ahead > 0 ? `${status.ahead} commit${status.ahead === 1 ? '' : 's'} to push` : '',
                  status.behind > 0 ? `${status.behind} commit${status.behind === 1 ? '' : 's'} to pull` : '',
                ]
                  .filter((part) => part !== '')
                  .join(', ') + ` (${where}${offline ? ', as of the last transfer' : ''}).`;
          return { data: status, human };
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
          throw new UsageError(`remote needs add, list, status, remove, login or logout\n\n${remoteHelp}`);
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
      const service = await remoteService(global, io);
      const result = await withTransfer(io, flagText(flags, 'remote'), (control) => service.pull(control));
      return { data: result, human: describePull(result) };
    },
  },
  push: {
    usage: 'ferry push [--remote <name>]',
    summary: 'send your commits to the remote (pull first when it moved)',
    help: syncHelp,
    options: remoteOption,
    run: async (positionals, flags, global, io) => {
      expectArgs(positionals, 0, 'push takes no arguments');
      const service = await remoteService(global, io);
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
      const service = await remoteService(global, io);
      const result = await withTransfer(io, flagText(flags, 'remote'), (control) => service.sync(control));
      return { data: result, human: `${describePull(result.pull)}\n${describePush(result.push)}` };
    },
  },
};
