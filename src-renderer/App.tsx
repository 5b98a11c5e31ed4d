import { useEffect } from 'react';
import { ecuapass } from './bridge';
import { useAppStore } from './state/app-store';
import { LoginScreen } from './screens/LoginScreen';
import { PortalScreen } from './screens/PortalScreen';
import { ModificarInformacionUsoScreen } from './screens/ModificarInformacionUsoScreen';
import { UsuarioGeneralScreen } from './screens/UsuarioGeneralScreen';
import { AppHeader } from './components/AppHeader';
import { ConfiguracionScreen } from './screens/ConfiguracionScreen';
import { useIdleLock } from './hooks/use-idle-lock';

export function App() {
  const screen = useAppStore((s) => s.screen);
  const signedIn = useAppStore((s) => s.session !== null);
  useIdleLock(signedIn);

  useEffect(() => {
    let cancelled = false;
    void ecuapass.restoreSession().then((res) => {
      if (cancelled) return;
      const store = useAppStore.getState();
      if (res.ok && res.value) store.signedIn(res.value);
      else {
        if (!res.ok) store.setStartupError(res.error);
        store.signedOut();
      }
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (screen === 'starting') {
    return (
      <main className="starting" aria-busy="true">
        <p>Cargando…</p>
      </main>
    );
  }
  if (screen === 'login') return <LoginScreen />;
  if (screen === 'settings' && !signedIn) return <ConfiguracionScreen />;
  return (
    <div className="shell">
      <AppHeader />
      {screen === 'portal' && <PortalScreen />}
      {screen === 'chooser' && <ModificarInformacionUsoScreen />}
      {screen === 'usuarioGeneral' && <UsuarioGeneralScreen />}
      {screen === 'settings' && <ConfiguracionScreen />}
    </div>
  );
}
