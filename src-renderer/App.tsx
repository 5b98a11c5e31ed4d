import { useEffect } from 'react';
import { ecuapass } from './bridge';
import { useAppStore } from './state/app-store';
import { LoginScreen } from './screens/LoginScreen';
import { PortalScreen } from './screens/PortalScreen';
import { ModificarInformacionUsoScreen } from './screens/ModificarInformacionUsoScreen';
import { UsuarioGeneralScreen } from './screens/UsuarioGeneralScreen';
import { AppHeader } from './components/AppHeader';

export function App() {
  const screen = useAppStore((s) => s.screen);

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
  return (
    <div className="shell">
      <AppHeader />
      {screen === 'portal' && <PortalScreen />}
      {screen === 'chooser' && <ModificarInformacionUsoScreen />}
      {screen === 'usuarioGeneral' && <UsuarioGeneralScreen />}
    </div>
  );
}
