import { resolve } from 'node:path';
import {
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  describeFaultSpec,
  FaultSpecError,
  ORG_KEYS,
  parseFaultSpec,
  startSandbox,
  type FaultSpec,
} from '../../../sandbox';
import type { CliIo, CommandResult } from '../cli-io';
import { UsageError } from '../usage-error';

export const sandboxUsage = 'ferry sandbox [--port N] [--data <dir>] [--faults <spec>] [--rate-limit N]';

export interface SandboxFlags {
  port?: string;
  data?: string;
  faults?: string;
  'rate-limit'?: string;
}

/** Resolves when the process is asked to stop; tests pass their own promise instead. */
export function terminationSignal(): Promise<void> {
  return new Promise((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `ferry sandbox`: runs the three demo orgs on 127.0.0.1 until SIGINT/SIGTERM. The demo client
 * secrets are printed on purpose: they only unlock this local server.
 */
export async function runSandboxCommand(
  flags: SandboxFlags,
  io: CliIo,
  stopped?: Promise<void>,
): Promise<CommandResult> {
  const port = flags.port === undefined ? 0 : readInteger('--port', flags.port, 0, 65_535);
  const rateLimit =
    flags['rate-limit'] === undefined
      ? DEFAULT_RATE_LIMIT_PER_MINUTE
      : readInteger('--rate-limit', flags['rate-limit'], 1, 1_000_000);
  let faults: FaultSpec | undefined;
  if (flags.faults !== undefined) {
    try {
      faults = parseFaultSpec(flags.faults);
    } catch (error) {
      if (error instanceof FaultSpecError)
        throw new UsageError(`--faults: ${error.message}\nusage: ${sandboxUsage}`);
      throw error;
    }
  }
  const dataDir = flags.data === undefined ? undefined : resolve(io.cwd, flags.data);

  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      port,
      rateLimitPerMinute: rateLimit,
      ...(dataDir === undefined ? {} : { dataDir }),
      ...(faults === undefined ? {} : { faults }),
    });
  } catch (error) {
    // Some faults name org objects (checked-out@uat=<flow>), checked only once the orgs exist:
    // a name the org lacks is still bad input, with the org's names listed, not an internal error.
    if (error instanceof FaultSpecError)
      throw new UsageError(`--faults: ${error.message}\nusage: ${sandboxUsage}`);
    throw error;
  }
  const lines = [
    `Ferry sandbox listening on ${sandbox.url}`,
    `  state:      ${dataDir ?? 'in memory (lost on exit)'}`,
    `  faults:     ${faults ? describeFaultSpec(faults) : 'none'}`,
    `  rate limit: ${rateLimit} requests/min per token`,
    '',
    '  org   client id                             client secret',
    ...ORG_KEYS.map(
      (org) =>
        `  ${org.padEnd(5)} ${sandbox.orgs[org].clientId.padEnd(37)} ${sandbox.orgs[org].clientSecret}`,
    ),
    '',
    'Press Ctrl+C to stop.',
    '',
  ];
  io.stdout(lines.join('\n'));
  try {
    await (stopped ?? terminationSignal());
  } finally {
    await sandbox.close();
  }
  return {
    data: { url: sandbox.url, port: sandbox.port, dataDir: dataDir ?? null, stopped: true },
    human: 'Ferry sandbox stopped.',
  };
}

function readInteger(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${min} to ${max}, got "${raw}"\nusage: ${sandboxUsage}`,
    );
  }
  return value;
}
