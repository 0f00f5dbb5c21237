import type { ChangesetOperation } from '../../model/changeset';
import type { Tier } from '../../model/environment';
import type { ObjectState } from '../../changeset/object-state';
import type { StepAction } from '../../model/plan';
import type { EnvironmentPolicy } from '../policy';
import type { RiskAssessment } from './risk-assessment';

/**
 * The risk rules (issue 20). CONTRACT STUB: the risk helper implements and documents each rule.
 */

export interface RiskInput {
  operations: readonly ChangesetOperation[];
  /**
   * What the plan will do for each operation (by operation index): a planned `noop` is no change.
   * Absent (the editor's check): every operation is taken as written.
   */
  actions?: ReadonlyMap<number, StepAction>;
  /** The target as read: live at plan time, the latest snapshot in the editor. */
  target: ObjectState;
  /** The signed tier (trust root), never ferry.json's. */
  tier: Tier;
  policy: EnvironmentPolicy;
  now: Date;
  basis: RiskAssessment['basis'];
}

export function assessRisk(input: RiskInput): RiskAssessment {
  void input;
  throw new Error('assessRisk: not implemented yet (issue 20 contract stub)');
}
