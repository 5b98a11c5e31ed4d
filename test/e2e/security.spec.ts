import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { launchApp, newUserDataDir } from './support/desktop-app';
import { keychainToken } from './support/keychain';
import { DEMO, login, openUsuarioGeneralForm } from './support/login';
import { securityCodeSentTo } from './support/mailbox';
import { useBackendAndApp } from './support/suite';

test.describe.configure({ mode: 'default' });

const ctx = useBackendAndApp();

test('the live window runs with contextIsolation, sandbox, webSecurity and no nodeIntegration, from app://', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const prefs = await ctx.running.app.evaluate(({ BrowserWindow }) => {
    // Electron 25's live preferences (the API's typing left newer Electron releases).
    const wc = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> | null };
    const p = wc.getLastWebPreferences();
    return { contextIsolation: p?.contextIsolation, sandbox: p?.sandbox, nodeIntegration: p?.nodeIntegration, webSecurity: p?.webSecurity, webviewTag: p?.webviewTag };
  });
  expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  const page = ctx.running.window;
  expect(await page.evaluate(() => location.href)).toBe('app://ecuapass/index.html');
  expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
  // The preload adds window.ecuapass and nothing else (no logger bridge, no ipcRenderer).
  const exposed = await page.evaluate(() =>
    Object.getOwnPropertyNames(window).filter((k) => /ecuapass|electron|ipc/i.test(k)),
  );
  expect(exposed).toEqual(['ecuapass']);
});

test('the bridge talks to the preload on a port of its own: a page script sees none of its traffic and cannot plug in a second port', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const page = ctx.running.window;
  await expect(page.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const seen: unknown[] = [];
    window.addEventListener('message', (e) => seen.push(e.data));
    const info = await window.ecuapass.getAppInfo();
    // A script posing as the page's guard: a 'connect' with a port it holds, then a call on that port.
    const rogue = new MessageChannel();
    let rogueAnswer: unknown = null;
    rogue.port1.onmessage = (e) => (rogueAnswer = e.data);
    window.postMessage({ tag: 'ecuapass-bridge', kind: 'connect' }, '*', [rogue.port2]);
    rogue.port1.postMessage({ kind: 'call', id: 1, method: 'getAppInfo', input: undefined });
    await new Promise((r) => setTimeout(r, 1000));
    const after = await window.ecuapass.getAppInfo();
    // Not even the rogue 'connect' reaches the page's listener: the preload stops every one at its own listener.
    return { infoOk: info.ok, afterOk: after.ok, rogueAnswer, seenByPage: seen };
  });
  expect(outcome).toEqual({ infoOk: true, afterOk: true, rogueAnswer: null, seenByPage: [] });
});

test('every file served from app:// carries the CSP, nosniff and no-store headers', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const page = ctx.running.window;
  const served: Record<string, Record<string, string>> = {};
  page.on('response', (res) => {
    if (res.url().startsWith('app://ecuapass/')) served[new URL(res.url()).pathname] = res.headers();
  });
  await page.reload();
  await expect(page.getByLabel('ID.usuario')).toBeVisible();
  const paths = Object.keys(served);
  expect(paths).toContain('/index.html');
  expect(paths.some((p) => p.endsWith('.js'))).toBe(true);
  for (const p of paths) {
    expect(served[p]!['content-security-policy'], p).toContain("frame-ancestors 'none'");
    expect(served[p]!['x-content-type-options'], p).toBe('nosniff');
    expect(served[p]!['cache-control'], p).toBe('no-store');
  }
  // Electron's file loader types a file by its extension (the page declares its charset itself).
  expect(served['/index.html']!['content-type']).toMatch(/^text\/html/);
  for (const p of paths.filter((p) => p.endsWith('.js'))) expect(served[p]!['content-type'], p).toMatch(/^(text|application)\/javascript/);
});

test('the CSP blocks inline script and every remote origin', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const page = ctx.running.window;
  const result = await page.evaluate(async (backendUrl) => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.body.appendChild(script);
    const img = document.createElement('img');
    img.src = 'https://example.com/tracker.png';
    document.body.appendChild(img);
    let fetchBlocked = false;
    try {
      await fetch(`${backendUrl}/health`);
    } catch {
      fetchBlocked = true;
    }
    await new Promise((r) => setTimeout(r, 300));
    return { inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, fetchBlocked, violations };
  }, ctx.backend.url);
  expect(result.inlineRan).toBe(false);
  expect(result.fetchBlocked).toBe(true);
  expect(result.violations.some((v) => v.startsWith('script-src'))).toBe(true);
  expect(result.violations.some((v) => v.includes('example.com'))).toBe(true);
  expect(result.violations.some((v) => v.startsWith('connect-src'))).toBe(true);
});

