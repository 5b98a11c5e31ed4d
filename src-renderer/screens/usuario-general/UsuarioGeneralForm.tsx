import { useEffect, useState, type FormEvent } from 'react';
import { ERROR_MESSAGES, type ContractError, type Registration } from '../../../src-shared/contract';
import { MSG } from '../../../src-shared/registration/messages';
import { ecuapass } from '../../bridge';
import { useAppStore } from '../../state/app-store';
import { TextField } from '../../components/TextField';
import { ConfirmDialog, InfoDialog } from '../../components/Dialog';
import { useRegistrationForm } from './use-registration-form';
import { BoundText } from './BoundText';
import type { FormErrors } from './form-rules';
import { SECRET_FIELDS, fieldOfWirePath, payloadFromValues, valuesFromRegistration, type FieldName } from './form-values';
import { PasswordSection } from './PasswordSection';
import { LocationSection } from './LocationSection';
import { EmailSection } from './EmailSection';
import { DarDeBaja } from '../DarDeBaja';
import { useDurableDraft } from './use-durable-draft';
import { ChangeSummaryList, SavedDialog, summaryOf } from './ChangeSummary';
import type { ChangeSummary } from '../../../src-shared/registration/changes';
import { DraftNotice } from './DraftNotice';
import { FormAlert } from '../../components/FormAlert';
import { useBridgeCall } from '../../hooks/use-bridge-call';

type DialogState =
  | { kind: 'none' }
  | { kind: 'confirm'; summary: ChangeSummary }
  | { kind: 'nothing' }
  | { kind: 'saved' }
  | { kind: 'conflict' }
  | { kind: 'info'; title: string; message: string };

