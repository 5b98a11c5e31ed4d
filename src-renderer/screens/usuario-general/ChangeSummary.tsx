import { useState } from 'react';
import type { Registration } from '../../../src-shared/contract';
import { registrationChanges, type ChangeSummary } from '../../../src-shared/registration/changes';
import type { RegistrationForm } from '../../../src-shared/registration/update';
import { ecuapass } from '../../bridge';
import { Dialog } from '../../components/Dialog';
import { useBridgeCall } from '../../hooks/use-bridge-call';

/** "Resumen de cambios" (issue 28): what "Modificar" would change, from the registration read and the payload to send. */
export function summaryOf(registration: Registration, payload: RegistrationForm): ChangeSummary {
  return registrationChanges(
    registration,
    {
      name: payload.name.trim(),
      country: payload.country,
      province: payload.province,
      city: payload.city,
      phone1: payload.phone1,
      phone2: payload.phone2,
      mobile: { carrier: payload.mobile.carrier ?? '', number: payload.mobile.number },
      fax: payload.fax,
      email: payload.keepEmail ? registration.email : (payload.email ?? '').trim(),
    },
    payload.passwordChange !== undefined,
  );
}

export function ChangeSummaryList({ summary }: { summary: ChangeSummary }) {
  return (
    <>
      <p className="dialog-subtitle">Resumen de cambios:</p>
      <ul className="change-list" aria-label="Resumen de cambios">
        {summary.changes.map((c) => (
          <li key={c.field}>
            <strong>{c.label}:</strong> {c.from} → {c.to}
          </li>
        ))}
        {summary.passwordChanged && (
          <li>
            <strong>Contraseña:</strong> se cambiará
          </li>
        )}
      </ul>
    </>
  );
}

/** "La información de registro se modificó con éxito", with "Guardar constancia (PDF)" of that change. */
export function SavedDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const { busy, call } = useBridgeCall();

  async function saveReceipt(): Promise<void> {
    setStatus(null);
    const res = await call(() => ecuapass.saveReceipt());
    if (!res.ok) setStatus({ ok: false, text: res.error.message });
    else if (res.value.saved) setStatus({ ok: true, text: 'La constancia se guardó.' });
  }

  function close(): void {
    setStatus(null);
    onClose();
  }

  return (
    <Dialog
      open={open}
      title="Información"
      onCancel={close}
      actions={
        <>
          <button type="button" className="btn btn-secondary" onClick={() => void saveReceipt()} disabled={busy}>
            Guardar constancia (PDF)
          </button>
          <button type="button" className="btn btn-primary" onClick={close} autoFocus>
            Aceptar
          </button>
        </>
      }
    >
      <p>La información de registro se modificó con éxito.</p>
      {status && (
        <p className={status.ok ? 'status-ok' : 'form-error'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </p>
      )}
    </Dialog>
  );
}
