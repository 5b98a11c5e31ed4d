import { useEffect, useState, type FormEvent } from 'react';
import {
  TotpCodeRequestSchema,
  TwoFactorDisableRequestSchema,
  fieldErrorsFrom,
  type ContractError,
  type TwoFactorEnrolmentView,
  type TwoFactorStatus,
} from '../../src-shared/contract';
import { ecuapass } from '../bridge';
import { FormAlert } from '../components/FormAlert';
import { TextField } from '../components/TextField';
import { useBridgeCall } from '../hooks/use-bridge-call';

type Step =
  | { kind: 'status' }
  | { kind: 'enrolling'; enrolment: TwoFactorEnrolmentView }
  | { kind: 'codes'; recoveryCodes: string[] }
  | { kind: 'disabling' };

/**
 * "Verificación en dos pasos" (TOTP, issue 27), a section of "Mi cuenta" (issue 28 mounts it). Activar: the QR code
 * (drawn by the main process) and the key by hand, then one code confirms it and the 10 recovery codes are shown once.
 * The key and the codes live only in this component's state, and only until the step is over: confirming drops the
 * key, "Ya guardé los códigos" drops the codes. Desactivar asks the password and a code.
 */
export function TwoFactorSection() {
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'status' });
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<ContractError | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const { busy, call } = useBridgeCall();

  useEffect(() => {
    void call(() => ecuapass.getTwoFactorStatus()).then((res) => (res.ok ? setStatus(res.value) : setError(res.error)));
  }, [call]);

  const reset = (next: Step) => {
    setStep(next);
    setCode('');
    setPassword('');
    setFields({});
    setError(null);
  };

  async function start() {
    setInfo(null);
    const res = await call(() => ecuapass.startTwoFactorEnrolment());
    if (!res.ok) return setError(res.error);
    reset({ kind: 'enrolling', enrolment: res.value });
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    const parsed = TotpCodeRequestSchema.safeParse({ code });
    if (!parsed.success) return setFields(fieldErrorsFrom(parsed.error));
    const res = await call(() => ecuapass.confirmTwoFactorEnrolment(parsed.data));
    if (!res.ok) {
      setFields(res.error.fields ?? {});
      return setError(res.error);
    }
    // The key is gone from the page with the enrolling step; the codes stay until the user says they are kept.
    reset({ kind: 'codes', recoveryCodes: res.value.recoveryCodes });
  }

  async function doneWithCodes() {
    reset({ kind: 'status' });
    const res = await call(() => ecuapass.getTwoFactorStatus());
    if (res.ok) setStatus(res.value);
    setInfo('La verificación en dos pasos está activada.');
  }

  async function disable(e: FormEvent) {
    e.preventDefault();
    const parsed = TwoFactorDisableRequestSchema.safeParse({ password, code });
    if (!parsed.success) return setFields(fieldErrorsFrom(parsed.error));
    const res = await call(() => ecuapass.disableTwoFactor(parsed.data));
    if (!res.ok) {
      setPassword('');
      setFields(res.error.fields ?? {});
      return setError(res.error);
    }
    setStatus(res.value);
    reset({ kind: 'status' });
    setInfo('La verificación en dos pasos está desactivada.');
  }

  return (
    <section className="form-section two-factor" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Verificación en dos pasos</h2>
      {info && (
        <p className="notice" role="status">
          {info}
        </p>
      )}
      <FormAlert>{error?.message}</FormAlert>

      {step.kind === 'status' && status && (
        <>
          <p>
            {status.enabled
              ? `Activada. Al ingresar se pide el código de verificación de su aplicación de autenticación. Códigos de recuperación sin usar: ${status.recoveryCodesLeft}.`
              : 'Desactivada. Actívela para que al ingresar, además de la contraseña, se pida un código de su aplicación de autenticación (Google Authenticator, FreeOTP u otra).'}
          </p>
          {status.enabled ? (
            <button type="button" className="btn btn-secondary" onClick={() => reset({ kind: 'disabling' })} disabled={busy}>
              Desactivar verificación en dos pasos
            </button>
          ) : (
            <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={busy}>
              Activar verificación en dos pasos
            </button>
          )}
        </>
      )}

      {step.kind === 'enrolling' && (
        <form onSubmit={(e) => void confirm(e)} noValidate className="settings-form">
          <p>1. Escanee este código QR con su aplicación de autenticación, o escriba la clave manualmente.</p>
          <img className="two-factor-qr" src={step.enrolment.qrDataUrl} alt="Código QR para la aplicación de autenticación" width={200} height={200} />
          <p>
            Clave manual: <code data-testid="two-factor-manual-key">{step.enrolment.manualKey}</code>
          </p>
          <p>2. Ingrese el código de 6 dígitos que muestra la aplicación.</p>
          <TextField id="two-factor-confirm-code" label="Código de verificación" required inputMode="numeric" autoComplete="one-time-code" value={code} onValueChange={setCode} error={fields.code} maxLength={6} autoFocus />
          <div className="form-actions">
            <button type="button" className="btn btn-secondary" onClick={() => reset({ kind: 'status' })} disabled={busy}>
              Cancelar
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              Confirmar
            </button>
          </div>
        </form>
      )}

      {step.kind === 'codes' && (
        <div>
          <p className="notice" role="status">
            Guarde estos códigos de recuperación en un lugar seguro. Cada uno sirve una sola vez para ingresar si no tiene su aplicación de
            autenticación. No se volverán a mostrar.
          </p>
          <ul className="recovery-codes" aria-label="Códigos de recuperación">
            {step.recoveryCodes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-primary" onClick={() => void doneWithCodes()} autoFocus>
            Ya guardé los códigos
          </button>
        </div>
      )}

      {step.kind === 'disabling' && (
        <form onSubmit={(e) => void disable(e)} noValidate className="settings-form">
          <TextField id="two-factor-off-password" label="Contraseña" type="password" required autoComplete="current-password" value={password} onValueChange={setPassword} error={fields.password} maxLength={256} autoFocus />
          <TextField id="two-factor-off-code" label="Código de verificación" required autoComplete="one-time-code" value={code} onValueChange={setCode} error={fields.code} maxLength={40} hint="El código de su aplicación o un código de recuperación." />
          <div className="form-actions">
            <button type="button" className="btn btn-secondary" onClick={() => reset({ kind: 'status' })} disabled={busy}>
              Cancelar
            </button>
            <button type="submit" className="btn btn-danger" disabled={busy}>
              Desactivar
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
