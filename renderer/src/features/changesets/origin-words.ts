/**
 * Where a changeset came from, as the editor's header says it. A compare's origin is stored as
 * `compare <a> → <b>`, side a first (the target the changeset lands in, which the editor reads to
 * pick its default target), so read as it stands it runs backwards from the Compare page's
 * "Source dev → Target uat". Said here source → target, with what it does.
 */
export function originWords(origin: string): string {
  const compare =
    /^compare ((?:live:)?[a-z][a-z0-9-]*(?:@\S+)?) → ((?:live:)?[a-z][a-z0-9-]*(?:@\S+)?)$/.exec(origin);
  if (compare === null) return origin;
  const [, target, source] = compare;
  return `the compare ${source ?? ''} → ${target ?? ''} (makes ${target ?? ''} like ${source ?? ''})`;
}
