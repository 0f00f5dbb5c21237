import type { ChangesetCheck } from '../../../../shared/model/changeset-wire';
import type { RiskLevel } from '../../../../shared/promotion/risk/risk-policy';
import { riskBasisText, riskHeadline, riskPointLines } from '../promotions/risk-text';

/**
 * What the editor's risk panel says. One risk vocabulary: the level shown is the governed risk,
 * by the same rules and signed policy a plan uses (`Low risk, 1 point`), judged on the target's
 * last snapshot. The blast radius stays as the list of what refers to each touched object; its
 * own tier-based level is never shown, so a person never sees two risks that disagree.
 */
export interface CheckRiskView {
  heading: string;
  /** Null when the check judged no risk (no signed policy readable): then none is claimed. */
  badge: { level: RiskLevel; text: string } | null;
  /** Each rule's points and why, the ones that counted first. */
  points: string[];
  /** Where it was judged and what decides approvals. */
  basis: string;
}

export function checkRiskView(check: ChangesetCheck): CheckRiskView {
  const environment = check.target?.environment ?? 'the target';
  const risk = check.risk ?? null;
  if (risk === null) {
    return {
      heading: 'Blast radius',
      badge: null,
      points: [],
      basis: `The risk that decides approvals is judged when you plan a promotion to ${environment}.`,
    };
  }
  return {
    heading: 'Risk and blast radius',
    badge: { level: risk.level, text: riskHeadline(risk) },
    points: riskPointLines(risk).map((line) => `${line.label} (${line.points}): ${line.reason}`),
    basis: `${riskBasisText(risk, environment)} That live risk decides the approvals.`,
  };
}
