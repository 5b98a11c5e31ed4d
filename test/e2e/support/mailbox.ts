import { expect } from '@playwright/test';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

export async function mailbox(backendUrl: string): Promise<Mail[]> {
  const res = await fetch(`${backendUrl}/dev/mailbox`);
  expect(res.status).toBe(200);
  return (await res.json()) as Mail[];
}

/** The code of the newest "ACTIVACIÓN DE CORREO ELECTRÓNICO" mail sent to that address. */
export async function securityCodeSentTo(backendUrl: string, address: string): Promise<string> {
  const mails = (await mailbox(backendUrl)).filter(
    (m) => m.to === address && m.subject === 'ACTIVACIÓN DE CORREO ELECTRÓNICO',
  );
  const text = mails.at(-1)?.text ?? '';
  const code = /Código de seguridad: ([A-Z2-9]{8})/.exec(text)?.[1];
  expect(code, `no security code mailed to ${address}`).toBeTruthy();
  return code!;
}

/** The key of the newest "REINICIO DE CLAVE AUTOMÁTICA" mail to that address; it is sent after the 202, so wait for it. */
export async function automaticKeySentTo(backendUrl: string, address: string): Promise<string> {
  let key: string | undefined;
  await expect
    .poll(
      async () => {
        const mails = (await mailbox(backendUrl)).filter((m) => m.to === address && m.subject === 'REINICIO DE CLAVE AUTOMÁTICA DE ECUAPASS');
        key = /Clave automática: ([A-Z2-9]{14})/.exec(mails.at(-1)?.text ?? '')?.[1];
        return key;
      },
      { message: `no automatic key mailed to ${address}`, timeout: 10_000 },
    )
    .toBeTruthy();
  return key!;
}
