import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_METHODS, bridgeChannel } from '../src-shared/contract/bridge-methods';

// Exposes exactly the bridge contract as `window.ecuapass`: one function per method, which sends
// at most one payload. No ipcRenderer, no event objects, nothing else crosses into the page.
const bridge: Record<string, (input?: unknown) => Promise<unknown>> = {};
for (const method of BRIDGE_METHODS) {
  const channel = bridgeChannel(method);
  bridge[method] = (input?: unknown) => ipcRenderer.invoke(channel, input);
}

contextBridge.exposeInMainWorld('ecuapass', Object.freeze(bridge));
