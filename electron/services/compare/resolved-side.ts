import {
  translateIndex,
  translateObject,
  type NameTranslation,
  type TranslatedName,
} from '../../../shared/parameters/compare-resolution';
import type { CompareSide } from './compare-side';

/**
 * Side a read in side b's names (a parameterised compare): keys of mapped types are renamed in the
 * index, and each object is translated as it loads. Hashes stay a's own: an object equal on both
 * sides byte for byte is equal whatever the names mean, and one whose bytes differ is loaded and
 * compared in translation. `found` hears of each name translated: an object's key when the index
 * is built, names inside objects as they load.
 */
export function resolvedSide(
  side: CompareSide,
  names: NameTranslation,
  found: (name: TranslatedName, where: 'key' | 'content') => void = () => undefined,
): CompareSide {
  if (names.size === 0) return side;
  const { index, originalKey, renamed } = translateIndex(side.index, names);
  for (const name of renamed) found(name, 'key');
  return {
    ...side,
    index,
    load: async (type, key) =>
      translateObject(type, await side.load(type, originalKey(type, key)), names, (name) =>
        found(name, 'content'),
      ),
  };
}
