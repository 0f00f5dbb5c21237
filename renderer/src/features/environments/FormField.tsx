import type { ReactNode } from 'react';

interface FormFieldProps {
  label: string;
  /** Names the field for tests and for the error's id. */
  field: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactNode;
}

export function FormField({ label, field, error, hint, children }: FormFieldProps) {
  return (
    <label className={error ? 'form-field invalid' : 'form-field'}>
      <span className="form-field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" id={`${field}-error`} data-testid={`field-error-${field}`}>
          {error}
        </span>
      ) : (
        hint && <span className="field-hint muted small">{hint}</span>
      )}
    </label>
  );
}
