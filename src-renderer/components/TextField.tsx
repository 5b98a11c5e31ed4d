import type { InputHTMLAttributes, Ref } from 'react';
import { FieldShell, fieldAria, type LabelledFieldProps } from './FieldShell';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'required'>, LabelledFieldProps {
  value: string;
  onValueChange?: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ id, label, value, onValueChange, error, hint, required, ref, ...input }: TextFieldProps) {
  return (
    <FieldShell id={id} label={label} required={required} error={error} hint={hint}>
      <input
        {...input}
        ref={ref}
        {...fieldAria(id, error, hint, required)}
        className="input"
        value={value}
        onChange={onValueChange ? (e) => onValueChange(e.target.value) : input.onChange}
      />
    </FieldShell>
  );
}
