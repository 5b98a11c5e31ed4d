import type { ReactNode } from 'react';
import { RequiredMark } from './RequiredMark';

/** What every labelled control takes: its id, the instructivo's field name, and the message under it. */
export interface LabelledFieldProps {
  id: string;
  label: string;
  required?: boolean;
  error?: string | undefined;
  hint?: string | undefined;
}

export interface FieldShellProps extends LabelledFieldProps {
  children: ReactNode;
}

/** Label (the instructivo's field name), the control, and its error tied by aria-describedby. */
export function FieldShell({ id, label, required, error, hint, children }: FieldShellProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      {/* The mark sits outside the <label> so the accessible name is exactly the instructivo's. */}
      <div className="field-label-row">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {required && <RequiredMark />}
      </div>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The aria attributes a control inside FieldShell needs. */
export function fieldAria(id: string, error: string | undefined, hint?: string, required?: boolean) {
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return {
    id,
    'aria-invalid': error ? (true as const) : undefined,
    'aria-describedby': describedBy,
    'aria-required': required ? (true as const) : undefined,
  };
}
