/** A source as a short name for sentences: `dev`, `live:prod`, `uat@1a2b3c4` (not 40 hex digits). */
export function shortSource(source: string): string {
  return source.replace(/@([0-9a-f]{7})[0-9a-f]+$/, '@$1');
}
