import { execFileSync } from 'node:child_process';

/** Runs the system git in `dir`: tests check that ordinary git reads what Ferry wrote. */
export function nativeGit(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
}
