import type { GateResult } from '../../../../shared/model/plan';

const GATE_LABELS: Readonly<Record<string, string>> = {
  approvals: 'Approvals',
  'deny-window': 'Deny windows',
  override: 'Emergency override',
  pipeline: 'Pipeline',
};

/** Each gate's verdict with the sentence that explains it; an overridden gate stays failed, marked. */
export function GateList({
  gates,
  overridden = [],
}: {
  gates: readonly GateResult[];
  overridden?: readonly string[];
}) {
  return (
    <ul className="gate-list">
      {gates.map((gate) => {
        const bypassed = !gate.passed && overridden.includes(gate.gate);
        return (
          <li
            key={gate.gate}
            className={gate.passed ? 'gate passed' : bypassed ? 'gate overridden' : 'gate failed'}
            data-testid="gate"
            data-gate={gate.gate}
            data-passed={String(gate.passed)}
          >
            <span className="gate-mark" aria-label={gate.passed ? 'passed' : 'not passed'}>
              {gate.passed ? '✓' : '✗'}
            </span>
            <strong>{GATE_LABELS[gate.gate] ?? gate.gate}</strong>
            {bypassed && <span className="badge warn">overridden</span>}
            <span className="gate-reason">{gate.reason}</span>
          </li>
        );
      })}
    </ul>
  );
}
