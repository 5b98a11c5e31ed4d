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
// what cannot cross, and send the rest here over a MessagePort the page's guard hands over as it
// starts: only the first port, from this window itself, is taken.
const TAG = 'ecuapass-bridge';
const methods = new Set<string>(BRIDGE_METHODS);
let connected = false;

window.addEventListener('message', (event: MessageEvent) => {
  const data = event.data as { tag?: unknown; kind?: unknown } | null;
  if (event.source !== window || event.origin !== window.location.origin) return;
  if (!data || data.tag !== TAG || data.kind !== 'connect' || event.ports.length !== 1) return;
  // The port stops here: no page script's listener (all added after this one) sees it.
  event.stopImmediatePropagation();
  if (connected) return;
  connected = true;
  const port = event.ports[0]!;
  port.onmessage = (call: MessageEvent) => {
    const msg = call.data as { kind?: unknown; id?: unknown; method?: unknown; input?: unknown } | null;
    if (!msg || msg.kind !== 'call' || typeof msg.id !== 'number' || typeof msg.method !== 'string') return;
    if (!methods.has(msg.method)) return;
    const { id } = msg;
    void ipcRenderer
      .invoke(bridgeChannel(msg.method as BridgeMethodName), msg.input)
      .catch(() => ({ ok: false, error: { code: 'INVALID_INPUT', message: ERROR_MESSAGES.INVALID_INPUT } }))
      .then((result: unknown) => port.postMessage({ kind: 'result', id, result }));
  };
});

void webFrame.executeJavaScript(
  `(${installCloneGuard.toString()})(${JSON.stringify([...BRIDGE_METHODS])}, ${JSON.stringify(ERROR_MESSAGES.INVALID_INPUT)}, ${JSON.stringify(TAG)});`,
);
