import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { isErrorCode } from '../../../shared/errors/error-registry';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE_FOLDERS = ['electron', 'shared', 'renderer/src'];

/** `new FerryError('code'`, `FerryError("code"` and the Genesys subclass, across line breaks. */
const LITERAL_THROW = /\b(?:FerryError|GenesysApiError)\(\s*(['"`])([^'"`$]+)\1/g;

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Belt and braces beside the type check: `FerryError` accepts only registered codes at compile
 * time, and this reads the sources themselves, so a cast or a stray `any` cannot slip one past.
 */
describe('codes thrown in the sources', () => {
  it('are all registered', async () => {
    const unregistered: string[] = [];
    let literals = 0;
    for (const folder of SOURCE_FOLDERS) {
      for (const file of await sourceFiles(join(ROOT, folder))) {
        const text = await readFile(file, 'utf8');
        for (const match of text.matchAll(LITERAL_THROW)) {
          literals += 1;
          const code = match[2] ?? '';
          if (!isErrorCode(code)) unregistered.push(`${relative(ROOT, file)}: ${code}`);
        }
      }
    }
    assert.ok(literals > 100, `found only ${literals} literal codes: is the pattern still right?`);
    assert.deepEqual(unregistered, []);
  });
});
