import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFerryServices, type FerryServices } from '../../../electron/host/core/ferry-services';

/**
 * Helpers the team-workspace tests (issue 16) share, so each test file keeps only what its
 * scenario needs.
 */

/** One teammate's machine: its own data folder (vault, history) and `name` as the commit author. */
export function teamMachine(dataDir: string, name: string, env: Record<string, string>): FerryServices {
  return createFerryServices({
    dataDir,
    version: 'test',
    env,
    author: { name, email: `${name.toLowerCase()}@example.test` },
  });
}

/** Every file under `dir` (including .git), path → bytes. */
export async function filesUnder(dir: string, prefix = ''): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) for (const [inner, bytes] of await filesUnder(dir, path)) out.set(inner, bytes);
    else if (entry.isFile()) out.set(path, await readFile(join(dir, path)));
  }
  return out;
}