test('navigation away, window.open and permission requests are refused', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const page = ctx.running.window;
  await expect(page.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe('app://ecuapass/index.html');
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(ctx.running.app.windows()).toHaveLength(1);
  const permissions = await page.evaluate(async () => {
    const notification = await Notification.requestPermission();
    let camera = 'granted';
    try {
      await navigator.mediaDevices.getUserMedia({ video: true });
    } catch {
      camera = 'denied';
    }
    const geo = await new Promise<string>((resolve) =>
      navigator.geolocation.getCurrentPosition(() => resolve('granted'), () => resolve('denied'), { timeout: 2000 }),
    );
    return { notification, camera, geo };
  });
  expect(permissions).toEqual({ notification: 'denied', camera: 'denied', geo: 'denied' });
});

test('a payload that cannot cross the bridge gets INVALID_INPUT as a value, never a throw in the page', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const page = ctx.running.window;
  await expect(page.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
  const outcomes = await page.evaluate(async () => {
    const nested = (levels: number) => {
      const root: Record<string, unknown> = {};
      let node = root;
      for (let i = 0; i < levels; i++) node = (node.next = {}) as Record<string, unknown>;
      return root;
    };
    const payloads: [string, () => unknown][] = [
      ['a throwing getter', () => ({ get userId() { throw new Error('getter'); }, password: 'x' })],
      ['a Proxy that throws', () => new Proxy({}, { get() { throw new Error('trap'); }, ownKeys() { throw new Error('trap'); } })],
      ['a revoked Proxy', () => { const p = Proxy.revocable({}, {}); p.revoke(); return p.proxy; }],
      ['a function', () => ({ userId: 'jperez', password: () => 'x' })],
      ['a Symbol', () => ({ userId: Symbol('x'), password: 'x' })],
      ['a bare Symbol', () => Symbol('x')],
      ['a BigInt', () => ({ userId: 10n, password: 'x' })],
      ['1,001 levels of nesting', () => nested(1001)],
      ['100,000 levels of nesting', () => nested(100_000)],
    ];
    const out: Record<string, string> = {};
    for (const [what, make] of payloads) {
      try {
        const res = (await (window.ecuapass.login as (input: unknown) => Promise<unknown>)(make())) as { ok: boolean; error?: { code: string; message: string } };
        out[what] = res.ok ? 'ok' : `${res.error?.code}: ${res.error?.message}`;
      } catch (err) {
        out[what] = `threw ${String(err)}`;
      }
    }
    // Plain data still crosses, and the app still works.
    const wrong = (await window.ecuapass.login({ userId: 'jperez', password: 'Incorrecta#1' })) as { ok: boolean; error?: { code: string } };
    out['plain data'] = wrong.ok ? 'ok' : String(wrong.error?.code);
    return out;
  });
  const invalid = 'INVALID_INPUT: Los datos enviados no son válidos.';
  expect(outcomes).toEqual({
    'a throwing getter': invalid,
    'a Proxy that throws': invalid,
    'a revoked Proxy': invalid,
    'a function': invalid,
    'a Symbol': invalid,
    'a bare Symbol': invalid,
    'a BigInt': invalid,
    '1,001 levels of nesting': invalid,
    '100,000 levels of nesting': invalid,
    'plain data': 'INVALID_CREDENTIALS',
  });
});

test('navigation of the window to any other scheme or origin is refused, about:blank and about:srcdoc included', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const page = ctx.running.window;
  const heading = page.getByRole('heading', { name: 'Ingreso al portal externo' });
  await expect(heading).toBeVisible();
  const targets = [
    'about:blank',
    'about:srcdoc',
    'about:blank#x',
    'data:text/html,<h1>otra</h1>',
    'javascript:document.body.innerHTML="x"',
    'file:///etc/passwd',
    'http://127.0.0.1:9/',
    'https://example.com/',
    'app://otro/index.html',
    'chrome://gpu',
    'devtools://devtools/bundled/inspector.html',
    'view-source:app://ecuapass/index.html',
    'ftp://example.com/',
    'blob:',
  ];
  const app = ctx.running.app;
  // Read from the main process: Playwright's page object may still wait for a navigation that was refused.
  const shown = () =>
    app.evaluate(async ({ BrowserWindow }) => {
      const wc = BrowserWindow.getAllWindows()[0]?.webContents;
      if (!wc) return 'no window';
      const heading = await wc.executeJavaScript('document.querySelector("h1")?.textContent ?? ""').catch(() => '');
      return `${wc.getURL()} ${String(heading)}`;
    });
  for (const target of targets) {
    for (const how of ['location', 'link'] as const) {
      const current = app.windows()[0] ?? page;
      await current
        .evaluate(
          ({ target, how }) => {
            const url = target === 'blob:' ? URL.createObjectURL(new Blob(['<h1>otra</h1>'], { type: 'text/html' })) : target;
            if (how === 'location') {
              location.href = url;
            } else {
              const a = document.createElement('a');
              a.href = url;
              document.body.append(a);
              a.click();
              a.remove();
            }
          },
          { target, how },
        )
        .catch(() => undefined); // the page may already be going away
      // Whatever happened, the window shows the app again (at once, or reloaded).
      await expect.poll(shown, { message: `${how} → ${target}`, timeout: 10_000 }).toBe('app://ecuapass/index.html Ingreso al portal externo');
    }
  }
  expect(ctx.running.app.windows()).toHaveLength(1);
});

