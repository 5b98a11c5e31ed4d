import { useRef, useState, type FormEvent } from 'react';
import { LoginRequestSchema, fieldErrorsFrom, type ContractError } from '../../src-shared/contract';
import { ecuapass } from '../bridge';
import { useAppStore } from '../state/app-store';
import { TextField } from '../components/TextField';

export function LoginScreen() {
  const notice = useAppStore((s) => s.loginNotice);
  const startupError = useAppStore((s) => s.startupError);
  const [userId, setUserId] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ContractError | null>(startupError);
  const [busy, setBusy] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = LoginRequestSchema.safeParse({ userId, password });
    if (!parsed.success) {
      const fields = fieldErrorsFrom(parsed.error);
      setFieldErrors(fields);
      (fields.userId ? userRef : passwordRef).current?.focus();
      return;
    }
    setFieldErrors({});
    setError(null);
    setBusy(true);
    const res = await ecuapass.login(parsed.data);
    setBusy(false);
    if (res.ok) {
      useAppStore.getState().signedIn(res.value);
      return;
    }
    // The password is cleared after a failed login; the ID.usuario is kept.
    setPassword('');
    setError(res.error);
    passwordRef.current?.focus();
  }

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="login-title">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            E
          </span>
          <span className="brand-name">ECUAPASS</span>
        </div>
        <h1 id="login-title">Ingreso al portal externo</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <TextField
          ref={userRef}
          id="login-user"
          label="ID.usuario"
          required
          autoComplete="username"
          autoFocus
          value={userId}
          onValueChange={setUserId}
          error={fieldErrors.userId}
          maxLength={50}
        />
        <TextField
          ref={passwordRef}
          id="login-password"
          label="Contraseña"
          type="password"
          required
          autoComplete="current-password"
          value={password}
          onValueChange={setPassword}
          error={fieldErrors.password}
          maxLength={256}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Ingresando…' : 'Ingresar'}
        </button>
      </form>
    </main>
  );
}
