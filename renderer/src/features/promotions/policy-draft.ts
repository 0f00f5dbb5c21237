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

/**
 * What the form does not edit, kept exactly as read: saving replaces the whole policy, so a field
 * left out here would be dropped without anyone choosing to (issue 20's approvals per risk, risk
 * settings, post-promotion checks, what a failed check does, the follow-up hours; the package and
 * approval ages). Taken as "everything else", so a field added later is kept too.
 */
export type KeptPolicy = Omit<
  EnvironmentPolicy,
  'approvalsRequired' | 'allowSelfApproval' | 'denyWindows' | 'emergencyOverride'
>;
export type KeptOverride = Omit<EnvironmentPolicy['emergencyOverride'], 'allowed' | 'requiresApproval'>;

export interface PolicyDraft {
  approvalsRequired: string;
  allowSelfApproval: boolean;
  denyWindows: DenyWindowDraft[];
  overrideAllowed: boolean;
  overrideRequiresApproval: boolean;
  /** Not edited here, but kept: see KeptPolicy. */
  kept: KeptPolicy;
  keptOverride: KeptOverride;
}

/** Problems by field path as the schema names them, e.g. `denyWindows[0].cron`. */
export type PolicyProblems = Record<string, string>;

export function draftFromPolicy(policy: EnvironmentPolicy): PolicyDraft {
  const kept = without(policy, [
    'approvalsRequired',
    'allowSelfApproval',
    'denyWindows',
    'emergencyOverride',
  ]);
  const keptOverride = without(policy.emergencyOverride, ['allowed', 'requiresApproval']);
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
    kept,
    keptOverride,
  };
}

/** A copy of `value` without the fields the form edits. */
function without<T extends object, K extends keyof T & string>(value: T, edited: readonly K[]): Omit<T, K> {
  const names: readonly string[] = edited;
  return Object.fromEntries(Object.entries(value).filter(([name]) => !names.includes(name))) as Omit<T, K>;
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
    // The kept fields first: the edited ones below are the form's, whatever was read.
    ...draft.kept,
    approvalsRequired: numberOrText(draft.approvalsRequired),
    allowSelfApproval: draft.allowSelfApproval,
    denyWindows: draft.denyWindows.map((window) => ({
      name: window.name,
      cron: window.cron.trim(),
      durationMinutes: numberOrText(window.durationMinutes),
      timeZone: window.timeZone.trim(),
    })),
    emergencyOverride: {
      ...draft.keptOverride,
      allowed: draft.overrideAllowed,
      requiresApproval: draft.overrideRequiresApproval,
    },
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