test('IPC from another frame is refused, and malformed payloads on every channel get a typed error', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const page = ctx.running.window;
  await expect(page.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();

  // A window that is not the app's own, with the same preload, calling the bridge.
  const foreign = await ctx.running.app.evaluate(async ({ app, BrowserWindow }) => {
    const preload = `${app.getAppPath()}/out/preload/index.js`;
    const w = new BrowserWindow({ show: false, webPreferences: { preload, sandbox: true, contextIsolation: true } });
    await w.loadURL('data:text/html,<p>otra ventana</p>');
    const answer = await w.webContents.executeJavaScript('window.ecuapass ? window.ecuapass.getAppInfo() : "no bridge"');
    w.destroy();
    return answer as unknown;
  });
  expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });

  const answers = await page.evaluate(async () => {
    const bridge = window.ecuapass as unknown as Record<string, (x?: unknown) => Promise<{ ok: boolean; error?: { code: string; message: string } }>>;
    const out: Record<string, string[]> = {};
    for (const name of Object.keys(bridge)) {
      out[name] = [];
      for (const payload of [42, 'x'.repeat(100_000), [1, 2], { bogus: true }, null]) {
        const res = await bridge[name]!(payload);
        out[name].push(res.ok ? 'ok' : `${res.error!.code}:${res.error!.message.length > 0}`);
      }
    }
    return out;
  });
  for (const [method, codes] of Object.entries(answers)) {
    expect(codes, method).toEqual(Array(5).fill('INVALID_INPUT:true'));
  }
  // Main is alive and well after all that.
  expect(await page.evaluate(() => window.ecuapass.getAppInfo().then((r) => r.ok))).toBe(true);
});

test('the Spanish application menu has Archivo, Editar, Ver and Ayuda > Acerca de', async () => {
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: newUserDataDir() });
  const labels = await ctx.running.app.evaluate(({ Menu }) =>
    Menu.getApplicationMenu()!.items.map((i) => [i.label, ...(i.submenu?.items.map((s) => s.label) ?? [])]),
  );
  expect(labels.map((l) => l[0])).toEqual(expect.arrayContaining(['Archivo', 'Editar', 'Ver', 'Ayuda']));
  expect(labels.find((l) => l[0] === 'Ayuda')).toContain('Acerca de Ecuapass Desktop');
  expect(labels.flat()).not.toContain('Recargar');
});

test('the log holds no token, password, ticket or security code', async () => {
  const profile = newUserDataDir();
  ctx.running = await launchApp({ apiUrl: ctx.backend.url, userDataDir: profile, env: { ECUAPASS_LOG_CONSOLE: '' } });
  const page = ctx.running.window;
  await login(page, 'jperez', DEMO.jperez.password);
  await openUsuarioGeneralForm(page);
  const token = await keychainToken('jperez');
  await page.getByLabel('Contraseña anterior').fill(DEMO.jperez.password);
  await page.getByRole('button', { name: 'Verificar contraseña' }).click();
  await page.getByLabel('Contraseña', { exact: true }).fill('Otra#Clave2028');
  await page.getByLabel('Confirmación de contraseña').fill('Otra#Clave2028');
  const email = 'jp.seguridad@example.org';
  await page.getByLabel('Correo electrónico', { exact: true }).fill(email);
  await page.getByLabel('Confirmación de correo electrónico').fill(email);
  await page.getByRole('button', { name: 'Verificar disponibilidad' }).click();
  await page.getByRole('button', { name: 'Solicitar código de seguridad' }).click();
  await page.getByRole('dialog', { name: 'Código de seguridad enviado' }).getByRole('button', { name: 'Aceptar' }).click();
  const code = await securityCodeSentTo(ctx.backend.url, email);
  await page.getByLabel('Ingrese código de seguridad').fill(code);
  await page.getByRole('button', { name: 'Modificar', exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Confirmación' }).getByRole('button', { name: 'Sí' }).click();
  await page.getByRole('dialog', { name: 'Información' }).getByRole('button', { name: 'Aceptar' }).click();

  const logFile = await ctx.running.app.evaluate(({ app }) => `${app.getPath('logs')}/main.log`);
  await ctx.running.close();
  ctx.running = null;
  const log = readFileSync(logFile, 'utf8');
  expect(log).toContain('IPC updateRegistration: ok');
  for (const secret of [token!, DEMO.jperez.password, 'Otra#Clave2028', code]) {
    expect(log.includes(secret), `log contains a secret`).toBe(false);
  }
  // No opaque token-like run (a ticket is one) anywhere in the log.
  expect(log).not.toMatch(/[A-Za-z0-9_-]{32,}/);
});
