import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  actions: ReactNode;
  /** Escape key; confirmations treat it as "No". */
  onCancel: () => void;
  /** 'alertdialog' for questions that need an answer (Sí / No), 'dialog' for information. */
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal built on <dialog>: showModal() traps focus inside and makes the page behind it inert,
 * so the whole flow works from the keyboard.
 */
export function Dialog({ open, title, children, actions, onCancel, role = 'dialog' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      role={role}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <div id={bodyId} className="dialog-body">
            {children}
          </div>
          <div className="dialog-actions">{actions}</div>
        </>
      )}
    </dialog>
  );
}

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  message: ReactNode;
  onYes: () => void;
  onNo: () => void;
  busy?: boolean;
}) {
  return (
    <Dialog
      open={props.open}
      title={props.title}
      role="alertdialog"
      onCancel={props.onNo}
      actions={
        <>
          <button type="button" className="btn btn-primary" onClick={props.onYes} disabled={props.busy} autoFocus>
            Sí
          </button>
          <button type="button" className="btn btn-secondary" onClick={props.onNo} disabled={props.busy}>
            No
          </button>
        </>
      }
    >
      {props.message}
    </Dialog>
  );
}

export function InfoDialog(props: { open: boolean; title: string; message: ReactNode; onClose: () => void }) {
  return (
    <Dialog
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      actions={
        <button type="button" className="btn btn-primary" onClick={props.onClose} autoFocus>
          Aceptar
        </button>
      }
    >
      {props.message}
    </Dialog>
  );
}
