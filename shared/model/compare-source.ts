import { z } from 'zod';

/**
 * What one side of a compare is. `changeset` is the hook the authoring work fills in: a
 * changeset applied to a base side, shown without touching any environment.
 */
export type CompareSourceSpec =
  | { kind: 'snapshot'; environment: string; at: { commit: string } | { date: string } | null }
  | { kind: 'live'; environment: string }
  | { kind: 'changeset'; changeset: string; base: CompareSourceSpec };

const ENVIRONMENT = /^[a-z][a-z0-9-]{0,31}$/;

const CHANGESET_ID = /^[a-z0-9][a-z0-9-]{2,80}$/;

/**
 * Parses `<env>`, `<env>@<commit or ISO date>`, `live:<env>` and `preview:<changeset>:<base>` (the
 * changeset applied to the base, in memory), naming what is wrong otherwise.
 */
export function parseCompareSource(text: string): CompareSourceSpec | { error: string } {
  const trimmed = text.trim();
  if (trimmed.startsWith('preview:')) {
    const rest = trimmed.slice('preview:'.length);
    const colon = rest.indexOf(':');
    const changeset = colon < 0 ? rest : rest.slice(0, colon);
    if (!CHANGESET_ID.test(changeset)) return { error: `"${changeset}" is not a changeset id` };
    if (colon < 0)
      return { error: 'a preview names its base after the changeset: preview:<changeset>:<env>' };
    const base = parseCompareSource(rest.slice(colon + 1));
    if ('error' in base) return base;
    if (base.kind === 'changeset') return { error: 'a preview cannot be the base of another preview' };
    return { kind: 'changeset', changeset, base };
  }
  if (trimmed.startsWith('live:')) {
    const environment = trimmed.slice(5);
    return ENVIRONMENT.test(environment)
      ? { kind: 'live', environment }
      : { error: `"${environment}" is not an environment name` };
  }
  const [environment = '', at, ...extra] = trimmed.split('@');
  if (extra.length > 0) return { error: `"${text}" has more than one @` };
  if (!ENVIRONMENT.test(environment)) return { error: `"${environment}" is not an environment name` };
  if (at === undefined) return { kind: 'snapshot', environment, at: null };
  if (/^[0-9a-f]{4,40}$/.test(at)) return { kind: 'snapshot', environment, at: { commit: at } };
  if (/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(at) && !Number.isNaN(Date.parse(at))) {
    return { kind: 'snapshot', environment, at: { date: at } };
  }
  return {
    error: `"${at}" after @ is neither a commit nor an ISO date (e.g. 2026-11-17 or 2026-11-17T09:00Z)`,
  };
}

export function formatCompareSource(spec: CompareSourceSpec): string {
  if (spec.kind === 'live') return `live:${spec.environment}`;
  if (spec.kind === 'changeset') return `preview:${spec.changeset}:${formatCompareSource(spec.base)}`;
  if (spec.at === null) return spec.environment;
  return `${spec.environment}@${'commit' in spec.at ? spec.at.commit : spec.at.date}`;
}

export const compareSourceTextSchema = z
  .string()
  .max(200)
  .superRefine((value, context) => {
    const parsed = parseCompareSource(value);
    if ('error' in parsed) context.addIssue({ code: 'custom', message: parsed.error });
  });
