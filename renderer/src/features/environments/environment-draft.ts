import type { RequestOf } from '../../../../shared/api/channels';
import type { EnvironmentView, SandboxOrg, Tier } from '../../../../shared/model/environment';

export type EnvironmentInput = RequestOf<'environments.save'>['environment'];
export type EnvironmentKind = EnvironmentInput['kind'];

/** What the Add/Edit form holds: every field of both kinds, so switching kind loses nothing typed. */
export interface EnvironmentDraft {
  name: string;
  label: string;
  kind: EnvironmentKind;
  region: string;
  url: string;
  org: SandboxOrg;
  clientId: string;
  tier: Tier;
  /** Write-only: never filled from a saved environment; empty keeps the stored secret. */
  secret: string;
  /** Carried through unchanged: the promotion work owns it and this form does not edit it. */
  policy: Record<string, unknown>;
}

export const draftFields = [
  'name',
  'label',
  'kind',
  'region',
  'url',
  'org',
  'clientId',
  'tier',
  'secret',
] as const;
export type DraftField = (typeof draftFields)[number];

export const EMBEDDED_SANDBOX_URL = 'embedded';

export function emptyDraft(): EnvironmentDraft {
  return {
    name: '',
    label: '',
    kind: 'genesys-cloud',
    region: '',
    url: EMBEDDED_SANDBOX_URL,
    org: 'dev',
    clientId: '',
    tier: 'dev',
    secret: '',
    policy: {},
  };
}

export function draftFromView({ config }: EnvironmentView): EnvironmentDraft {
  const draft: EnvironmentDraft = {
    ...emptyDraft(),
    name: config.name,
    label: config.label ?? '',
    kind: config.kind,
    clientId: config.clientId ?? '',
    tier: config.tier,
    policy: config.policy,
  };
  return config.kind === 'sandbox'
    ? { ...draft, url: config.url, org: config.org }
    : { ...draft, region: config.region };
}

/** The environment as the contract wants it; validation stays with main so there is one rule set. */
export function draftToInput(draft: EnvironmentDraft): EnvironmentInput {
  const common = {
    name: draft.name.trim(),
    ...(draft.label.trim() ? { label: draft.label.trim() } : {}),
    tier: draft.tier,
    clientId: draft.clientId.trim(),
    policy: draft.policy,
  };
  return draft.kind === 'sandbox'
    ? { ...common, kind: 'sandbox', url: draft.url.trim() || EMBEDDED_SANDBOX_URL, org: draft.org }
    : { ...common, kind: 'genesys-cloud', region: draft.region };
}

export interface SortedIssues {
  fields: Partial<Record<DraftField, string>>;
  /** Issues that name no field of the form, shown above it. */
  other: string[];
}

/**
 * Main reports issues against the request (`environment.clientId`, `secret`) or, from the
 * service, against the environment itself (`region`); both land on the same form field.
 */
export function sortIssues(details: Record<string, unknown> | undefined): SortedIssues {
  const sorted: SortedIssues = { fields: {}, other: [] };
  const issues = Array.isArray(details?.issues) ? (details.issues as unknown[]) : [];
  for (const issue of issues) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message, label } = issue as { path?: unknown; message?: unknown; label?: unknown };
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    const field = path.replace(/^environment\./, '').split(/[.[]/)[0];
    if (isDraftField(field)) sorted.fields[field] = sorted.fields[field] ?? message;
    // Worded issues (with a label) already name their field for a person; others get their path.
    else sorted.other.push(typeof label === 'string' ? message : `${path}: ${message}`);
  }
  return sorted;
}

function isDraftField(value: string | undefined): value is DraftField {
  return (draftFields as readonly string[]).includes(value ?? '');
}
