import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { ContractError } from '../../src-shared/contract';
import { ecuapass } from '../bridge';
import { useAppStore } from '../state/app-store';
import { TextField } from '../components/TextField';
import { useBridgeCall } from '../hooks/use-bridge-call';
import { FormAlert } from '../components/FormAlert';
import { VerificationCodeStep } from './VerificationCodeStep';

// Its own chunk, fetched as soon as the login is on screen (see login-check.ts).
const loadLoginCheck = () => import('./login-check');

export function LoginScreen() {
  const notice = useAppStore((s) => s.loginNotice);
  const startupError = useAppStore((s) => s.startupError);
  const lastUserId = useAppStore((s) => s.lastUserId);
  const [userId, setUserId] = useState(lastUserId ?? '');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ContractError | null>(startupError);
  const [info, setInfo] = useState<string | null>(null);
  const { busy, call } = useBridgeCall();
  const [remembered, setRemembered] = useState<string[]>([]);
  /** The ID.usuario whose right password waits for its "Código de verificación". */
  const [verifying, setVerifying] = useState<string | null>(null);
  const userRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void loadLoginCheck();
  }, []);

  useEffect(() => {
    void ecuapass.listRememberedUsers().then((res) => res.ok && setRemembered(res.value));
    if (lastUserId) passwordRef.current?.focus();
  }, [lastUserId]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { LoginRequestSchema, fieldErrorsFrom } = await loadLoginCheck();
    const parsed = LoginRequestSchema.safeParse({ userId, password });
    if (!parsed.success) {
      const fields = fieldErrorsFrom(parsed.error);
      setFieldErrors(fields);
      (fields.userId ? userRef : passwordRef).current?.focus();
      return;
    }
    setFieldErrors({});
    setError(null);
    const res = await call(() => ecuapass.login(parsed.data));
    if (res.ok) {
      useAppStore.getState().signedIn(res.value);
      return;
    }
    // The password is cleared after a failed login; the ID.usuario is kept.
    setPassword('');
    if (res.error.code === 'VERIFICATION_REQUIRED') return setVerifying(parsed.data.userId);
    setError(res.error);
    passwordRef.current?.focus();
  }

  async function resume(id: string) {
    setError(null);
    const res = await call(() => ecuapass.resumeUser({ userId: id }));
    if (!res.ok) return setError(res.error);
    if (res.value) return useAppStore.getState().signedIn(res.value);
    // Its session has ended: the entry is gone, the password is needed.
    setRemembered((r) => r.filter((x) => x !== id));
    setUserId(id);
    setInfo(`La sesión de ${id} terminó. Ingrese su contraseña.`);
    passwordRef.current?.focus();
  }

  async function forget(id: string) {
    await ecuapass.forgetUser({ userId: id });
    setRemembered((r) => r.filter((x) => x !== id));
    setInfo(`Se olvidó el usuario ${id} en este equipo.`);
  }

  if (verifying) {
    return (
      <main className="login-page">
        <VerificationCodeStep
          userId={verifying}
          onBack={(err) => {
            setVerifying(null);
            setError(err);
          }}
        />
      </main>
    );
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
        {(notice || info) && (
          <p className="notice" role="status">
            {info ?? notice}
          </p>
        )}
        <FormAlert>{error?.message}</FormAlert>
        {remembered.length > 0 && (
          <section aria-labelledby="remembered-title">
            <h2 id="remembered-title" className="remembered-title">
              Usuarios recordados en este equipo
            </h2>
            <ul className="remembered">
              {remembered.map((id) => (
                <li key={id} aria-label={id}>
                  <button type="button" className="btn btn-secondary" onClick={() => void resume(id)} disabled={busy}>
                    Continuar como {id}
                  </button>
                  <button type="button" className="btn btn-link" onClick={() => void forget(id)} disabled={busy}>
                    Olvidar este usuario
                  </button>
                </li>
              ))}
            </ul>
          </section>
        )}
        <TextField
          ref={userRef}
          id="login-user"
          label="ID.usuario"
          required
          autoComplete="username"
          autoFocus={!lastUserId}
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
        <div className="login-links">
          <button type="button" className="btn btn-link" onClick={() => useAppStore.getState().goTo('passwordReset')}>
            Reiniciar clave
          </button>
          <button type="button" className="btn btn-link" onClick={() => useAppStore.getState().goTo('settings')}>
            Configuración de conexión
          </button>
        </div>
      </form>
    </main>
  );
}
