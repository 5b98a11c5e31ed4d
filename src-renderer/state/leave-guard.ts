import { create } from 'zustand';
import { ecuapass } from '../bridge';

interface LeaveGuardState {
  /** The form on screen has changes not saved with "Modificar". */
  unsaved: boolean;
  /** What leaving would do, while the Sí/No question is open. */
  pending: (() => void) | null;
  /** Writes the form's draft at once (OS shutdown: no time for the debounce). */
  flush: (() => void) | null;
  setUnsaved(unsaved: boolean): void;
  setFlush(flush: (() => void) | null): void;
  /** Runs `leave` at once without changes; otherwise asks first. */
  requestLeave(leave: () => void): void;
  confirm(): void;
  cancel(): void;
}

/**
 * The unsaved-changes guard (issue 9): every way of leaving the form (Cerrar sesión, Cambiar de
 * usuario, Configuración, Menú, and window close / Salir / Ctrl+Q held by the main process) asks
 * whether to leave without saving. The main process is told when the form has changes, so it can
 * hold a close.
 */
export const useLeaveGuard = create<LeaveGuardState>((set, get) => ({
  unsaved: false,
  pending: null,
  flush: null,
  setUnsaved: (unsaved) => {
    if (get().unsaved === unsaved) return;
    set({ unsaved });
    void ecuapass.setUnsavedChanges({ dirty: unsaved });
  },
  setFlush: (flush) => set({ flush }),
  requestLeave: (leave) => {
    if (!get().unsaved) return leave();
    set({ pending: leave });
  },
  confirm: () => {
    const leave = get().pending;
    set({ pending: null });
    leave?.();
  },
  cancel: () => set({ pending: null }),
}));

/** Shorthand for buttons: `onClick={guarded(() => ...)}`. */
export function guarded(leave: () => void): () => void {
  return () => useLeaveGuard.getState().requestLeave(leave);
}