export function UsuarioGeneralForm({ registration }: { registration: Registration }) {
  const [passwordVerified, setPasswordVerified] = useState(false);
  const [emailVerified, setEmailVerified] = useState(false);
  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' });
  const [formError, setFormError] = useState<ContractError | null>(null);
  const { busy, call } = useBridgeCall();
  const form = useRegistrationForm(registration, { passwordVerified, emailVerified });
  const { values } = form;
  const draft = useDurableDraft(registration, values, form.reset, form.restoredFromMemory);

  // Everything typed (but secrets) waits in memory, so a session that ends mid-edit loses nothing.
  useEffect(() => {
    const kept: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
      if (!SECRET_FIELDS.includes(k as FieldName)) kept[k] = v;
    }
    useAppStore.getState().saveDraft({ userId: registration.userId, values: kept });
  }, [values, registration.userId]);

  /** Shows a failed bridge call at its fields (first one focused) and as a form-level alert. */
  function showFailure(error: ContractError): void {
    // The login screen is already on its way (useBridgeCall / sessionExpired); typed values are kept.
    if (error.code === 'UNAUTHENTICATED') return;
    // Field-bound errors carry `fields` (FIELD_OF_ERROR on the backend): mapped here, once.
    const fields: FormErrors = {};
    for (const [path, message] of Object.entries(error.fields ?? {})) {
      const field = fieldOfWirePath(path);
      if (field && !fields[field]) fields[field] = message;
    }
    if (error.code === 'PASSWORD_TICKET_INVALID') setPasswordVerified(false);
    form.setFieldErrors(fields);
    setFormError(error);
    if (error.code === 'SECURITY_CODE_EXPIRED') {
      setDialog({ kind: 'info', title: 'Código de seguridad expirado', message: error.message });
    } else if (error.code === 'VERSION_CONFLICT') {
      setDialog({ kind: 'conflict' });
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!form.validateAll()) {
      // A summary at the top; each message also sits at its field, the first one focused.
      setFormError({ code: 'VALIDATION_FAILED', message: ERROR_MESSAGES.VALIDATION_FAILED });
      return;
    }
    setFormError(null);
    const summary = summaryOf(registration, payloadFromValues(values, registration.version));
    setDialog(summary.changes.length === 0 && !summary.passwordChanged ? { kind: 'nothing' } : { kind: 'confirm', summary });
  }

  async function save(): Promise<void> {
    const res = await call(() => ecuapass.updateRegistration(payloadFromValues(values, registration.version)));
    if (!res.ok) {
      setDialog({ kind: 'none' });
      showFailure(res.error);
      return;
    }
    setFormError(null);
    setDialog({ kind: 'saved' });
    setPasswordVerified(false);
    setEmailVerified(false);
    form.reset(valuesFromRegistration(res.value));
    useAppStore.getState().setRegistration(res.value);
  }

  /** After a conflict: the newest stored data (and version) under what the user typed. */
  async function reloadKeepingInput(): Promise<void> {
    setDialog({ kind: 'none' });
    const res = await call(() => ecuapass.getRegistration());
    if (!res.ok) return showFailure(res.error);
    useAppStore.getState().setRegistration(res.value);
    setFormError(null);
  }

  return (
    <form className="registration-form" aria-labelledby="ug-title" noValidate onSubmit={onSubmit}>
      <DraftNotice offer={draft.offer} onRestore={draft.restore} onDiscard={draft.discard} onDismiss={draft.dismiss} />
      <FormAlert>{formError?.message}</FormAlert>
      <fieldset className="form-section">
        <legend>Datos del usuario</legend>
        {/* Read-only, and the hint (aria-describedby) says the way to another ID.usuario: dar de baja, then a new registration. */}
        <TextField id="ug-userId" label="ID.usuario" value={registration.userId} readOnly hint={MSG.userIdFixed} />
        <TextField id="ug-idDocument" label="Doc. Identificación" value={registration.idDocument} readOnly />
        <BoundText form={form} name="name" id="ug-name" label="Nombre de Usuario" required maxLength={100}
          autoComplete="name" hint="Solo corrección de apellidos o nombres mal escritos." />
      </fieldset>

      <PasswordSection form={form} verified={passwordVerified} onVerified={() => setPasswordVerified(true)} onFailure={showFailure} />
      <LocationSection form={form} />
      <EmailSection
        form={form}
        registration={registration}
        verified={emailVerified}
        onVerified={() => setEmailVerified(true)}
        onCodeSent={(email, expiresAt) =>
          setDialog({
            kind: 'info',
            title: 'Código de seguridad enviado',
            message: `Se envió el correo electrónico "ACTIVACIÓN DE CORREO ELECTRÓNICO" a ${email} con su código de seguridad. El código vence ${validityFrom(expiresAt)}. Revise también la bandeja de correos no deseados.`,
          })
        }
        onFailure={showFailure}
      />

      <fieldset className="form-section">
        <legend>Correo institucional</legend>
        <TextField id="ug-senaeEmail" label="Senae correo electrónico" value={registration.senaeEmail} readOnly />
      </fieldset>

      <div className="form-actions">
        <DarDeBaja />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Modificar
        </button>
      </div>

      <ConfirmDialog
        open={dialog.kind === 'confirm'}
        title="Confirmación"
        message={
          <>
            <p className="dialog-question">¿Está seguro de modificar la información de registro?</p>
            {dialog.kind === 'confirm' && <ChangeSummaryList summary={dialog.summary} />}
          </>
        }
        busy={busy}
        onYes={() => void save()}
        onNo={() => setDialog({ kind: 'none' })}
      />
      <InfoDialog
        open={dialog.kind === 'nothing'}
        title="Resumen de cambios"
        message="No hay cambios: los datos del formulario son iguales a los registrados, así que no hay nada que modificar."
        onClose={() => setDialog({ kind: 'none' })}
      />
      <SavedDialog open={dialog.kind === 'saved'} onClose={() => setDialog({ kind: 'none' })} />
      <ConfirmDialog
        open={dialog.kind === 'conflict'}
        title="Datos modificados en otra sesión"
        message="Los datos de registro fueron modificados en otra sesión. ¿Desea recargarlos? Lo que usted escribió se conserva."
        onYes={() => void reloadKeepingInput()}
        onNo={() => setDialog({ kind: 'none' })}
      />
      <InfoDialog
        open={dialog.kind === 'info'}
        title={dialog.kind === 'info' ? dialog.title : ''}
        message={dialog.kind === 'info' ? dialog.message : ''}
        onClose={() => setDialog({ kind: 'none' })}
      />
    </form>
  );
}

/** "en 15 minutos (a las 10:42)", from the backend's expiry instant. */
function validityFrom(expiresAt: string): string {
  const at = new Date(expiresAt);
  const minutes = Math.max(1, Math.round((at.getTime() - Date.now()) / 60_000));
  const time = at.toLocaleTimeString('es-EC', { hour: '2-digit', minute: '2-digit' });
  return `en ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'} (a las ${time})`;
}
