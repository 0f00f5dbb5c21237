import { DEMO_CLIENTS } from '../../../sandbox/oauth';
import { flagText, type CliIo, type CommandFlags, type CommandResult, type GlobalOptions } from '../cli-io';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';
import { sandboxOrgSchema } from '../../../../shared/model/environment';

export const envUsage = [
  'ferry env add <name> --kind genesys-cloud --region <region> --client-id <id> --tier <dev|test|prod> [--client-secret-stdin]',
  'ferry env add <name> --kind sandbox --url <http://127.0.0.1:N> --org <dev|uat|prod> --tier <dev|test|prod>',
  'ferry env list | env test <name> | env remove <name>',
].join('\n       ');

export const envOptions = {
  kind: { type: 'string' },
  region: { type: 'string' },
  url: { type: 'string' },
  org: { type: 'string' },
  tier: { type: 'string' },
  label: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret-stdin': { type: 'boolean' },
  replace: { type: 'boolean' },
} as const;

/** Reads the secret from standard input: secrets never appear as arguments (shell history, ps). */
export type SecretReader = () => Promise<string>;

export async function runEnv(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
  readSecret: SecretReader,
): Promise<CommandResult> {
  const [action, name, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`too many arguments\nusage: ${envUsage}`);
  const services = await openWorkspaceServices(global, io);
  switch (action) {
    case 'list': {
      const views = await services.environments.list();
      const lines = views.map((view) => {
        const where =
          view.config.kind === 'sandbox'
            ? `sandbox ${view.config.org} ${view.config.url}`
            : `genesys-cloud ${view.config.region}`;
        const snapshot = view.lastSnapshot
          ? `snapshot ${view.lastSnapshot.takenAt} (${view.lastSnapshot.commit.slice(0, 7)})`
          : 'no snapshot';
        return `${view.config.name.padEnd(12)} ${view.config.tier.padEnd(5)} ${where.padEnd(40)} ${view.hasCredentials ? 'credentials' : 'NO CREDENTIALS'}  ${snapshot}`;
      });
      return {
        data: views,
        human: lines.length > 0 ? lines.join('\n') : 'No environments. Add one with `ferry env add`.',
      };
    }
    case 'add': {
      if (!name) throw new UsageError(`env add needs a name\nusage: ${envUsage}`);
      const environment = environmentFromFlags(name, flags);
      const secret = flags['client-secret-stdin'] === true ? await readSecret() : undefined;
      const view = await services.environments.save(environment, secret, { replace: flags.replace === true });
      return {
        data: view,
        human: `${flags.replace === true ? 'Changed' : 'Added'} environment ${name}${view.hasCredentials ? '' : ' (no client secret yet: use --client-secret-stdin or FERRY_CLIENT_SECRET_*)'}`,
      };
    }
    case 'test': {
      if (!name) throw new UsageError(`env test needs a name\nusage: ${envUsage}`);
      const report = await services.environments.test(name);
      if (!report.ok) {
        return {
          data: report,
          human: `${name}: FAILED (${report.region}): ${report.error?.message ?? ''}`,
          exitCode: 1,
        };
      }
      return {
        data: report,
        human: `${name}: ok, org "${report.orgName}" (${report.orgId}), ${report.region}, ${report.latencyMs} ms`,
      };
    }
    case 'remove': {
      if (!name) throw new UsageError(`env remove needs a name\nusage: ${envUsage}`);
      await services.environments.remove(name);
      return { data: { removed: name }, human: `Removed environment ${name}` };
    }
    default:
      throw new UsageError(`unknown env action "${action ?? ''}"\nusage: ${envUsage}`);
  }
}

function environmentFromFlags(name: string, flags: CommandFlags): Record<string, unknown> {
  const text = (key: string) => flagText(flags, key);
  const kind = text('kind');
  const common = { name, tier: text('tier'), ...(text('label') ? { label: text('label') } : {}) };
  if (kind === 'genesys-cloud') {
    return { ...common, kind, region: text('region'), clientId: text('client-id') };
  }
  if (kind === 'sandbox') {
    const org = sandboxOrgSchema.safeParse(text('org'));
    // The sandbox's demo clients are public; default to the one for the chosen org.
    const clientId = text('client-id') ?? (org.success ? DEMO_CLIENTS[org.data].clientId : undefined);
    return { ...common, kind, url: text('url') ?? 'embedded', org: text('org'), clientId };
  }
  throw new UsageError(`--kind must be genesys-cloud or sandbox\nusage: ${envUsage}`);
}
