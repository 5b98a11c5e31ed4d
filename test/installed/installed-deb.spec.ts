import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBackend, type RunningBackend } from '../e2e/support/backend';
import { screenshot } from '../e2e/support/desktop-app';
import { clearKeychain, keychainToken } from '../e2e/support/keychain';
import { DEMO, login, openUsuarioGeneralForm } from '../e2e/support/login';
import { attach, DESKTOP_ENTRY, desktopExec, devToolsUp, launchInstalled, waitUntil, type InstalledApp } from './support/installed-app';
import { installedPaths, installedVersion, PACKAGE, run } from './support/dpkg';
import { machinePolicyFile, privateMountWorks, type MachinePolicyFile } from './support/machine-policy-file';
import { startUpdateFeed, type UpdateFeedServer } from './support/update-feed-server';

// The .deb built by scripts/run-installed-test.mjs from dist/linux-unpacked, and the same app at a higher version.
const DEB = process.env.ECUAPASS_DEB ?? '';
// Two newer releases: the first installed when the app quits, the second by "Reiniciar y actualizar".
const NEXT_DEBS = (process.env.ECUAPASS_DEB_NEXT ?? '').split(':').filter(Boolean);
const [FIRST, SECOND] = (process.env.ECUAPASS_DEB_NEXT_VERSION ?? '').split(':').filter(Boolean).map((version, i) => ({ version, deb: NEXT_DEBS[i] ?? '' }));
const REPO = path.resolve(__dirname, '../..');

test.describe.configure({ mode: 'serial' });

let backend: RunningBackend;
let feed: UpdateFeedServer;
let policy: MachinePolicyFile;
let running: InstalledApp | null = null;
let version = '';
let firstInstall: { files: string[]; dirs: string[] } = { files: [], dirs: [] };
// The user's home for the installed app: its data folder (~/.config/Ecuapass Desktop) and the updater's cache.
const home = mkdtempSync(path.join(tmpdir(), 'ecuapass-installed-home-'));
const dataFolder = path.join(home, '.config', 'Ecuapass Desktop');
const pendingFolder = path.join(home, '.cache', 'ecuapass-desktop-updater', 'pending');
const appEnv = {
  ...process.env,
  HOME: home,
  XDG_CONFIG_HOME: path.join(home, '.config'),
  XDG_CACHE_HOME: path.join(home, '.cache'),
  ECUAPASS_API_URL: '',
};

test.beforeAll(async () => {
  expect(DEB && FIRST?.deb && SECOND?.deb, 'run through scripts/run-installed-test.mjs (npm run test:installed)').toBeTruthy();
  expect(installedVersion(), `${PACKAGE} must not be installed before the test (it installs and removes it)`).toBeNull();
  mkdirSync(dataFolder, { recursive: true });
  version = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
  await clearKeychain();
  backend = await startBackend();
  feed = await startUpdateFeed({ release: FIRST!, currentVersion: version });
  // CI owns its machine: the real file. A shared developer machine: a private mount (see machine-policy-file.ts).
  policy = machinePolicyFile(process.env.ECUAPASS_INSTALL_TEST_REQUIRED === '1' || !privateMountWorks() ? 'machine' : 'private');
});

test.afterEach(async () => {
  await running?.close();
  running = null;
});

test.afterAll(async () => {
  policy?.restore();
  await feed?.stop();
  await backend?.dispose();
  // Leave the machine as it was found, even after a failure half-way.
  if (installedVersion() !== null) run('apt-get', ['remove', '-y', PACKAGE]);
});

const launch = () => launchInstalled({ env: appEnv, wrap: policy.wrap });

