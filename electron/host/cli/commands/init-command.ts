import { resolve } from 'node:path';
import { createFerryServices } from '../../../services/app/ferry-services';
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
  });
  const info = await services.workspace.create(target, name);
  return {
    data: info,
    human: `Created Ferry workspace "${info.name}" in ${info.path} (commit ${info.head?.slice(0, 7) ?? '-'})`,
  };
}
