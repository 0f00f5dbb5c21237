import './environments.css';
import type { Tier } from '../../../../shared/model/environment';
import { tierLabels } from './environment-format';

export function TierBadge({ tier }: { tier: Tier }) {
  return (
    <span className={`tier-badge tier-${tier}`} data-testid="tier-badge" title={`Tier: ${tierLabels[tier]}`}>
      {tierLabels[tier]}
    </span>
  );
}