test('apt-get install ./<file>.deb installs the program, its Spanish desktop entry and its icons', async () => {
  run('apt-get', ['install', '-y', `./${path.relative(REPO, DEB)}`], { cwd: REPO });
  expect(installedVersion()).toBe(version);
  firstInstall = installedPaths();
  const files = firstInstall.files;
  expect(files).toContain('/usr/bin/ecuapass-desktop');
  expect(files).toContain('/usr/lib/ecuapass-desktop/ecuapass-desktop');
  expect(files).toContain('/usr/lib/ecuapass-desktop/resources/app.asar');
  expect(files).toContain(DESKTOP_ENTRY);
  expect(files.filter((f) => f.startsWith('/usr/share/icons/hicolor/') && f.endsWith('/apps/ecuapass-desktop.png')).length).toBeGreaterThanOrEqual(4);
  const entry = readFileSync(DESKTOP_ENTRY, 'utf8');
  expect(entry).toMatch(/^Name=Ecuapass Desktop$/m);
  expect(entry).toMatch(/^Comment=Modificar la información de registro de Usuario General en Ecuapass$/m);
  expect(entry).toMatch(/^Categories=Office;$/m);
  expect(desktopExec()[0]).toBe('/usr/bin/ecuapass-desktop');
  expect(files).toContain('/usr/share/man/man1/ecuapass-desktop.1.gz');
  // A release build: no Node inspector (so no electron.launch), no test marker (so no ECUAPASS_POLICY_FILE).
  const wire = (await getCurrentFuseWire('/usr/lib/ecuapass-desktop/ecuapass-desktop')) as unknown as Record<number, number>;
  expect(String.fromCharCode(wire[FuseV1Options.EnableNodeCliInspectArguments]!)).toBe('0');
  expect(String.fromCharCode(wire[FuseV1Options.RunAsNode]!)).toBe('0');
  expect(files.some((f) => f.endsWith('/ecuapass-test-build'))).toBe(false);
  test.info().annotations.push({ type: 'installed', description: `${files.length} files, ${firstInstall.dirs.length} directories (dpkg -L)` });
});

