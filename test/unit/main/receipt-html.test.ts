import { describe, expect, it } from 'vitest';
import { RECEIPT_CSP, receiptFileName, receiptHtml } from '../../../src-main/receipt/receipt-html';
import type { Receipt } from '../../../src-shared/contract/receipt';

const RECEIPT: Receipt = {
  userId: 'jperez',
  name: 'Juan <b>Pérez</b> & "Cía"',
  savedAt: '2026-12-08T00:17:38.000Z',
  auditId: 42,
  changes: [{ field: 'phone1', label: 'Teléfono1', from: '042345678', to: '<script>alert(1)</script>' }],
  passwordChanged: true,
};

describe('the constancia template (issue 28)', () => {
  const html = receiptHtml(RECEIPT);

  it('holds ID.usuario, nombre, the time in Guayaquil, the reference and each field old → new', () => {
    expect(html).toContain('<dd>jperez</dd>');
    expect(html).toContain('7 de diciembre de 2026, 19:17:38 (hora de Ecuador)');
    expect(html).toContain('AUD-000042');
    expect(html).toContain('<th scope="row">Teléfono1</th><td>042345678</td>');
    expect(html).toContain('Contraseña: se cambió');
  });

  it('escapes every value: nothing typed becomes markup or script', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Juan &lt;b&gt;Pérez&lt;/b&gt; &amp; &quot;Cía&quot;');
  });

  it('carries a CSP that allows no script and no request', () => {
    expect(html).toContain(`content="${RECEIPT_CSP}"`);
    expect(RECEIPT_CSP).toContain("default-src 'none'");
    expect(RECEIPT_CSP).not.toMatch(/script-src|connect-src/);
  });

  it('offers a file name with nothing of a path in it', () => {
    expect(receiptFileName({ ...RECEIPT, userId: '../x/y' })).toBe('constancia-.._x_y-AUD-000042.pdf');
  });
});
