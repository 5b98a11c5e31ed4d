import { useRef, useState, type FormEvent } from 'react';
import type { ContractError } from '../../src-shared/contract';
import { ecuapass } from '../bridge';
import { FormAlert } from '../components/FormAlert';
import { TextField } from '../components/TextField';
import { useBridgeCall } from '../hooks/use-bridge-call';
import { useAppStore } from '../state/app-store';

const loadLoginCheck = () => import('./login-check');

/**
 * The login's second step, "Código de verificación" (issue 27): after a right password of a user with two-step
 * verification. A code of the authenticator app or a recovery code; a wrong one counts toward the login lockout.
 * When the backend ends the step (lock, time out) the user goes back to the password.
 */
export function VerificationCodeStep({ userId, onBack }: { userId: string; onBack: (error: ContractError | null) => void }) {
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<ContractError | null>(null);
  const { busy, call } = useBridgeCall();
  const codeRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { verificationCodeField } = await loadLoginCheck();
    const parsed = verificationCodeField.safeParse(code);
    if (!parsed.success) {
      setFieldError(parsed.error.issues[0]?.message);
      codeRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    setError(null);
    const res = await call(() => ecuapass.verifyLoginCode({ code: parsed.data }));
    setCode('');
    if (res.ok) return useAppStore.getState().signedIn(res.value);
    if (res.error.code === 'VERIFICATION_CODE_INVALID') {
      setError(res.error);
      codeRef.current?.focus();
      return;
    }
    onBack(res.error);
  }

  return (
    <form className="login-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="verification-title">
      <h1 id="verification-title">Código de verificación</h1>
      <p className="notice" role="status">
        {userId}: ingrese el código de 6 dígitos que muestra su aplicación de autenticación, o uno de sus códigos de recuperación.
      </p>
      <FormAlert>{error?.message}</FormAlert>
      <TextField
        ref={codeRef}
        id="login-code"
        label="Código de verificación"
        required
        autoComplete="one-time-code"
        autoFocus
        value={code}
        onValueChange={setCode}
        error={fieldError}
        maxLength={40}
      />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? 'Verificando…' : 'Verificar'}
      </button>
      <div className="login-links">
        <button type="button" className="btn btn-link" onClick={() => onBack(null)} disabled={busy}>
          Volver
        </button>
      </div>
    </form>
  );
}
