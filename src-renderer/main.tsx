import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ecuapass } from './bridge';
import { useAppStore } from './state/app-store';
import './styles.css';

/** How long the first render waits for restoreSession, so that the first paint is already the right screen. */
const FIRST_RENDER_WAIT_MS = 50;

// Asked before React renders (issue #15). With nobody to restore the answer is back within a few milliseconds, and the
// window (shown on its first paint) opens on the login itself rather than on "Cargando…"; a restore that takes
// longer (keychain, backend) shows "Cargando…" meanwhile.
const restored = ecuapass.restoreSession().then((res) => {
  const store = useAppStore.getState();
  if (res.ok && res.value) store.signedIn(res.value);
  else {
    if (!res.ok) store.setStartupError(res.error);
    store.signedOut();
  }
});

const root = document.getElementById('root');
if (root) {
  void Promise.race([restored, new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS))]).then(() =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
