import type { CliIo, CommandFlags, CommandResult, GlobalOptions } from '../cli-io';
import { UsageError } from '../usage-error';
import { openWorkspaceServices } from '../workspace-services';

export const snapshotUsage = 'ferry snapshot <env> [--types <type,…>]';

export async function runSnapshot(
  positionals: string[],
  flags: CommandFlags,
  global: GlobalOptions,
  io: CliIo,
): Promise<CommandResult> {
  const [name, ...rest] = positionals;
  if (!name || rest.length > 0)
    throw new UsageError(`snapshot needs exactly one environment\nusage: ${snapshotUsage}`);
  const types =
    typeof flags.types === 'string'
      ? flags.types
          .split(',')
          .map((type) => type.trim())
          .filter(Boolean)
      : undefined;
  const services = await openWorkspaceServices(global, io);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  try {
    const result = await services.snapshots.run(name, {
      ...(types ? { types } : {}),
      signal: controller.signal,
      onProgress: io.progress
        ? (progress) => {
            if (progress.phase === 'listing' && progress.type && progress.exports) {
              // Flows: listed, then an export job each; the count that moves is the exports'.
              io.progress?.(
                `${name}: ${progress.type} ${progress.exports.done}/${progress.exports.total} exported, ${progress.requests} requests`,
              );
            } else if (progress.phase === 'listing' && progress.type) {
              io.progress?.(
                `${name}: ${progress.type} ${progress.objects} objects, ${progress.requests} requests`,
              );
            }
          }
        : undefined,
    });
    const skipped = result.skippedTypes.map((item) => `\n  skipped ${item.type}: ${item.reason}`).join('');
    // On stderr in both modes, so a pipeline reading --json from stdout still shows a person.
    for (const warning of result.warnings) io.stderr(`warning: ${warning.message}\n`);
    const warned =
      result.warnings.length > 0 ? `; ${result.warnings.length} kept with warnings (on stderr)` : '';
    return {
      data: result,
      human: `${result.message}${result.commit ? ` (commit ${result.commit.slice(0, 7)})` : ''}; ${result.requests} requests${warned}${skipped}`,
    };
  } finally {
    process.off('SIGINT', stop);
  }
}
