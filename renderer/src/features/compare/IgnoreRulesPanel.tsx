import { useState } from 'react';
import type { IgnoreRuleWire } from './diff-model';
import { singularTypeLabel } from './diff-model';

interface IgnoreRulesPanelProps {
  rules: IgnoreRuleWire[];
  busy: boolean;
  onRemove: (rule: IgnoreRuleWire) => void;
}

/** The rules in force, folded away until wanted: they change what every compare shows. */
export function IgnoreRulesPanel({ rules, busy, onRemove }: IgnoreRulesPanelProps) {
  const [open, setOpen] = useState(false);
  return (
    <section className="card ignore-rules" aria-label="Ignore rules" data-testid="ignore-rules">
      <button
        type="button"
        className="ignore-rules-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span className="tree-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <strong>Ignore rules</strong>
        <span className="tree-count">{rules.length}</span>
        <span className="muted small">
          Fields hidden from every compare and drift check in this workspace
        </span>
      </button>
      {open &&
        (rules.length === 0 ? (
          <p className="muted small ignore-rules-empty">
            None. Use “Ignore this field” on a field change to add one.
          </p>
        ) : (
          <ul className="ignore-rule-list">
            {rules.map((rule) => (
              <li key={`${rule.type} ${rule.path}`} data-testid="ignore-rule">
                <code>{rule.path}</code>
                <span className="muted small">
                  {rule.type === '*' ? 'every type' : singularTypeLabel(rule.type)}
                </span>
                <span className="ignore-rule-reason">{rule.reason}</span>
                <button
                  type="button"
                  className="link-button"
                  disabled={busy}
                  onClick={() => onRemove(rule)}
                  data-testid="remove-ignore-rule"
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
