/**
 * Messages between the main process and the keychain helper (an Electron utilityProcess that owns
 * the native keytar module). Types only: the helper is bundled on its own and must not share code
 * with the main bundle (a shared chunk would make it load the whole main process).
 */
export type KeychainOp =
  | { op: 'get'; service: string; account: string }
  | { op: 'set'; service: string; account: string; secret: string }
  | { op: 'delete'; service: string; account: string }
  | { op: 'accounts'; service: string };

export type KeychainRequest = KeychainOp & { id: number };

export type KeychainResponse =
  | { id: number; ok: true; value: string | null | boolean | string[] }
  | { id: number; ok: false; message: string };
