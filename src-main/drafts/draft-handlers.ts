import type { BridgeHandlers } from '../ipc/bridge-handlers';
import { contractError } from '../api/error-mapping';
import type { DraftStore } from './draft-store';
import type { LeaveGuard } from './leave-guard';

type DraftMethods =
  | 'saveDraft'
  | 'loadDraft'
  | 'discardDraft'
  | 'getDraftStorage'
  | 'setUnsavedChanges'
  | 'nextAppEvent'
  | 'confirmLeave';

export interface DraftDeps {
  store: DraftStore;
  guard: LeaveGuard;
  currentUserId: () => string | null;
  maxAgeDays: () => number;
  log: { warn(message: string, ...details: unknown[]): void };
}

/** The draft's bridge methods: always the signed-in user's draft, never another's. */
export function draftHandlers(deps: DraftDeps): Pick<BridgeHandlers, DraftMethods> {
  const signedIn = () => deps.currentUserId();
  return {
    saveDraft: async (input) => {
      const userId = signedIn();
      if (!userId) return { ok: false, error: contractError('UNAUTHENTICATED') };
      try {
        deps.store.save(userId, input);
        return { ok: true, value: null };
      } catch (err) {
        deps.log.warn('draft not saved', err instanceof Error ? err.message : String(err));
        return { ok: false, error: contractError('UNEXPECTED') };
      }
    },
    loadDraft: async () => {
      const userId = signedIn();
      if (!userId) return { ok: false, error: contractError('UNAUTHENTICATED') };
      return { ok: true, value: deps.store.load(userId) };
    },
    discardDraft: async () => {
      const userId = signedIn();
      if (userId) deps.store.discard(userId);
      return { ok: true, value: null };
    },
    getDraftStorage: async () => ({ ok: true, value: { encrypted: deps.store.encrypted, maxAgeDays: deps.maxAgeDays() } }),
    setUnsavedChanges: async (input) => {
      deps.guard.setUnsaved(input.dirty);
      return { ok: true, value: null };
    },
    nextAppEvent: async () => ({ ok: true, value: await deps.guard.next() }),
    confirmLeave: async () => {
      deps.guard.leave();
      return { ok: true, value: null };
    },
  };
}

/**
 * Wraps the handlers whose success ends a draft: a saved update, "Olvidar este usuario", "Dar de
 * baja". The draft belongs to the user it was typed for.
 */
export function withDraftCleanup(
  handlers: BridgeHandlers,
  store: DraftStore,
  currentUserId: () => string | null,
): BridgeHandlers {
  return {
    ...handlers,
    updateRegistration: async (input) => {
      const userId = currentUserId();
      const res = await handlers.updateRegistration(input);
      if (res.ok && userId) store.discard(userId);
      return res;
    },
    deactivateUser: async (input) => {
      const userId = currentUserId();
      const res = await handlers.deactivateUser(input);
      if (res.ok && userId) store.discard(userId);
      return res;
    },
    forgetUser: async (input) => {
      const res = await handlers.forgetUser(input);
      store.discard(input.userId);
      return res;
    },
  };
}
