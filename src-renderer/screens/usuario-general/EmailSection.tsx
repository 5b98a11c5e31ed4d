import { useState } from 'react';
import { EmailRequestSchema, ERROR_MESSAGES, type ContractError, type Registration } from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import { ecuapass } from '../../bridge';
import { BoundText } from './BoundText';
import type { RegistrationFormApi } from './use-registration-form';
import { useBridgeCall } from '../../hooks/use-bridge-call';

/**
 * "Desea mantener el mismo correo electrónico" (Si / No, default No). With No: the new address
 * twice, "Verificar disponibilidad" (then both are locked), "Solicitar código de seguridad", and
 * the code from the mail.
 */
export function EmailSection({
  form,
  registration,
  verified,
  onVerified,
  onCodeSent,
  onFailure,
}: {
  form: RegistrationFormApi;
  registration: Registration;
  verified: boolean;
  onVerified: () => void;
  /** `expiresAt` is the backend's own expiry, so the notice never states a stale validity. */
  onCodeSent: (email: string, expiresAt: string) => void;
  onFailure: (error: ContractError) => void;
}) {
  const { values, setValue, setFieldErrors, clearFieldErrors } = form;
  const keepEmail = values.keepEmail;
  const changing = keepEmail === 'no';
  const { busy, call } = useBridgeCall();
  const [codeSentTo, setCodeSentTo] = useState<string | null>(null);
  const [available, setAvailable] = useState(false);

  async function verifyAvailability() {
    const email = values.email.trim();
    const confirmation = values.emailConfirmation.trim();
    const parsed = EmailRequestSchema.safeParse({ email });
    if (!parsed.success) {
      setFieldErrors({ email: parsed.error.issues[0]?.message ?? MSG.emailInvalid });
      return;
    }
    if (email.toLowerCase() === registration.email.toLowerCase()) {
      setFieldErrors({ email: MSG.emailSameAsCurrent });
      return;
    }
    if (email.toLowerCase() !== confirmation.toLowerCase()) {
      setFieldErrors({ emailConfirmation: confirmation === '' ? MSG.required : MSG.emailMismatch });
      return;
    }
    const res = await call(() => ecuapass.checkEmailAvailability({ email }));
    if (!res.ok) return onFailure(res.error);
    if (!res.value.available) {
      setFieldErrors({ email: ERROR_MESSAGES.EMAIL_UNAVAILABLE });
      return;
    }
    clearFieldErrors(['email', 'emailConfirmation']);
    setAvailable(true);
    onVerified();
  }

  async function requestCode() {
    const email = values.email.trim();
    const res = await call(() => ecuapass.requestSecurityCode({ email }));
    if (!res.ok) {
      onFailure(res.error);
      return;
    }
    setCodeSentTo(email);
    onCodeSent(email, res.value.expiresAt);
  }

  return (
    <fieldset className="form-section">
      <legend>Correo electrónico</legend>
      <fieldset className="radio-group" role="radiogroup" aria-required="true">
        <legend>Desea mantener el mismo correo electrónico</legend>
        <div className="radio-options">
          <label>
            <input
              type="radio"
              name="keepEmail"
              value="si"
              checked={keepEmail === 'si'}
              onChange={() => {
                setValue('keepEmail', 'si');
                clearFieldErrors(['email', 'emailConfirmation', 'securityCode']);
              }}
            />
            Si
          </label>
          <label>
            <input
              type="radio"
              name="keepEmail"
              value="no"
              checked={keepEmail === 'no'}
              onChange={() => setValue('keepEmail', 'no')}
            />
            No
          </label>
        </div>
        <p className="field-hint">Correo registrado actualmente: {registration.email}</p>
      </fieldset>
      <BoundText form={form} name="email" id="ug-email" label="Correo electrónico" required={changing}
        inputMode="email" autoComplete="email" maxLength={254} disabled={!changing} readOnly={verified} />
      <BoundText form={form} name="emailConfirmation" id="ug-emailConfirmation" label="Confirmación de correo electrónico"
        required={changing} inputMode="email" autoComplete="off" maxLength={254} disabled={!changing} readOnly={verified} />
      <div className="span-all">
        <button type="button" className="btn btn-secondary" onClick={() => void verifyAvailability()}
          disabled={!changing || verified || busy}>
          Verificar disponibilidad
        </button>{' '}
        <button type="button" className="btn btn-secondary" onClick={() => void requestCode()}
          disabled={!changing || !verified || busy}>
          Solicitar código de seguridad
        </button>
        {changing && verified && available && (
          <p className="status-ok" role="status">
            El correo electrónico está disponible.
            {codeSentTo ? ` Código de seguridad enviado a ${codeSentTo}.` : ' Solicite el código de seguridad.'}
          </p>
        )}
      </div>
      <BoundText form={form} name="securityCode" id="ug-securityCode" label="Ingrese código de seguridad"
        required={changing} maxLength={8} autoComplete="one-time-code" disabled={!changing}
        hint={changing ? 'Código de 8 letras y números, de un solo uso.' : undefined} />
    </fieldset>
  );
}
