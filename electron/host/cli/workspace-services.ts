import { createFerryServices, type FerryServices } from '../core/ferry-services';
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
  const pinned = await services.identity.trust.firstSight();
  if (pinned) {
    io.stderr(
      `ferry: first time this machine opens this workspace: pinned its trust root (version ${pinned.version}, fingerprint ${pinned.fingerprint}). ` +
        'Compare the fingerprint with an admin, then run `ferry trust pin <fingerprint>` to confirm it.\n',
    );
  }
  // A run a crash interrupted left the target half-changed: every command says so until it is dealt with.
  for (const run of await services.engine.interruptedRuns().catch(() => [])) {
    io.stderr(
      `ferry: run ${run.id} (${run.changesetId} → ${run.environment}) was interrupted; ` +
        `\`ferry rollback ${run.id}\` restores the target, \`ferry resume ${run.id}\` finishes it\n`,
    );
  }
  return services;
}
