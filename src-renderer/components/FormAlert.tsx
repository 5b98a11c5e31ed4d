import type { ReactNode } from 'react';

/** A screen's or form's error, announced by screen readers the moment it appears. */
export function FormAlert({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === false || children === '') return null;
  return (
    <p className="form-error" role="alert">
      {children}
    </p>
  );
}
