import type { PromotionPreviewWire } from '../../../../shared/model/promotion-wire';
import { usePromotionsStore } from './promotions-store';
import { TierBadge } from '../environments/TierBadge';
import { AuthorshipStrip } from '../trust/AuthorshipStrip';
import { ApprovalList } from './ApprovalList';
import { GateList } from './GateList';
import { OverrideForm } from './OverrideForm';
import { PlanRisk } from './PlanRisk';
import { PlanSteps, PlanSummary } from './PlanSteps';
import { PromoteBar } from './PromoteBar';
import { formatWhen } from './promotion-format';
import { approvalsText } from './risk-text';

/** The dry run: what would be written, what lets it through, and who signed off. */
export function PlanView({ preview }: { preview: PromotionPreviewWire }) {
  const planning = usePromotionsStore((state) => state.planning);
  const { plan } = preview;
  // Issue 20: the plan says what this change needs (by its risk, or a standard change); older plans do not.
  const requirement = plan.requirement;
  const required = requirement?.approvals ?? preview.policy.approvalsRequired;
  return (
    <div className={planning ? 'plan-view stale' : 'plan-view'} data-testid="plan-view" aria-busy={planning}>
      <section className="card">
        <header className="plan-header">
          <h2>
            Plan: <code>{plan.changesetId}</code> → {plan.environment}
          </h2>
          <TierBadge tier={plan.tier} />
          <span className="muted small">
            read live {formatWhen(plan.createdAt)} · changeset {plan.changesetDigest.slice(7, 19)}
          </span>
        </header>
        <PlanSummary plan={plan} />
        <PlanSteps plan={plan} />
      </section>
      <PlanRisk plan={plan} />
      <div className="plan-columns">
        <section className="card" data-testid="gates">
          <header className="plan-header">
            <h2>Gates</h2>
            <span
              className={preview.passed ? 'badge gates-passed' : 'badge gates-failed'}
              data-testid="gates-verdict"
            >
              {preview.passed
                ? preview.overriddenGates.length > 0
                  ? 'Passed with override'
                  : 'All passed'
                : 'Refused'}
            </span>
          </header>
          <GateList gates={preview.gates} overridden={preview.overriddenGates} />
          <h3>Emergency override</h3>
          <OverrideForm
            allowed={preview.policy.emergencyOverride.allowed}
            unused={preview.passed && preview.overriddenGates.length === 0}
          />
        </section>
        <section className="card" data-testid="approvals">
          <header className="plan-header">
            <h2>Approvals</h2>
            <span className="muted small">
              {required === 0
                ? `${plan.environment} needs none`
                : requirement?.fromGroup !== undefined
                  ? `${plan.environment} needs ${approvalsText(required, requirement.fromGroup, requirement.fromGroupCount)}, none by the author`
                  : `${plan.environment} needs ${required} from someone other than the author`}
            </span>
          </header>
          {/* The approvals gate counts nothing until the author signed this version: offer it here. */}
          <AuthorshipStrip
            changesetId={plan.changesetId}
            digest={plan.changesetDigest}
            onlyWhenUnsigned
            onSigned={() => void usePromotionsStore.getState().replan()}
          />
          <ApprovalList approvals={preview.approvals} />
        </section>
      </div>
      <PromoteBar preview={preview} />
    </div>
  );
}
