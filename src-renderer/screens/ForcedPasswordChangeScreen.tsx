import { useRef, useState, type FormEvent } from 'react';
import { fieldErrorsFrom, forcedPasswordChangeSchema, type ContractError } from '../../src-shared/contract';
import { ecuapass } from '../bridge';
import { FormAlert } from '../components/FormAlert';
import { TextField } from '../components/TextField';
import { useBridgeCall } from '../hooks/use-bridge-call';
import { useAppStore } from '../state/app-store';

/**
 * "Cambio de clave obligatorio" (issue 27): after logging in with an automatic key nothing else answers until a new
 * password is set, with the usual rules (src-shared's password policy, checked here as typed and again by main and
 * the backend). Cerrar sesión is the only other way out.
 */
export function ForcedPasswordChangeScreen() {
  const session = useAppStore((s) => s.session);
  const userId = session?.user.userId ?? '';
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<ContractError | null>(null);
  const { busy, call } = useBridgeCall();
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = forcedPasswordChangeSchema(userId).safeParse({ newPassword, confirmation });
    if (!parsed.success) {
      const found = fieldErrorsFrom(parsed.error);
      setFields(found);
      (found.newPassword ? passwordRef : confirmationRef).current?.focus();
      return;
    }
    setFields({});
    setError(null);
    const res = await call(() => ecuapass.changeForcedPassword(parsed.data));
    if (!res.ok) {
      setFields(res.error.fields ?? {});
      return setError(res.error);
    }
    setNewPassword('');
    setConfirmation('');
    useAppStore.getState().signedIn(res.value);
  }

  async function logout() {
    await ecuapass.logout();
    useAppStore.getState().signedOut();
  }

  return (
    <main className="login-page">
      <form className="login-card settings-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="forced-title">
        <h1 id="forced-title">Cambio de clave obligatorio</h1>
        <p className="notice" role="status">
          Ingresó como {userId} con una clave automática. Registre una contraseña nueva para continuar.
        </p>
        <FormAlert>{error?.message}</FormAlert>
        <TextField
          ref={passwordRef}
          id="forced-password"
          label="Contraseña"
          type="password"
          required
          autoComplete="new-password"
          autoFocus
          value={newPassword}
          onValueChange={setNewPassword}
          error={fields.newPassword}
          hint="De 8 a 64 caracteres, con mayúsculas, minúsculas, un número y un símbolo; sin su ID.usuario."
          maxLength={64}
        />
        <TextField
          ref={confirmationRef}
          id="forced-confirmation"
          label="Confirmación"
          type="password"
          required
          autoComplete="new-password"
          value={confirmation}
          onValueChange={setConfirmation}
          error={fields.confirmation}
          maxLength={64}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Guardando…' : 'Cambiar contraseña'}
        </button>
        <div className="login-links">
          <button type="button" className="btn btn-link" onClick={() => void logout()} disabled={busy}>
            Cerrar sesión
          </button>
        </div>
      </form>
    </main>
  );
}
