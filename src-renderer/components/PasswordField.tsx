import { TextField, type TextFieldProps } from './TextField';

export interface PasswordFieldProps extends Omit<TextFieldProps, 'type' | 'autoComplete' | 'maxLength'> {
  /** `current`: a password the server checks (up to 256 characters); `new`: one the password rules accept (up to 64). */
  purpose: 'current' | 'new';
}

/** A password input: its type, what the browser may fill in and its length follow from what it is for. */
export function PasswordField({ purpose, ...field }: PasswordFieldProps) {
  return <TextField {...field} type="password" autoComplete={`${purpose}-password`} maxLength={purpose === 'new' ? 64 : 256} />;
}