test('the installed program, started by its desktop entry: login with the keychain, Menú path, form, save, restart without login', async () => {
  // The policy points the installed app at the test backend, and turns updates off: the feed must see no request.
  policy.write({ backendUrl: backend.url, updates: { enabled: false, feedUrl: feed.url } });
  running = await launch();
  let page = running.page;
  await expect(page.getByRole('heading', { name: 'Ingreso al portal externo' })).toBeVisible();
  const info = await page.evaluate(() => window.ecuapass.getAppInfo());
  expect(info).toMatchObject({ ok: true, value: { appVersion: version, backendUrl: backend.url, keychainAvailable: true } });
  await login(page, DEMO.jperez.userId, DEMO.jperez.password);
  await expect(page.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  expect(await keychainToken('jperez')).toBeTruthy();
  await openUsuarioGeneralForm(page);
  await expect(page.getByLabel('ID.usuario')).toHaveValue('jperez');
  await expect(page.getByLabel('Nombre de Usuario')).toHaveValue('Juan Carlos Pérez Mendoza');
  await screenshot(page, '70-instalado-formulario');

  await page.getByLabel('Teléfono1').fill('072345678');
  await page.getByRole('radio', { name: 'Si' }).check();
  await saveForm(page);
  await running.close();

  running = await launch();
  page = running.page;
  // No login screen: the session comes back from the keychain.
  await expect(page.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  await openUsuarioGeneralForm(page);
  await expect(page.getByLabel('Teléfono1')).toHaveValue('072345678');
  await screenshot(page, '71-instalado-reinicio-sin-login');
  expect(feed.hits['/latest-linux.yml'] ?? 0).toBe(0);
  const state = await page.evaluate(() => window.ecuapass.getUpdateState());
  expect(state).toMatchObject({ ok: true, value: { phase: 'off', message: 'Su organización desactivó las actualizaciones automáticas.' } });
});

for (const mode of ['truncated', 'tampered'] as const) {
  test(`a ${mode} download of the newer version is refused with a Spanish message and nothing is installed`, async () => {
    policy.write({ backendUrl: backend.url, updates: { feedUrl: feed.url } });
    feed.mode = mode;
    const debPath = `/${path.basename(FIRST!.deb)}`;
    const before = feed.hits[debPath] ?? 0;
    running = await launch();
    const notice = running.page.getByRole('complementary', { name: 'Actualización' });
    await expect(notice).toContainText(
      `La descarga de la versión ${FIRST!.version} no coincide con la firma publicada (sha512) y se descartó. No se instaló nada.`,
      { timeout: 60_000 },
    );
    await expect(notice.getByRole('button', { name: 'Reiniciar y actualizar' })).toHaveCount(0);
    await screenshot(running.page, `7${mode === 'truncated' ? 2 : 3}-actualizacion-${mode === 'truncated' ? 'truncada' : 'alterada'}`);
    expect(feed.hits[debPath]).toBeGreaterThan(before);
    // Nothing kept to install at quit, and a quit installs nothing.
    expect(pendingDebs()).toEqual([]);
    const refused = await running.page.evaluate(() => window.ecuapass.installUpdate());
    expect(refused).toMatchObject({ ok: false });
    await running.close();
    running = null;
    expect(installedVersion()).toBe(version);
  });
}

test('the real newer build: "Está disponible la versión X", download progress, verified, installed when the app quits', async () => {
  policy.write({ backendUrl: backend.url, updates: { feedUrl: feed.url } });
  feed.mode = 'good';
  feed.release = FIRST!;
  running = await launch();
  const notice = await downloadUntilReady(running.page, FIRST!.version, '74-actualizacion-descargando', '75-actualizacion-lista');
  await expect(notice.getByRole('button', { name: 'Reiniciar y actualizar' })).toBeVisible();
  expect(pendingDebs()).toEqual([path.basename(FIRST!.deb)]);
  expect(installedVersion()).toBe(version);

  // The user just closes the window: electron-updater installs the verified .deb as the app quits (dpkg -i; as root
  // here, through pkexec/sudo for a user), and the next start is the new version.
  await running.close();
  running = null;
  expect(installedVersion()).toBe(FIRST!.version);
  running = await launch();
  const info = await running.page.evaluate(() => window.ecuapass.getAppInfo());
  expect(info).toMatchObject({ ok: true, value: { appVersion: FIRST!.version } });
  // Still signed in (keychain), no update notice: this is the newest version the feed knows of.
  await expect(running.page.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  await expect.poll(() => feed.hits['/latest-linux.yml'] ?? 0).toBeGreaterThan(0);
  await expect(running.page.getByRole('complementary', { name: 'Actualización' })).toHaveCount(0);
  await screenshot(running.page, '76-actualizado-al-reiniciar');
});

test('"Reiniciar y actualizar" installs the next verified release at once and starts it again', async () => {
  feed.mode = 'good';
  feed.release = SECOND!;
  running = await launch();
  const notice = await downloadUntilReady(running.page, SECOND!.version);
  const port = running.port;
  await notice.getByRole('button', { name: 'Reiniciar y actualizar' }).click();
  running = null;
  expect(await waitUntil(() => installedVersion() === SECOND!.version, 120_000), `dpkg shows ${installedVersion()}`).toBe(true);
  // app.relaunch() starts it with the same command line, so the same DevTools port.
  expect(await waitUntil(() => devToolsUp(port), 60_000), 'the updated app did not start again').toBe(true);
  running = await attach(port, null);
  const info = await running.page.evaluate(() => window.ecuapass.getAppInfo());
  expect(info).toMatchObject({ ok: true, value: { appVersion: SECOND!.version } });
  await expect(running.page.getByRole('heading', { name: 'Bienvenido al portal externo Ecuapass' })).toBeVisible();
  await screenshot(running.page, '77-actualizado-reiniciar-ahora');
});

test('apt-get remove deletes every installed file and leaves the user data folder and keychain entries', async () => {
  const { files, dirs } = installedPaths();
  expect(files.length).toBeGreaterThanOrEqual(firstInstall.files.length - 5);
  run('apt-get', ['remove', '-y', PACKAGE]);
  expect(installedVersion()).toBeNull();
  const left = files.filter((f) => existsSync(f));
  expect(left, 'files of dpkg -L still on disk').toEqual([]);
  // The package's own folders go too (shared ones like /usr/share/icons stay, they belong to others).
  expect(dirs.filter((d) => d.includes(PACKAGE) && existsSync(d))).toEqual([]);
  expect(existsSync(path.join(dataFolder, 'settings.json'))).toBe(true);
  expect(await keychainToken('jperez')).toBeTruthy();
});

async function saveForm(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Modificar', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Confirmación' });
  await confirm.getByRole('button', { name: 'Sí' }).click();
  const done = page.getByRole('dialog', { name: 'Información' });
  await expect(done).toContainText('La información de registro se modificó con éxito.');
  await done.getByRole('button', { name: 'Aceptar' }).click();
  await expect(done).toBeHidden();
}

/** Waits for the notice through "available" and the progress to "verified, installs at restart". */
async function downloadUntilReady(page: Page, next: string, progressShot?: string, readyShot?: string) {
  const notice = page.getByRole('complementary', { name: 'Actualización' });
  await expect(notice).toContainText(`Está disponible la versión ${next}.`, { timeout: 30_000 });
  const progress = notice.getByRole('progressbar', { name: 'Progreso de la descarga' });
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 }).toBeGreaterThan(5);
  await expect(notice).toContainText(/Descargando… \d+ %/);
  if (progressShot) await screenshot(page, progressShot);
  await expect(notice).toContainText(`La versión ${next} se descargó y se verificó. Se instalará al reiniciar la aplicación.`, { timeout: 90_000 });
  if (readyShot) await screenshot(page, readyShot);
  return notice;
}

function pendingDebs(): string[] {
  return existsSync(pendingFolder) ? readdirSync(pendingFolder).filter((f) => f.endsWith('.deb')) : [];
}
