import type { ChangesetOperation } from '../../model/changeset';
import type { RiskLevel } from '../risk/risk-policy';
import type { StandardChangeMatch, StandardChangeTemplate } from './standard-change';

/** CONTRACT STUB: the risk/standard-change helper implements the matching. */
export function matchStandardChange(input: {
  templates: readonly StandardChangeTemplate[];
  operations: readonly ChangesetOperation[];
  environment: string;
  risk: RiskLevel;
}): StandardChangeMatch {
  void input;
  return { applied: null, notApplied: [] };
}
