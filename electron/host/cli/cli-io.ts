/** Where a command writes; tests capture it instead of spawning a process. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env,
};

export interface GlobalOptions {
  workspace: string;
  json: boolean;
}

/** A command's outcome: data for `--json`, and the line a person reads otherwise. */
export interface CommandResult {
  data: unknown;
  human: string;
}

/** Option values as node:util parseArgs returns them. */
export type CommandFlags = Record<string, string | boolean | (string | boolean)[] | undefined>;
