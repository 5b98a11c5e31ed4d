import { ipcRenderer, webFrame } from 'electron';
import { BRIDGE_METHODS, bridgeChannel, type BridgeMethodName } from '../src-shared/contract/bridge-methods';
import { ERROR_MESSAGES } from '../src-shared/contract/error-messages';
import { installCloneGuard } from './window/bridge-clone-guard';

// `window.ecuapass` is exactly the bridge contract: one function per method, which sends at most
// one payload. No ipcRenderer, no event objects, nothing else crosses into the page.
//
// It is defined in the page's own world (bridge-clone-guard.ts) rather than with contextBridge:
// contextBridge copies an argument before any code here sees it, so a payload that cannot be
// copied would throw in the page. The page's functions copy it first, answer INVALID_INPUT for
// what cannot cross, and post the rest here; only this window's own messages are taken.
const TAG = 'ecuapass-bridge';
const methods = new Set<string>(BRIDGE_METHODS);

window.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { tag?: unknown; kind?: unknown; id?: unknown; method?: unknown; input?: unknown } | null;
  if (event.source !== window || event.origin !== window.location.origin) return;
  if (!data || data.tag !== TAG || data.kind !== 'call' || typeof data.id !== 'number' || typeof data.method !== 'string') return;
  if (!methods.has(data.method)) return;
  const { id } = data;
  void ipcRenderer
    .invoke(bridgeChannel(data.method as BridgeMethodName), data.input)
    .catch(() => ({ ok: false, error: { code: 'INVALID_INPUT', message: ERROR_MESSAGES.INVALID_INPUT } }))
    // Only to this document's origin, should the window have moved on meanwhile ('*' only for an opaque origin).
    .then((result: unknown) => window.postMessage({ tag: TAG, kind: 'result', id, result }, window.location.origin === 'null' ? '*' : window.location.origin));
});

void webFrame.executeJavaScript(
  `(${installCloneGuard.toString()})(${JSON.stringify([...BRIDGE_METHODS])}, ${JSON.stringify(ERROR_MESSAGES.INVALID_INPUT)}, ${JSON.stringify(TAG)});`,
);
