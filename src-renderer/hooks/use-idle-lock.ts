import { useEffect } from 'react';
import { ecuapass } from '../bridge';
import { useAppStore } from '../state/app-store';

const ACTIVITY_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

/**
 * Shared workstations: after the configured time without keyboard or mouse input, the session
 * is revoked and the login screen shown. What was typed waits for the same user (as after a 401).
 */
export function useIdleLock(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let limitMs = 0;
    let cancelled = false;

    const lock = async () => {
      await ecuapass.lockSession();
      if (cancelled) return;
      const minutes = limitMs / 60_000;
      const shown = minutes >= 1 ? `${Math.round(minutes)} minutos` : `${Math.round(limitMs / 1000)} segundos`;
      useAppStore.getState().sessionExpired(`Por seguridad, la sesión se cerró tras ${shown} sin actividad. Ingrese nuevamente.`);
    };
    const restart = () => {
      if (timer) clearTimeout(timer);
      if (limitMs > 0) timer = setTimeout(() => void lock(), limitMs);
    };

    void ecuapass.getSettings().then((res) => {
      if (cancelled || !res.ok) return;
      limitMs = res.value.idleLockMinutes * 60_000;
      restart();
    });
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, restart, { passive: true, capture: true });
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, restart, { capture: true });
    };
  }, [active]);
}
