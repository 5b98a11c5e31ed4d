import type { ProxyLoginRequest } from './proxy-credentials';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page: static HTML, no script (the CSP forbids any); the preload wires the form. */
export function proxyLoginPage(request: ProxyLoginRequest): string {
  const retry = request.retry
    ? '<p class="error" role="alert">El proxy no aceptó el usuario o la contraseña. Vuelva a ingresarlos.</p>'
    : '';
  return `<!doctype html><html lang="es"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Autenticación del proxy</title>
<style>
body{font:15px/1.4 system-ui,"DejaVu Sans",sans-serif;margin:0;background:#f4f6f9;color:#1d2733}
main{padding:20px 24px}h1{font-size:19px;margin:0 0 8px;color:#0b3d6e}
label{display:block;margin:12px 0 4px;font-weight:600}.check{font-weight:400;display:flex;gap:8px;align-items:center}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:7px 9px;border:1px solid #8a96a3;border-radius:4px;font:inherit}
input:focus,button:focus{outline:3px solid #1a73e8;outline-offset:1px}
.error{color:#a30d0d;background:#fdecec;border:1px solid #e3a1a1;padding:6px 9px;border-radius:4px}
.field-error{color:#a30d0d;font-size:13px;min-height:1em;margin:2px 0 0}
.actions{display:flex;justify-content:flex-end;gap:10px;margin-top:16px}
button{font:inherit;padding:7px 16px;border-radius:4px;border:1px solid #0b3d6e;background:#fff;color:#0b3d6e;cursor:pointer}
button[type=submit]{background:#0b3d6e;color:#fff}.note{font-size:13px;color:#4a5663}
</style></head><body><main>
<h1>El proxy pide usuario y contraseña</h1>
<p id="proxy-why">El servidor proxy <strong>${escapeHtml(request.proxy)}</strong>${request.realm ? ` («${escapeHtml(request.realm)}»)` : ''} de su red pide sus credenciales para conectarse con el servidor de Ecuapass.</p>
${retry}
<form id="proxy-login" aria-describedby="proxy-why" novalidate>
<label for="proxy-user">Usuario del proxy</label>
<input id="proxy-user" type="text" autocomplete="username" aria-required="true" aria-describedby="proxy-user-error">
<p id="proxy-user-error" class="field-error"></p>
<label for="proxy-password">Contraseña del proxy</label>
<input id="proxy-password" type="password" autocomplete="current-password">
<label class="check"><input id="proxy-remember" type="checkbox"> Recordar en el llavero de este equipo</label>
<p class="note">Estas credenciales se envían solo al proxy. La aplicación no las guarda salvo que marque «Recordar».</p>
<div class="actions"><button type="button" id="proxy-cancel">Cancelar</button><button type="submit">Aceptar</button></div>
</form></main></body></html>`;
}
