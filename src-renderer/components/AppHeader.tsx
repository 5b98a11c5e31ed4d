import { ecuapass } from '../bridge';
import { useAppStore } from '../state/app-store';
import { PortalMenu } from './PortalMenu';
import { guarded } from '../state/leave-guard';
import { useBridgeCall } from '../hooks/use-bridge-call';

export function AppHeader() {
  const session = useAppStore((s) => s.session);
  const { busy, call } = useBridgeCall();

  async function logout() {
    await call(() => ecuapass.logout());
    useAppStore.getState().signedOut('Su sesión se cerró correctamente.');
  }

  async function switchUser() {
    await call(() => ecuapass.switchUser());
    useAppStore.getState().signedOut('Su sesión queda recordada en este equipo. Puede continuar con otro usuario.');
  }

  return (
    <header className="app-header">
      <div className="brand" aria-label="Ecuapass">
        <span className="brand-mark" aria-hidden="true">
          E
        </span>
        <span className="brand-name">ECUAPASS</span>
        <span className="brand-sub">Portal externo</span>
      </div>
      <PortalMenu />
      <div className="user-box">
        {session && (
          // Mi cuenta (issue 28): sessions and activity of this user.
          <button type="button" className="btn btn-user" title="Mi cuenta" onClick={guarded(() => useAppStore.getState().goTo('account'))}>
            {session.user.name} ({session.user.userId})<span className="visually-hidden">: Mi cuenta</span>
          </button>
        )}
        <button type="button" className="btn btn-header" onClick={guarded(() => void switchUser())} disabled={busy}>
          Cambiar de usuario
        </button>
        <button type="button" className="btn btn-header" onClick={guarded(() => useAppStore.getState().goTo('settings'))}>
          Configuración
        </button>
        <button type="button" className="btn btn-secondary" onClick={guarded(() => void logout())} disabled={busy}>
          Cerrar sesión
        </button>
      </div>
    </header>
  );
}
