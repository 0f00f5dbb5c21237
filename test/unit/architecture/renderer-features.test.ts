import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const STORES = new URL('../../../renderer/src/stores/', import.meta.url);

/** Every module a file imports, statically or lazily, as written in its source. */
function importedModules(source: string): string[] {
  const specifiers = source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/g);
  return [...specifiers].map((match) => match[2] ?? '');
}

describe('renderer features own their stores (issue 14, point 3)', () => {
  const stores = readdirSync(STORES).filter((name) => name.endsWith('.ts'));

  it('keeps the app-wide stores in renderer/src/stores', () => {
    assert.ok(stores.length > 0, 'renderer/src/stores holds no store');
  });

  // A store that reaches into a feature belongs to that feature: it lives in features/<name>/.
  for (const name of stores) {
    it(`${name} imports nothing from features/`, () => {
      const source = readFileSync(new URL(name, STORES), 'utf8');
      const intoFeatures = importedModules(source).filter((specifier) =>
        specifier.startsWith('../features/'),
      );
      assert.deepEqual(
        intoFeatures,
        [],
        `${name} imports from a feature; move it into that feature's folder`,
      );
    });
  }
});
