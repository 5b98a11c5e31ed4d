import { useEffect, useState } from 'react';
import type { UpdateState } from '../../src-shared/contract';
import { ecuapass } from '../bridge';

/** While a check or a download runs the notice follows it closely; otherwise a slow poll catches the next check. */
const FAST_POLL_MS = 1_000;
const SLOW_POLL_MS = 30_000;

/**
 * The update notice (issue 10): "Está disponible la versión X" with the download's progress, then "se instalará al
 * reiniciar" with a button to restart now, or the Spanish reason a download was refused. Shown on every screen,
 * in a corner, never over the form's controls.
 */
export function UpdateNotice() {
  const [state, setState] = useState<UpdateState | null>(null);
  const [installError, setInstallError] = useState<string | null>(null);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      const res = await ecuapass.getUpdateState();
      if (stopped) return;
      const next = res.ok ? res.value : null;
      setState(next);
      if (next?.phase === 'off') return;
      const busy = next?.phase === 'checking' || next?.phase === 'downloading' || next?.phase === 'idle';
      timer = setTimeout(() => void poll(), busy ? FAST_POLL_MS : SLOW_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);

  if (!state || state.phase === 'off' || state.phase === 'idle' || state.phase === 'checking') return null;

  async function install() {
    setInstallError(null);
    const res = await ecuapass.installUpdate();
    if (!res.ok) setInstallError(res.error.message);
  }

  const percent = Math.round(state.percent ?? 0);
  return (
    <aside className={`update-notice${state.phase === 'error' ? ' update-error' : ''}`} aria-label="Actualización" aria-live="polite">
      <p className="update-message">{state.message}</p>
      {state.phase === 'downloading' && (
        <>
          <progress max={100} value={percent} aria-label="Progreso de la descarga" />
          <p className="update-progress">
            Descargando… {percent} %{state.totalBytes ? ` (${mib(state.transferredBytes ?? 0)} de ${mib(state.totalBytes)} MB)` : ''}
          </p>
        </>
      )}
      {state.phase === 'ready' && state.canInstall && (
        <button type="button" className="btn btn-primary" onClick={() => void install()}>
          Reiniciar y actualizar
        </button>
      )}
      {installError && <p role="alert">{installError}</p>}
    </aside>
  );
}

function mib(bytes: number): string {
  return (bytes / (1024 * 1024)).toLocaleString('es-EC', { maximumFractionDigits: 1 });
}
