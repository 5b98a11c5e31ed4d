import { useRef, useState } from 'react';
import type { ContractError } from '../../src-shared/contract';
import { deactivationReasonField } from '../../src-shared/registration/update';
import { ecuapass } from '../bridge';
import { useAppStore } from '../state/app-store';
import { ConfirmDialog, Dialog, InfoDialog } from '../components/Dialog';
import { FieldShell, fieldAria } from '../components/FieldShell';
import { useBridgeCall } from '../hooks/use-bridge-call';
import { FormAlert } from '../components/FormAlert';

type Step = 'closed' | 'reason' | 'confirm' | 'done';

/**
 * "Dar de baja" (instructivo §5.8): the reason, a confirmation that it cannot be undone, then the
 * information message and back to the login screen.
 */
export function DarDeBaja() {
  const [step, setStep] = useState<Step>('closed');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ContractError | null>(null);
  const { busy, call } = useBridgeCall();
  const [message, setMessage] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);

  function checkReason(): boolean {
    const parsed = deactivationReasonField.safeParse(reason);
    setReasonError(parsed.success ? undefined : parsed.error.issues[0]?.message);
    if (!parsed.success) textarea.current?.focus();
    return parsed.success;
  }

  async function deactivate() {
    const res = await call(() => ecuapass.deactivateUser({ reason: reason.trim() }));
    if (!res.ok) {
      if (res.error.code === 'UNAUTHENTICATED') return; // useBridgeCall went back to the login
      setFailure(res.error);
      if (res.error.fields?.reason) setReasonError(res.error.fields.reason);
      setStep('reason');
      return;
    }
    setMessage(res.value.message);
    setStep('done');
  }

  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setStep('reason')}>
        Dar de baja
      </button>
      <Dialog
        open={step === 'reason'}
        title="Dar de baja al usuario"
        onCancel={() => setStep('closed')}
        actions={
          <>
            <button type="button" className="btn btn-danger" onClick={() => checkReason() && setStep('confirm')}>
              Dar de baja
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setStep('closed')}>
              Cancelar
            </button>
          </>
        }
      >
        <p>Escriba el motivo por el cual desea dar de baja a su usuario.</p>
        <FormAlert>{failure?.message}</FormAlert>
        <FieldShell id="baja-reason" label="Motivo" required error={reasonError} hint="Entre 10 y 500 caracteres.">
          <textarea
            ref={textarea}
            {...fieldAria('baja-reason', reasonError, 'Entre 10 y 500 caracteres.', true)}
            className="input textarea"
            rows={4}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              if (reasonError) setReasonError(undefined);
            }}
            autoFocus
          />
        </FieldShell>
      </Dialog>
      <ConfirmDialog
        open={step === 'confirm'}
        title="Confirmación"
        message="¿Está seguro de dar de baja a su usuario? Esta acción no se puede deshacer: ya no podrá ingresar a Ecuapass con este usuario."
        busy={busy}
        onYes={() => void deactivate()}
        onNo={() => setStep('closed')}
      />
      <InfoDialog
        open={step === 'done'}
        title="Información"
        message={message}
        onClose={() => useAppStore.getState().signedOut(message)}
      />
    </>
  );
}
