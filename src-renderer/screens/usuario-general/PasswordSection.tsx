import type { ContractError } from '../../../src-shared/contract';
import { ecuapass } from '../../bridge';
import { BoundText } from './BoundText';
import type { RegistrationFormApi } from './use-registration-form';
import { useBridgeCall } from '../../hooks/use-bridge-call';

/**
 * Contraseña anterior + "Verificar contraseña" (instructivo §5.5.1): only after the backend
 * accepts the current password are Contraseña and Confirmación de contraseña enabled.
 */
export function PasswordSection({
  form,
  verified,
  onVerified,
  onFailure,
}: {
  form: RegistrationFormApi;
  verified: boolean;
  onVerified: () => void;
  onFailure: (error: ContractError) => void;
}) {
  const { busy, call } = useBridgeCall();

  async function verify() {
    const currentPassword = form.values.currentPassword;
    if (currentPassword === '') {
      form.setFieldErrors({ currentPassword: 'Ingrese la Contraseña anterior.' });
      return;
    }
    const res = await call(() => ecuapass.verifyCurrentPassword({ currentPassword }));
    if (!res.ok) {
      // A refused "Verificar contraseña" (too many tries) shows at the field of the button pressed.
      onFailure(res.error.code === 'RATE_LIMITED' ? { ...res.error, fields: { currentPassword: res.error.message } } : res.error);
      return;
    }
    form.clearFieldErrors(['currentPassword']);
    onVerified();
    form.setFocus('newPassword');
  }

  return (
    <fieldset className="form-section">
      <legend>Contraseña</legend>
      <div className="inline-action span-all">
        <BoundText form={form} name="currentPassword" id="ug-currentPassword" label="Contraseña anterior" type="password"
          autoComplete="current-password" maxLength={256} readOnly={verified} />
        <button type="button" className="btn btn-secondary" onClick={() => void verify()} disabled={busy || verified}>
          Verificar contraseña
        </button>
      </div>
      {verified && (
        <p className="status-ok span-all" role="status">
          Contraseña verificada. Ingrese la nueva contraseña y su confirmación.
        </p>
      )}
      <BoundText form={form} name="newPassword" id="ug-newPassword" label="Contraseña" type="password"
        autoComplete="new-password" maxLength={64} disabled={!verified} required={verified}
        hint="8 a 64 caracteres, con mayúscula, minúscula, número y símbolo; sin su ID.usuario." />
      <BoundText form={form} name="passwordConfirmation" id="ug-passwordConfirmation" label="Confirmación de contraseña"
        type="password" autoComplete="new-password" maxLength={64} disabled={!verified} required={verified} />
    </fieldset>
  );
}
