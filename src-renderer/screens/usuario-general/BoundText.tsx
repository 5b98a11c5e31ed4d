import { TextField } from '../../components/TextField';
import type { RegistrationFormApi } from './use-registration-form';
import type { FieldName } from './form-values';

/** A text input bound to one form field. */
export function BoundText({
  form,
  name,
  ...props
}: {
  form: RegistrationFormApi;
  name: Exclude<FieldName, 'keepEmail'>;
  id: string;
  label: string;
  required?: boolean;
  hint?: string | undefined;
  type?: string;
  maxLength?: number;
  autoComplete?: string;
  inputMode?: 'numeric' | 'email' | 'text';
  disabled?: boolean;
  readOnly?: boolean;
}) {
  const { ref, ...field } = form.field(name);
  return <TextField {...props} {...field} ref={ref} />;
}
