import { create } from 'zustand';
import type { ContractError, Registration, SessionInfo } from '../../src-shared/contract';

export type Screen = 'starting' | 'login' | 'settings' | 'portal' | 'chooser' | 'usuarioGeneral' | 'account' | 'passwordReset' | 'twoFactor';

/** Unsaved form values of one user, kept in memory only, never the secret fields. */
export interface FormDraft {
  userId: string;
  values: Record<string, string>;
}

interface AppState {
  screen: Screen;
  session: SessionInfo | null;
  registration: Registration | null;
  draft: FormDraft | null;
  /** The screen to return to after a session ended mid-work and the same user logged in again. */
  resumeScreen: Screen | null;
  /** An information message for the login screen (e.g. after a session ended). */
  loginNotice: string | null;
  /** Whose session just ended mid-work: the login screen offers that ID.usuario. */
  lastUserId: string | null;
  startupError: ContractError | null;
  signedIn(session: SessionInfo): void;
  signedOut(notice?: string): void;
  /** The same session with new facts (e.g. remembered again after "Reintentar"). */
  sessionUpdated(session: SessionInfo): void;
  sessionExpired(notice: string): void;
  goTo(screen: Screen): void;
  setRegistration(registration: Registration | null): void;
  saveDraft(draft: FormDraft | null): void;
  setStartupError(error: ContractError | null): void;
}

export const useAppStore = create<AppState>((set, get) => ({
  screen: 'starting',
  session: null,
  registration: null,
  draft: null,
  resumeScreen: null,
  loginNotice: null,
  lastUserId: null,
  startupError: null,
  signedIn: (session) => {
    const { draft, resumeScreen } = get();
    const sameUser = draft !== null && draft.userId === session.user.userId;
    set({
      session,
      screen: sameUser && resumeScreen ? resumeScreen : 'portal',
      draft: sameUser ? draft : null,
      resumeScreen: null,
      registration: null,
      loginNotice: null,
      startupError: null,
    });
  },
  signedOut: (notice) =>
    set({ session: null, registration: null, draft: null, resumeScreen: null, screen: 'login', loginNotice: notice ?? null }),
  // The session died under the user's feet: what they typed waits in memory for the same user.
  sessionExpired: (notice) =>
    set((s) => ({
      session: null,
      registration: null,
      resumeScreen: s.screen,
      screen: 'login',
      loginNotice: notice,
      lastUserId: s.session?.user.userId ?? s.lastUserId,
    })),
  sessionUpdated: (session) => set({ session }),
  goTo: (screen) => set({ screen }),
  setRegistration: (registration) => set({ registration }),
  saveDraft: (draft) => set({ draft }),
  setStartupError: (startupError) => set({ startupError }),
}));
