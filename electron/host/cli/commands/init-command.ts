import { resolve } from 'node:path';
import { createFerryServices } from '../../core/ferry-services';
import { sourcePackageVersion } from '../../package-version';
import { defaultUserDataDir } from '../../user-data-dir';
import type { CliIo, CommandFlags, CommandResult, GlobalOptions } from '../cli-io';
import { UsageError } from '../usage-error';

export const initUsage = 'ferry init [dir] [--name <name>]';

/** `ferry init [dir]`: a new workspace in `dir`, else in --workspace, else in the current folder. */
export async function runInit(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  if (positionals.length > 1) throw new UsageError(`init takes at most one folder\nusage: ${initUsage}`);
  const name = flags.name;
  if (name !== undefined && typeof name !== 'string') throw new UsageError('--name needs a value');
  const target = resolve(io.cwd, positionals[0] ?? global.workspace);
  const services = createFerryServices({
    dataDir: defaultUserDataDir(io.env),
    version: sourcePackageVersion(),
    env: io.env,
  });
  const info = await services.workspace.create(target, name);
  const created = `Created Ferry workspace "${info.name}" in ${info.path} (commit ${info.head?.slice(0, 7) ?? '-'})`;
  // With a signing key, the creator becomes the first admin of the signed trust root (version 1).
  const identity = await services.identity.keys.identity();
  if (!identity) {
    return {
      data: { ...info, trustRoot: null },
      human: `${created}\nNo signing key on this machine yet, so the workspace has no trust root: run \`ferry key init\`, then \`ferry trust init\` here to become its first admin.`,
    };
  }
  const root = await services.identity.trust.init();
  const status = await services.identity.trust.status();
  return {
    data: { ...info, trustRoot: { version: root.version, fingerprint: status.fingerprint } },
    human: `${created}\nTrust root version 1 signed by ${identity.owner} (the first admin); fingerprint, for teammates' \`ferry trust pin\`: ${status.fingerprint}`,
  };
}
