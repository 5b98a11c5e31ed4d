import type { EcuapassBridge } from '../src-shared/contract';

declare global {
  interface Window {
    /** The only way to the main process (design §3), exposed by the preload. */
    readonly ecuapass: EcuapassBridge;
  }
}

export const ecuapass: EcuapassBridge = window.ecuapass;
