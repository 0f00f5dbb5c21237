import type { TransferControl } from '../../services/sync/remote-service';
import type { CliIo, CommandFlags, CommandResult, GlobalOptions } from './cli-io';

/**
 * What the sync and conflict command modules share (issue 16): the shape of a command they export
 * and how a transfer runs from a terminal. Kept in one place so `ferry pull` and `ferry resolve`
 * cancel and report progress the same way.
 */

export interface CommandSpec {
  usage: string;
  summary: string;
  help?: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  run(positionals: string[], flags: CommandFlags, global: GlobalOptions, io: CliIo): Promise<CommandResult>;
}

/** Progress on a terminal, and Ctrl+C as a cancel that leaves the workspace as it was. */
export async function withTransfer<T>(
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
