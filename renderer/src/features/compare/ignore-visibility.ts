import type { IgnoreRuleWire, ObjectDiffWire } from './diff-model';

/**
 * Objects that differ only in fields the ignore rules hide: the engine calls them unchanged, with
 * the hidden changes counted in `ignored`. Identical objects have nothing ignored.
 */
export function isHiddenByIgnore(object: ObjectDiffWire): boolean {
  return object.status === 'unchanged' && object.ignored > 0;
}

export interface Listing {
  /** The user asked for identical objects too. */
  includeUnchanged: boolean;
  /** The user pressed "Show" on the objects the ignore rules hide. */
  showIgnored: boolean;
}

/**
 * The compare is asked for unchanged objects whenever rules exist, so that objects the rules hide
 * can be counted (and shown on request) instead of silently leaving the list.
 */
export function asksForUnchanged(listing: Listing, rules: readonly IgnoreRuleWire[]): boolean {
  return listing.includeUnchanged || rules.length > 0;
}

/** What the list shows of a compare's objects, and how many the ignore rules keep out of it. */
export function listObjects(
  objects: readonly ObjectDiffWire[],
  listing: Listing,
): { listed: readonly ObjectDiffWire[]; hiddenByIgnore: number } {
  let hiddenByIgnore = 0;
  const listed = objects.filter((object) => {
    if (object.status !== 'unchanged') return true;
    if (isHiddenByIgnore(object)) {
      hiddenByIgnore += 1;
      return listing.showIgnored;
    }
    return listing.includeUnchanged;
  });
  return { listed: listed.length === objects.length ? objects : listed, hiddenByIgnore };
}

/** Undo takes back only a rule this session added; a rule that was there before is not undone. */
export function isNewRule(
  rule: Pick<IgnoreRuleWire, 'type' | 'path'>,
  rules: readonly IgnoreRuleWire[],
): boolean {
  return !rules.some((existing) => existing.type === rule.type && existing.path === rule.path);
}
