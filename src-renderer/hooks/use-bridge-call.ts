import { useCallback, useState } from 'react';
import type { Result } from '../../src-shared/contract';
import { useAppStore } from '../state/app-store';

/**
 * Runs a bridge call with the screen marked busy meanwhile. A session the backend no longer
 * accepts (UNAUTHENTICATED) is handled here for every screen: back to the login with its notice,
 * the form's typed values kept by the store.
 */
export function useBridgeCall() {
  const [busy, setBusy] = useState(false);
  const call = useCallback(async <T,>(run: () => Promise<Result<T>>): Promise<Result<T>> => {
    setBusy(true);
    try {
      const res = await run();
      if (!res.ok && res.error.code === 'UNAUTHENTICATED') useAppStore.getState().sessionExpired(res.error.message);
      return res;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, call };
}
