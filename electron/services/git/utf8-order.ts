/**
 * Git orders paths by their UTF-8 bytes. JavaScript compares strings by UTF-16 code units,
 * which agrees with UTF-8 byte order for every character below U+D800 (surrogates and the
 * characters after them are where the two orders part). Snapshot paths almost always stay
 * below it, so they compare as plain strings, which is far cheaper than encoding each one.
 */
const BEYOND_FAST_RANGE = /[\uD800-\uFFFF]/;

export function hasPlainOrder(text: string): boolean {
  return !BEYOND_FAST_RANGE.test(text);
}

/** A string with what it takes to compare it in UTF-8 byte order cheaply. */
export interface OrderedKey {
  text: string;
  plain: boolean;
}

export function orderedKey(text: string): OrderedKey {
  return { text, plain: hasPlainOrder(text) };
}

export function compareUtf8(a: OrderedKey, b: OrderedKey): number {
  if (a.plain && b.plain) return a.text < b.text ? -1 : a.text > b.text ? 1 : 0;
  return Buffer.compare(Buffer.from(a.text, 'utf8'), Buffer.from(b.text, 'utf8'));
}
