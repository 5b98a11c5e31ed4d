import { useEffect, useState } from 'react';
import { ecuapass } from '../bridge';
import { useAppStore } from '../state/app-store';

/**
 * Shown while the OS keychain cannot be used (none, locked, or its helper failed): the session
 * lives in memory. "Reintentar" starts a fresh keychain helper (e.g. after the user unlocked the
 * keyring) and, when it answers, the session is remembered again.
 */
export function KeychainNotice() {
  const session = useAppStore((s) => s.session);
  const [available, setAvailable] = useState<boolean | null>(session?.remembered ? null : false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    // The keychain may have failed after login: ask the main process what holds now.
    void ecuapass.getAppInfo().then((res) => {
      if (!cancelled && res.ok) setAvailable(res.value.keychainAvailable);
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (!session || available !== false) return null;

  async function retry() {
    setBusy(true);
    const res = await ecuapass.retryKeychain();
    setBusy(false);
    const remembered = res.ok && res.value.remembered;
    setFailed(!remembered);
    if (!remembered) return;
    setAvailable(true);
    const current = useAppStore.getState().session;
    if (current) useAppStore.getState().sessionUpdated({ ...current, remembered: true });
  }

  return (
    <div className="notice keychain-notice" role="status">
      <p>No hay un llavero del sistema disponible: su sesión no se recordará al cerrar la aplicación.</p>
      {failed && <p>El llavero del sistema sigue sin responder.</p>}
      <button type="button" className="btn btn-secondary" onClick={() => void retry()} disabled={busy}>
        Reintentar
      </button>
    </div>
  );
}
