import { useRef, useState, type FormEvent } from 'react';
import {
  PasswordResetRequestSchema,
  USER_CLASSIFICATION_LABELS,
  USER_CLASSIFICATIONS,
  fieldErrorsFrom,
  type ContractError,
} from '../../src-shared/contract';
import { describeIdDocument } from '../../src-shared/identity';
import { ecuapass } from '../bridge';
import { FormAlert } from '../components/FormAlert';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { useBridgeCall } from '../hooks/use-bridge-call';
import { useAppStore } from '../state/app-store';

const CLASSIFICATION_OPTIONS = USER_CLASSIFICATIONS.map((value) => ({ value, label: USER_CLASSIFICATION_LABELS[value] }));

/**
 * "Solicitud de reinicio de clave automática" (issue 27), from the login's "Reiniciar clave". Section "Búsqueda de ID
 * de usuario": Clasificación de usuario, ID.usuario, Doc. Identificación (cédula and RUC checked by their check digit
 * before sending), Correo electrónico registrado. The backend answers the same whatever matched, and so does this
 * screen; the key arrives by mail and is typed in the login's Contraseña.
 */
export function PasswordResetScreen() {
  const [values, setValues] = useState({ classification: 'USUARIO_GENERAL', userId: useAppStore.getState().lastUserId ?? '', idDocument: '', email: '' });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<ContractError | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const { busy, call } = useBridgeCall();
  const userRef = useRef<HTMLInputElement>(null);
  const documentRef = useRef<HTMLInputElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const documentKind = describeIdDocument(values.idDocument);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = PasswordResetRequestSchema.safeParse(values);
    if (!parsed.success) {
      const found = fieldErrorsFrom(parsed.error);
      setFields(found);
      (found.userId ? userRef : found.idDocument ? documentRef : emailRef).current?.focus();
      return;
    }
    setFields({});
    setError(null);
    const res = await call(() => ecuapass.requestPasswordReset(parsed.data));
    if (!res.ok) {
      setFields(res.error.fields ?? {});
      return setError(res.error);
    }
    setSent(res.value.message);
  }

  const back = () => useAppStore.getState().goTo('login');

  return (
    <main className="login-page">
      <form className="login-card settings-card" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="reset-title">
        <h1 id="reset-title">Solicitud de reinicio de clave automática</h1>
        {sent ? (
          <>
            <p className="notice" role="status">
              {sent}
            </p>
            <p>Ingrese con su ID.usuario y la clave automática en el campo Contraseña.</p>
            <button type="button" className="btn btn-primary" onClick={back} autoFocus>
              Volver al ingreso
            </button>
          </>
        ) : (
          <>
            <FormAlert>{error?.message}</FormAlert>
            <fieldset className="form-section reset-section">
              <legend>Búsqueda de ID de usuario</legend>
              <SelectField
                id="reset-classification"
                label="Clasificación de usuario"
                required
                options={CLASSIFICATION_OPTIONS}
                value={values.classification}
                onChange={(e) => set('classification')(e.target.value)}
                error={fields.classification}
              />
              <TextField ref={userRef} id="reset-user" label="ID.usuario" required autoComplete="username" value={values.userId} onValueChange={set('userId')} error={fields.userId} maxLength={50} autoFocus />
              <TextField
                ref={documentRef}
                id="reset-document"
                label="Doc. Identificación"
                required
                value={values.idDocument}
                onValueChange={set('idDocument')}
                error={fields.idDocument}
                hint={values.idDocument.trim() ? documentKind.label : 'Cédula, RUC o pasaporte'}
                maxLength={20}
                inputMode="text"
              />
              <TextField ref={emailRef} id="reset-email" label="Correo electrónico registrado" required type="email" autoComplete="email" value={values.email} onValueChange={set('email')} error={fields.email} maxLength={254} />
            </fieldset>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Enviando…' : 'Solicitar clave automática'}
            </button>
            <div className="login-links">
              <button type="button" className="btn btn-link" onClick={back}>
                Volver al ingreso
              </button>
            </div>
          </>
        )}
      </form>
    </main>
  );
}
