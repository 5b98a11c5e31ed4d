import { ecuadorDateTime, receiptReference, type Receipt } from '../../src-shared/contract/receipt';

/**
 * The constancia's page: a local template, filled here and loaded as a data: URL into a window that can reach
 * nothing (receipt-pdf.ts). Its CSP allows no script, no request and only the inline style below.
 */
export const RECEIPT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function receiptHtml(r: Receipt): string {
  const rows = r.changes
    .map((c) => `<tr><th scope="row">${escape(c.label)}</th><td>${escape(c.from)}</td><td>${escape(c.to)}</td></tr>`)
    .join('');
  const password = r.passwordChanged ? '<p class="password">Contraseña: se cambió (la contraseña nunca se muestra).</p>' : '';
  return `<!doctype html>
<html lang="es-EC">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${RECEIPT_CSP}">
<title>Constancia de modificación de registro</title>
<style>
  @page { size: A4; margin: 18mm; }
  body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 11pt; color: #111; }
  h1 { font-size: 16pt; margin: 0 0 4pt; }
  .sub { color: #444; margin: 0 0 14pt; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4pt 12pt; margin: 0 0 14pt; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; margin-top: 6pt; }
  th, td { border: 1px solid #999; padding: 4pt 6pt; text-align: left; vertical-align: top; }
  thead th { background: #e8edf3; }
  .foot { margin-top: 18pt; font-size: 9pt; color: #444; }
</style>
</head>
<body>
<h1>Constancia de modificación de información de registro</h1>
<p class="sub">Ecuapass · Soporte al Cliente &gt; Registro de usuario &gt; 3.2.3 Modificar información de registro de usuario</p>
<dl>
  <dt>ID.usuario</dt><dd>${escape(r.userId)}</dd>
  <dt>Nombre</dt><dd>${escape(r.name)}</dd>
  <dt>Fecha y hora</dt><dd>${escape(ecuadorDateTime(r.savedAt))} (hora de Ecuador)</dd>
  <dt>Número de referencia</dt><dd>${escape(receiptReference(r.auditId))}</dd>
</dl>
<h2 style="font-size:12pt">Campos modificados</h2>
${r.changes.length > 0 ? `<table><thead><tr><th scope="col">Campo</th><th scope="col">Valor anterior</th><th scope="col">Valor nuevo</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
${password}
<p class="foot">La información de registro se modificó con éxito. El número de referencia identifica este cambio en la Actividad de la cuenta.</p>
</body>
</html>`;
}

/** The file name offered in the save dialog. */
export function receiptFileName(r: Receipt): string {
  return `constancia-${r.userId.replace(/[^A-Za-z0-9._-]/g, '_')}-${receiptReference(r.auditId)}.pdf`;
}
