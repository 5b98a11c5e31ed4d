import { lazy, Suspense } from 'react';
import { useAppStore } from './state/app-store';
import { LoginScreen } from './screens/LoginScreen';
import { PortalScreen } from './screens/PortalScreen';
import { ModificarInformacionUsoScreen } from './screens/ModificarInformacionUsoScreen';
import { AppHeader } from './components/AppHeader';
import { useIdleLock } from './hooks/use-idle-lock';
import { useAppEvents } from './hooks/use-app-events';
import { LeaveGuardDialog } from './components/LeaveGuardDialog';
import { UpdateNotice } from './components/UpdateNotice';

// Loaded when first opened: the login screen starts with less script to parse.
const UsuarioGeneralScreen = lazy(() =>
  import('./screens/UsuarioGeneralScreen').then((m) => ({ default: m.UsuarioGeneralScreen })),
);
const MiCuentaScreen = lazy(() => import('./screens/MiCuentaScreen').then((m) => ({ default: m.MiCuentaScreen })));
const PasswordResetScreen = lazy(() => import('./screens/PasswordResetScreen').then((m) => ({ default: m.PasswordResetScreen })));
const ForcedPasswordChangeScreen = lazy(() =>
  import('./screens/ForcedPasswordChangeScreen').then((m) => ({ default: m.ForcedPasswordChangeScreen })),
);
const TwoFactorScreen = lazy(() => import('./screens/TwoFactorScreen').then((m) => ({ default: m.TwoFactorScreen })));
const ConfiguracionScreen = lazy(() =>
  import('./screens/ConfiguracionScreen').then((m) => ({ default: m.ConfiguracionScreen })),
);

export function App() {
  const screen = useAppStore((s) => s.screen);
  const signedIn = useAppStore((s) => s.session !== null);
  const mustChangePassword = useAppStore((s) => s.session?.passwordChangeRequired === true);
  useIdleLock(signedIn);
  useAppEvents();

  if (screen === 'starting') {
    return (
      <main className="starting" aria-busy="true">
        <p>Cargando…</p>
      </main>
    );
  }
  if (screen === 'login') {
    return (
      <>
        <LoginScreen />
        <UpdateNotice />
      </>
    );
  }
  if (screen === 'passwordReset' && !signedIn) {
    return (
      <Suspense fallback={<p aria-busy="true">Cargando…</p>}>
        <PasswordResetScreen />
      </Suspense>
    );
  }
  // Signed in with an automatic key: nothing else answers until the password is changed.
  if (signedIn && mustChangePassword) {
    return (
      <Suspense fallback={<p aria-busy="true">Cargando…</p>}>
        <ForcedPasswordChangeScreen />
      </Suspense>
    );
  }
  if (screen === 'settings' && !signedIn) {
    return (
      <Suspense fallback={<p aria-busy="true">Cargando…</p>}>
        <ConfiguracionScreen />
      </Suspense>
    );
  }
  return (
    <div className="shell">
      <AppHeader />
      {screen === 'portal' && <PortalScreen />}
      {screen === 'chooser' && <ModificarInformacionUsoScreen />}
      <Suspense fallback={<p aria-busy="true">Cargando…</p>}>
        {screen === 'usuarioGeneral' && <UsuarioGeneralScreen />}
        {screen === 'settings' && <ConfiguracionScreen />}
        {screen === 'account' && <MiCuentaScreen />}
        {screen === 'twoFactor' && <TwoFactorScreen />}
      </Suspense>
      <LeaveGuardDialog />
      <UpdateNotice />
    </div>
  );
}
