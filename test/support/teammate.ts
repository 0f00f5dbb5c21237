import { nativeGit } from './native-git';

/**
 * What a teammate with push access does: edit files in `dir`, then stage everything and commit it
 * with plain git, as `name`. Returns the commit's 12-character short id (what Ferry's refusals name).
 */
export function commitAsTeammate(dir: string, message: string, name = 'Mallory'): string {
  nativeGit(dir, 'add', '-A');
  nativeGit(
    dir,
    '-c',
    `user.name=${name}`,
    '-c',
    `user.email=${name.toLowerCase()}@example.test`,
    'commit',
    '-q',
    '-m',
    message,
  );
  return nativeGit(dir, 'rev-parse', '--short=12', 'HEAD').trim();
}
