/** Where a command writes; tests capture it instead of spawning a process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Progress lines for long commands; set only when stderr is a terminal. */
  progress?: ((line: string) => void) | undefined;
  /** All of standard input, for secrets that must not be arguments. */
  readStdin(): Promise<string>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
  progress: process.stderr.isTTY ? (line) => process.stderr.write(`\r\u001b[2K${line}`) : undefined,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks).toString('utf8');
  },
};

export interface GlobalOptions {
  workspace: string;
  json: boolean;
}

/** A command's outcome: data for `--json`, and the line a person reads otherwise. */
export interface CommandResult {
  data: unknown;
  human: string;
  /** Non-zero when the command ran but its answer is a failure (e.g. `env test` could not connect). */
  exitCode?: 0 | 1 | 3;
}

/** Option values as node:util parseArgs returns them. */
export type CommandFlags = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A string option's value; absent (or given as a flag without a value) is undefined. */
export function flagText(flags: CommandFlags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}
