import { useState } from 'react';
import { singularTypeLabel, type EnvironmentFieldWire } from './diff-model';

interface EnvironmentFieldsPanelProps {
  fields: EnvironmentFieldWire[];
  busy: boolean;
  onRemove: (field: EnvironmentFieldWire) => void;
}

/**
 * The fields every compare of two environments lists apart, folded away until wanted: those the
 * object types declare (fixed) and those the team flagged (removable).
 */
export function EnvironmentFieldsPanel({ fields, busy, onRemove }: EnvironmentFieldsPanelProps) {
  const [open, setOpen] = useState(false);
  return (
    <section
      className="card ignore-rules"
      aria-label="Fields that differ per environment"
      data-testid="environment-fields"
    >
      <button
        type="button"
        className="ignore-rules-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span className="tree-caret" aria-hidden="true">
          {open ? '▾' : '▸'}
        </span>
        <strong>Differs per environment</strong>
        <span className="tree-count">{fields.length}</span>
        <span className="muted small">
          Fields each environment is expected to have its own value of, listed apart in compares
        </span>
      </button>
      {open && (
        <ul className="ignore-rule-list">
          {fields.map((field) => (
            <li key={`${field.type} ${field.path}`} data-testid="environment-field">
              <code>{field.path}</code>
              <span className="muted small">{singularTypeLabel(field.type)}</span>
              <span className="ignore-rule-reason">
                {field.declared ? 'by the object type' : (field.reason ?? 'flagged by the team')}
              </span>
              {!field.declared && (
                <button
                  type="button"
                  className="link-button"
                  disabled={busy}
                  onClick={() => onRemove(field)}
                  data-testid="remove-environment-field"
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
