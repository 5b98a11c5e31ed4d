// The keychain helper: runs in its own utilityProcess, so a native crash (keytar segfaults on a
// locked gnome-keyring whose prompter cannot run), a hang or a failed unlock prompt costs only
// this process. It answers one response per request, matched by id.
import type { KeychainRequest, KeychainResponse } from './protocol';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

const keytar = require('@github/keytar') as Keytar;

async function run(req: KeychainRequest): Promise<string | null | boolean | string[]> {
  switch (req.op) {
    case 'get':
      return keytar.getPassword(req.service, req.account);
    case 'set':
      await keytar.setPassword(req.service, req.account, req.secret);
      return null;
    case 'delete':
      return keytar.deletePassword(req.service, req.account);
    case 'accounts':
      return (await keytar.findCredentials(req.service)).map((c) => c.account).sort();
  }
}

const port = process.parentPort;
port.on('message', (event: { data: KeychainRequest }) => {
  const req = event.data;
  run(req).then(
    (value) => port.postMessage({ id: req.id, ok: true, value } satisfies KeychainResponse),
    (err: unknown) =>
      port.postMessage({ id: req.id, ok: false, message: err instanceof Error ? err.message : String(err) } satisfies KeychainResponse),
  );
});
