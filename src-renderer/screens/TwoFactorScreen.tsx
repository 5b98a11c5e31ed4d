import { TwoFactorSection } from '../account/two-factor-section';
import { useAppStore } from '../state/app-store';

/** Until "Mi cuenta" (issue 28) mounts the section, it has this screen of its own, reached from the portal. */
export function TwoFactorScreen() {
  return (
    <main className="screen" aria-labelledby="two-factor-screen-title">
      <h1 id="two-factor-screen-title">Seguridad de la cuenta</h1>
      <TwoFactorSection />
      <button type="button" className="btn btn-link" onClick={() => useAppStore.getState().goTo('portal')}>
        Volver al portal
      </button>
    </main>
  );
}
