import { isFerryError } from '../../../../shared/api/api-error';
import { parseEnvironmentPolicy, type EnvironmentPolicy } from '../../../../shared/promotion/policy';

/**
 * The policy as the editor holds it: numbers stay the text typed, so a half-typed value is not
 * turned into 0 under the cursor; the shared schema judges it on the way out.
 */
export interface DenyWindowDraft {
  name: string;
  cron: string;
  durationMinutes: string;
  timeZone: string;
}

export interface PolicyDraft {
  approvalsRequired: string;
  allowSelfApproval: boolean;
  denyWindows: DenyWindowDraft[];
  overrideAllowed: boolean;
  overrideRequiresApproval: boolean;
  /** Not edited here, but kept: saving replaces the whole policy. */
  maxPackageAgeDays: number | undefined;
}

/** Problems by field path as the schema names them, e.g. `denyWindows[0].cron`. */
export type PolicyProblems = Record<string, string>;

export function draftFromPolicy(policy: EnvironmentPolicy): PolicyDraft {
  return {
    approvalsRequired: String(policy.approvalsRequired),
    allowSelfApproval: policy.allowSelfApproval,
    denyWindows: policy.denyWindows.map((window) => ({
      name: window.name,
      cron: window.cron,
      durationMinutes: String(window.durationMinutes),
      timeZone: window.timeZone,
    })),
    overrideAllowed: policy.emergencyOverride.allowed,
    overrideRequiresApproval: policy.emergencyOverride.requiresApproval,
    maxPackageAgeDays: policy.maxPackageAgeDays,
  };
}

/** A window to start from: weekday business hours where this machine is. */
export function newDenyWindow(): DenyWindowDraft {
  return {
    name: 'Business hours',
    cron: '0 8 * * 1-5',
    durationMinutes: '600',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  };
}

function numberOrText(text: string): number | string {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : text;
}

/** The policy to save, or the problems that keep it from being one. */
export function policyFromDraft(
  draft: PolicyDraft,
  environment: string,
): { policy: EnvironmentPolicy; problems: null } | { policy: null; problems: PolicyProblems } {
  const raw = {
    approvalsRequired: numberOrText(draft.approvalsRequired),
    allowSelfApproval: draft.allowSelfApproval,
    denyWindows: draft.denyWindows.map((window) => ({
      name: window.name,
      cron: window.cron.trim(),
      durationMinutes: numberOrText(window.durationMinutes),
      timeZone: window.timeZone.trim(),
    })),
    emergencyOverride: { allowed: draft.overrideAllowed, requiresApproval: draft.overrideRequiresApproval },
    ...(draft.maxPackageAgeDays !== undefined ? { maxPackageAgeDays: draft.maxPackageAgeDays } : {}),
  };
  try {
    return { policy: parseEnvironmentPolicy(raw, `environment "${environment}"`), problems: null };
  } catch (error) {
    if (!isFerryError(error)) throw error;
    const listed = Array.isArray(error.details?.problems)
      ? (error.details.problems as { field: string; message: string }[])
      : [];
    const problems: PolicyProblems = {};
    for (const problem of listed) problems[problem.field] ??= problem.message;
    if (listed.length === 0) problems[''] = error.message;
    return { policy: null, problems };
  }
}
