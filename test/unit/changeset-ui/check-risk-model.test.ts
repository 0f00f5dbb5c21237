import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChangesetCheck } from '../../../shared/model/changeset-wire';
import { checkRiskView } from '../../../renderer/src/features/changesets/check-risk-model';

/*
 * The editor's risk panel and the plan speak one risk: the level shown is the governed one (the
 * plan's rules on the snapshot), never the blast radius' own tier-based level.
 */

function check(risk: ChangesetCheck['risk']): ChangesetCheck {
  return {
    digest: 'sha256:abc',
    target: { environment: 'uat', tier: 'test', commit: '4e07409' },
    valid: true,
    findings: [],
    order: [0],
    blastRadius: {
      touched: [],
      dependentCount: 0,
      // What the tier alone made of a uat change: the level the walk saw as "Medium risk".
      risk: { level: 'medium', reasons: ['the target is a test environment'] },
    },
    risk,
  };
}

describe("the changeset editor's risk panel", () => {
  it('shows the risk as the plan words it, not the tier-based blast radius level', () => {
    const view = checkRiskView(
      check({
        level: 'low',
        score: 1,
        points: [
          { rule: 'tier', points: 0, reason: 'uat is not production' },
          { rule: 'sensitive-types', points: 1, reason: 'it changes a flow' },
        ],
        dependentCount: 0,
        basis: 'snapshot',
      }),
    );
    assert.equal(view.badge?.text, 'Low risk, 1 point');
    assert.equal(view.badge?.level, 'low');
    assert.match(view.points[0] ?? '', /\(\+1\): it changes a flow$/);
    assert.match(view.basis, /last snapshot of uat.*the plan judges it live.*decides the approvals/);
    assert.equal(JSON.stringify(view).includes('Medium'), false);
  });

  it('claims no risk level when none was judged', () => {
    const view = checkRiskView(check(null));
    assert.equal(view.badge, null);
    assert.equal(view.heading, 'Blast radius');
    assert.match(view.basis, /judged when you plan a promotion to uat/);
  });
});
