import type { Ref, SelectHTMLAttributes } from 'react';
import { FieldShell, fieldAria, type LabelledFieldProps } from './FieldShell';

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'required'>, LabelledFieldProps {
  options: readonly SelectOption[];
  placeholder?: string;
  ref?: Ref<HTMLSelectElement>;
}

/** A native select: typing letters jumps to the matching option, with the keyboard as with the mouse. */
export function SelectField({ id, label, options, placeholder, error, hint, required, ref, ...select }: SelectFieldProps) {
  return (
    <FieldShell id={id} label={label} required={required} error={error} hint={hint}>
      <select {...select} {...fieldAria(id, error, hint, required)} ref={ref} className="select">
        <option value="">{placeholder ?? 'Seleccione…'}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
