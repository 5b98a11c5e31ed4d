import { useAppStore } from '../state/app-store';
import { KeychainNotice } from '../components/KeychainNotice';

export function PortalScreen() {
  const session = useAppStore((s) => s.session);
  return (
    <main className="screen" aria-labelledby="portal-title">
      <h1 id="portal-title">Bienvenido al portal externo Ecuapass</h1>
      {session && <p>Usuario: {session.user.name}</p>}
      <p>
        Para actualizar sus datos, abra <strong>Menú</strong> y elija Soporte al Cliente &gt; Registro de usuario &gt;
        3.2.3 Modificar información de registro de usuario.
      </p>
      <p>
        <button type="button" className="btn btn-link" onClick={() => useAppStore.getState().goTo('twoFactor')}>
          Verificación en dos pasos
        </button>
      </p>
      <KeychainNotice />
    </main>
  );
}
