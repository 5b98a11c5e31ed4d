import { useEffect } from 'react';
import { ecuapass } from '../bridge';
import { useLeaveGuard } from '../state/leave-guard';

/**
 * Listens to the main process (a long-poll on `nextAppEvent`): a held window close or quit asks
 * the unsaved-changes question, whose Sí lets the main process go ahead; an OS shutdown writes
 * the draft at once.
 */
export function useAppEvents(): void {
  useEffect(() => {
    let stopped = false;
    async function listen() {
      while (!stopped) {
        const res = await ecuapass.nextAppEvent();
        if (stopped) return;
        if (!res.ok) {
          // Not ready yet or refused: try again shortly rather than spin.
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        const guard = useLeaveGuard.getState();
        if (res.value.kind === 'flushDraft') guard.flush?.();
        else guard.requestLeave(() => void ecuapass.confirmLeave());
      }
    }
    void listen();
    return () => {
      stopped = true;
    };
  }, []);
}
