import { createFerryServices, type FerryServices } from '../../services/app/ferry-services';
import { sourcePackageVersion } from '../package-version';
import { defaultUserDataDir } from '../user-data-dir';
import type { CliIo, GlobalOptions } from './cli-io';

/** The services with the `--workspace` folder open, as every workspace command needs. */
export async function openWorkspaceServices(global: GlobalOptions, io: CliIo): Promise<FerryServices> {
  const services = createFerryServices({
    dataDir: defaultUserDataDir(io.env),
    version: sourcePackageVersion(),
    env: io.env,
  });
  await services.workspace.open(global.workspace);
  return services;
}
