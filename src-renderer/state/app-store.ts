import { create } from 'zustand';
import type { ContractError, Registration, SessionInfo } from '../../src-shared/contract';

export type Screen = 'starting' | 'login' | 'portal' | 'chooser' | 'usuarioGeneral';

interface AppState {
  screen: Screen;
  session: SessionInfo | null;
  registration: Registration | null;
  /** An information message for the login screen (e.g. after a session ended). */
  loginNotice: string | null;
  startupError: ContractError | null;
  signedIn(session: SessionInfo): void;
  signedOut(notice?: string): void;
  goTo(screen: Screen): void;
  setRegistration(registration: Registration | null): void;
  setStartupError(error: ContractError | null): void;
}

export const useAppStore = create<AppState>((set) => ({
  screen: 'starting',
  session: null,
  registration: null,
  loginNotice: null,
  startupError: null,
  signedIn: (session) => set({ session, screen: 'portal', loginNotice: null, startupError: null }),
  signedOut: (notice) => set({ session: null, registration: null, screen: 'login', loginNotice: notice ?? null }),
  goTo: (screen) => set({ screen }),
  setRegistration: (registration) => set({ registration }),
  setStartupError: (startupError) => set({ startupError }),
}));
