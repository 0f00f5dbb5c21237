import { FOLLOW_UP_DEFAULT_HOURS } from '../../../../shared/promotion/policy';
import type { PostPromotionCheck } from '../../../../shared/promotion/checks/post-promotion-check';
import { RISK_LEVELS } from '../../../../shared/promotion/risk/risk-policy';
import type { KeptOverride, KeptPolicy } from './policy-draft';
import { riskSettingText } from './risk-text';

/**
 * The policy's settings the editor keeps but does not edit (issue 20 and before), in words, so a
 * person saving the form sees what stays as it is. Signed settings are changed with `ferry policy`.
 */
export interface KeptLine {
  id: string;
  label: string;
  value: string;
}

const CHECK_KINDS: Readonly<Record<PostPromotionCheck['kind'], string>> = {
  'queue-member-groups': 'every queue changed has a member group',
  'schedule-group-open': 'schedule group open',
  'data-table-row': 'data table row present',
  'data-action-test': 'data action test call',
  'object-field': 'object field value',
};

function checkText(check: PostPromotionCheck): string {
  if (check.label !== undefined) return check.label;
  switch (check.kind) {
    case 'queue-member-groups':
      return CHECK_KINDS[check.kind];
    case 'schedule-group-open':
      return `schedule group “${check.scheduleGroup}” is ${check.expect ?? 'open'}`;
    case 'data-table-row':
      return `data table “${check.table}” has a row “${check.key}”`;
    case 'data-action-test':
      return `data action “${check.action}” answers a test call`;
    case 'object-field':
      return `${check.type} “${check.key}”: ${check.path} as expected`;
  }
}

export function keptPolicyLines(kept: KeptPolicy, keptOverride: KeptOverride): KeptLine[] {
  const lines: KeptLine[] = [];
  if (kept.approvalsByRisk !== undefined) {
    const byRisk = kept.approvalsByRisk;
    const levels = RISK_LEVELS.flatMap((level) => {
      const setting = byRisk[level];
      return setting === undefined ? [] : [`${level}: ${riskSettingText(setting)}`];
    });
    lines.push({
      id: 'approvalsByRisk',
      label: 'Approvals by risk',
      value:
        levels.length === 0
          ? 'none set: every level needs “Approvals required”'
          : `${levels.join('; ')}${levels.length < RISK_LEVELS.length ? '; other levels need “Approvals required”' : ''}`,
    });
  }
  if (kept.risk !== undefined) {
    const { criticalObjects, sensitiveTypes, denyWindowLeadHours } = kept.risk;
    const parts = [
      criticalObjects?.length ? `business-critical: ${criticalObjects.join(', ')}` : null,
      sensitiveTypes !== undefined ? `sensitive types: ${sensitiveTypes.join(', ') || 'none'}` : null,
      denyWindowLeadHours !== undefined
        ? denyWindowLeadHours === 0
          ? 'a near deny window adds no risk'
          : `a deny window within ${denyWindowLeadHours} h adds risk`
        : null,
    ].filter((part): part is string => part !== null);
    lines.push({ id: 'risk', label: 'Risk inputs', value: parts.join('; ') || 'the rules’ defaults' });
  }
  if (kept.postPromotionChecks !== undefined) {
    lines.push({
      id: 'postPromotionChecks',
      label: 'Checks after a promotion',
      value:
        kept.postPromotionChecks.length === 0 ? 'none' : kept.postPromotionChecks.map(checkText).join('; '),
    });
  }
  if (kept.onCheckFailure !== undefined) {
    lines.push({
      id: 'onCheckFailure',
      label: 'When a check fails',
      value: kept.onCheckFailure === 'rollback' ? 'the run is rolled back' : 'the run stops, its writes stay',
    });
  }
  if (keptOverride.followUpHours !== undefined) {
    lines.push({
      id: 'followUpHours',
      label: 'Override follow-up',
      value: `a retrospective approval within ${keptOverride.followUpHours} hours${
        keptOverride.followUpHours === FOLLOW_UP_DEFAULT_HOURS ? ' (the default)' : ''
      }`,
    });
  }
  if (kept.maxApprovalAgeDays !== undefined) {
    lines.push({
      id: 'maxApprovalAgeDays',
      label: 'Approvals count for',
      value: `${kept.maxApprovalAgeDays} days`,
    });
  }
  if (kept.maxPackageAgeDays !== undefined) {
    lines.push({
      id: 'maxPackageAgeDays',
      label: 'Imported packages accepted for',
      value: `${kept.maxPackageAgeDays} days`,
    });
  }
  return lines;
}

/**
 * What an allowed override asks afterwards (issue 20), shown under the override settings whether or
 * not the policy names its hours: a person allowing overrides should see the follow-up they open.
 */
export function followUpNote(keptOverride: KeptOverride): string {
  const hours = keptOverride.followUpHours ?? FOLLOW_UP_DEFAULT_HOURS;
  return `Each override opens a follow-up: someone other than the overrider and the author approves the change within ${hours} hour${hours === 1 ? '' : 's'}; while one is overdue, that person cannot override again.`;
}

/** The hint under “Approvals required”: with approvals by risk it only covers the levels they leave out. */
export function approvalsRequiredHint(kept: KeptPolicy): string {
  const byRisk = kept.approvalsByRisk;
  if (byRisk === undefined) return 'Distinct people with trusted approver keys; 0 means none.';
  const missing = RISK_LEVELS.filter((level) => byRisk[level] === undefined);
  return missing.length === 0
    ? 'Not used: “Approvals by risk” below sets every level. Distinct people with trusted approver keys.'
    : `For ${missing.join(' and ')} risk, which “Approvals by risk” below does not set. Distinct people with trusted approver keys; 0 means none.`;
}
