import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useAppStore } from '../state/app-store';
import { useLeaveGuard } from '../state/leave-guard';

/**
 * The portal's "Menú" (instructivo §5.2–5.3): Soporte al Cliente > Registro de usuario >
 * 3.2.3 Modificar información de registro de usuario. A disclosure tree of buttons, so it works
 * with the keyboard (Tab, Enter/Space, Escape closes) and reads well in a screen reader.
 */
export function PortalMenu() {
  const [open, setOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const container = useRef<HTMLDivElement>(null);

  function close(returnFocus: boolean) {
    // The branches' own state goes with the tree: it opens again folded.
    setOpen(false);
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
          <MenuBranch id="menu-soporte" label="Soporte al Cliente">
            <MenuBranch id="menu-registro" label="Registro de usuario">
              <li>
                <button type="button" className="menu-item menu-leaf" onClick={openModificar}>
                  3.2.3 Modificar información de registro de usuario
                </button>
              </li>
            </MenuBranch>
          </MenuBranch>
        </ul>
      )}
    </nav>
  );
}

/** One branch of the tree: a button that shows or hides its sub-list. */
function MenuBranch({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  const [expanded, setExpanded] = useState(false);
  return (
    <li>
      <button type="button" className="menu-item" aria-expanded={expanded} aria-controls={id} onClick={() => setExpanded(!expanded)}>
        {label}
      </button>
      {expanded && (
        <ul id={id} className="menu-sub">
          {children}
        </ul>
      )}
    </li>
  );
}
