import { BRIDGE_METHODS } from '../../src-shared/contract';
import type { BridgeHandlers } from './bridge-handlers';

/**
 * Handlers that can be registered before the real ones exist: each call waits for them. Lets the
 * window open while the keychain is still being probed (start-up time), without a call ever
 * finding no handler.
 */
export function deferredHandlers(ready: Promise<BridgeHandlers>): BridgeHandlers {
  const entries = BRIDGE_METHODS.map((method) => [
    method,
    async (input: unknown) => {
      const handlers = await ready;
      return (handlers[method] as (input: unknown) => ReturnType<BridgeHandlers[typeof method]>)(input);
    },
  ]);
  return Object.fromEntries(entries) as BridgeHandlers;
}
