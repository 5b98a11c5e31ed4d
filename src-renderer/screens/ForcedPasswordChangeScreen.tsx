import { useRef, useState, type FormEvent } from 'react';
import { forcedPasswordChangeSchema } from '../../src-shared/contract';
import { ecuapass } from '../bridge';
import { FormAlert } from '../components/FormAlert';
import { PasswordField } from '../components/PasswordField';
import { useCheckedForm } from '../hooks/use-checked-form';
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
  const { fields, error, busy, checked, send } = useCheckedForm();
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const values = checked(forcedPasswordChangeSchema(userId).safeParse({ newPassword, confirmation }), [
      ['newPassword', passwordRef],
      ['confirmation', confirmationRef],
    ]);
    if (!values) return;
    const sent = await send(() => ecuapass.changeForcedPassword(values));
    if (!sent) return;
    setNewPassword('');
    setConfirmation('');
    useAppStore.getState().signedIn(sent.value);
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
        <PasswordField ref={passwordRef} id="forced-password" label="Contraseña" purpose="new" required autoFocus value={newPassword} onValueChange={setNewPassword}
          error={fields.newPassword} hint="De 8 a 64 caracteres, con mayúsculas, minúsculas, un número y un símbolo; sin su ID.usuario." />
        <PasswordField ref={confirmationRef} id="forced-confirmation" label="Confirmación" purpose="new" required value={confirmation} onValueChange={setConfirmation} error={fields.confirmation} />
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
