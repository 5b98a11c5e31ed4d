import type { EcuapassBridge } from '../src-shared/contract';

declare global {
  interface Window {
    /** The only way to the main process (docs/architecture.md §6), exposed by the preload. */
    readonly ecuapass: EcuapassBridge;
  }
}

/**
 * Read at each call, not once at load: the preload replaces `window.ecuapass` with its
 * clone-guarded version (src-main/window/bridge-clone-guard.ts) as the page starts.
 */
export const ecuapass: EcuapassBridge = new Proxy({} as EcuapassBridge, {
  get: (_target, method) => window.ecuapass[method as keyof EcuapassBridge],
});
