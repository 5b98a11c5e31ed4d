import { useEffect, useState } from 'react';
import { ecuadorDateTime, type PreviousLogin } from '../../src-shared/contract';
import { ecuapass } from '../bridge';
import { useAppStore } from '../state/app-store';
import { KeychainNotice } from '../components/KeychainNotice';
import { deviceLabel } from './mi-cuenta/labels';
import { useBridgeCall } from '../hooks/use-bridge-call';

export function PortalScreen() {
  const session = useAppStore((s) => s.session);
  const lastLogin = usePreviousLogin();
  return (
    <main className="screen" aria-labelledby="portal-title">
      <h1 id="portal-title">Bienvenido al portal externo Ecuapass</h1>
      {session && <p>Usuario: {session.user.name}</p>}
      {lastLogin !== undefined && (
        <p className="last-login">
          {lastLogin
            ? `Último ingreso: ${ecuadorDateTime(lastLogin.at)}, desde ${deviceLabel(lastLogin.device)}.`
            : 'Último ingreso: este es su primer ingreso registrado.'}{' '}
          Sus sesiones y la actividad de su cuenta están en Mi cuenta (su nombre, arriba).
        </p>
      )}
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

/** "Último ingreso" (issue 28): the login before this session's; undefined until known (or when it cannot be read). */
function usePreviousLogin(): PreviousLogin | null | undefined {
  const [value, setValue] = useState<PreviousLogin | null | undefined>(undefined);
  const { call } = useBridgeCall();
  useEffect(() => {
    let live = true;
    void call(() => ecuapass.listSessions()).then((res) => {
      if (live && res.ok) setValue(res.value.previousLogin);
    });
    return () => {
      live = false;
    };
  }, [call]);
  return value;
}
