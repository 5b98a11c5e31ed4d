import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../state/app-store';
import { useLeaveGuard } from '../state/leave-guard';

/**
 * The portal's "Menú" (instructivo §5.2–5.3): Soporte al Cliente > Registro de usuario >
 * 3.2.3 Modificar información de registro de usuario. A disclosure tree of buttons, so it works
 * with the keyboard (Tab, Enter/Space, Escape closes) and reads well in a screen reader.
 */
export function PortalMenu() {
  const [open, setOpen] = useState(false);
  const [soporteOpen, setSoporteOpen] = useState(false);
  const [registroOpen, setRegistroOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const container = useRef<HTMLDivElement>(null);

  function close(returnFocus: boolean) {
    setOpen(false);
    setSoporteOpen(false);
    setRegistroOpen(false);
    if (returnFocus) menuButton.current?.focus();
  }

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: MouseEvent) => {
      if (container.current && !container.current.contains(e.target as Node)) close(false);
    };
    document.addEventListener('mousedown', onPointer);
    return () => document.removeEventListener('mousedown', onPointer);
  }, [open]);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape' && open) {
      e.preventDefault();
      close(true);
    }
  }

  function openModificar() {
    close(false);
    useLeaveGuard.getState().requestLeave(() => useAppStore.getState().goTo('chooser'));
  }

  return (
    <nav className="portal-menu" aria-label="Menú principal" ref={container} onKeyDown={onKeyDown}>
      <button
        ref={menuButton}
        type="button"
        className="btn btn-menu"
        aria-expanded={open}
        aria-controls="portal-menu-tree"
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        Menú
      </button>
      {open && (
        <ul id="portal-menu-tree" className="menu-tree">
          <li>
            <button
              type="button"
              className="menu-item"
              aria-expanded={soporteOpen}
              aria-controls="menu-soporte"
              onClick={() => setSoporteOpen(!soporteOpen)}
            >
              Soporte al Cliente
            </button>
            {soporteOpen && (
              <ul id="menu-soporte" className="menu-sub">
                <li>
                  <button
                    type="button"
                    className="menu-item"
                    aria-expanded={registroOpen}
                    aria-controls="menu-registro"
                    onClick={() => setRegistroOpen(!registroOpen)}
                  >
                    Registro de usuario
                  </button>
                  {registroOpen && (
                    <ul id="menu-registro" className="menu-sub">
                      <li>
                        <button type="button" className="menu-item menu-leaf" onClick={openModificar}>
                          3.2.3 Modificar información de registro de usuario
                        </button>
                      </li>
                    </ul>
                  )}
                </li>
              </ul>
            )}
          </li>
        </ul>
      )}
    </nav>
  );
}
