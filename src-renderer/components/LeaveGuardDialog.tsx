import { useLeaveGuard } from '../state/leave-guard';
import { ConfirmDialog } from './Dialog';

/** The one Sí/No question asked on every way of leaving a form with changes. */
export function LeaveGuardDialog() {
  const open = useLeaveGuard((s) => s.pending !== null);
  return (
    <ConfirmDialog
      open={open}
      title="Cambios sin guardar"
      message="Hay cambios en el formulario que no se han guardado con «Modificar». ¿Desea salir sin guardar?"
      onYes={() => useLeaveGuard.getState().confirm()}
      onNo={() => useLeaveGuard.getState().cancel()}
    />
  );
}
