/** A source as a short name for sentences: `dev`, `live:prod`, `uat@1a2b3c4` (not 40 hex digits). */
export function shortSource(source: string): string {
  return source.replace(/@([0-9a-f]{7})[0-9a-f]+$/, '@$1');
}

/** One side of a compare as a person names it: `dev`, `prod (live)`, `uat@1a2b3c4`, `uat + changeset x`. */
export function sideName(side: {
  environment: string;
  point: string;
  changeset?: string | undefined;
}): string {
  const base =
    side.point === 'latest'
      ? side.environment
      : side.point === 'live'
        ? `${side.environment} (live)`
        : `${side.environment}@${side.point.slice(0, 7)}`;
  return side.changeset === undefined ? base : `${base} + changeset ${side.changeset}`;
}
