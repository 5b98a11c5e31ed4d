// CPU profile of the app's page (the renderer) while the registration form is opened and saved, the steps of the
// bench's rows 9a and 9b (issue 30: both against 3× the bare request). Starts the backend and the packaged E2E copy
// of the app, logs in, opens and saves the form once (warm-up), then records the page with CDP's Profiler over
// --rounds rounds of: chooser → click "Modificar información de registro para Usuario General" → form filled; change
// Teléfono2 → Modificar → Sí → "Información" dialog. Prints the time per step (timed in the page as the bench does)
// and the top self-time functions; the .cpuprofile is kept in bench/profiles/.
//
//   bash scripts/with-desktop-env.sh node bench/profile-renderer.mjs [--rounds=10] [--top=30]
/* global document, performance, MutationObserver -- the page.evaluate callbacks run in the app's page */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBackend, writeSeed } from './lib/backend.mjs';
import { topSelfTime } from './lib/cpu-profile.mjs';
import { clearKeychain, launchOurs, loginOnly, openChooser, readyAt } from './lib/electron.mjs';
import { BENCH_DIR } from './lib/paths.mjs';
import { median } from './lib/stats.mjs';

const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const rounds = Number(arg('rounds', '10'));
const top = Number(arg('top', '30'));
const t = { timeout: 30_000 };

/** Page side (as bench/user-felt.mjs times it): ms from the click to the step's end state. */
function timed({ kind }) {
  const byText = (sel, text) => [...document.querySelectorAll(sel)].find((e) => e.textContent.replace('*', '').trim() === text);
  const steps = {
    open: {
      start: () => byText('button', 'Modificar información de registro para Usuario General').click(),
      done: () => {
        const name = byText('label', 'Nombre de Usuario')?.control;
        return Boolean(name && name.value && !name.disabled && name.getClientRects().length);
      },
    },
    save: {
      start: () => {
        const dialog = [...document.querySelectorAll('[role="alertdialog"]')].find((d) => d.textContent.includes('¿Está seguro de modificar'));
        [...dialog.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Sí').click();
      },
      done: () => [...document.querySelectorAll('[role="dialog"]')].some((d) => d.textContent.includes('se modificó con éxito') && d.getClientRects().length),
    },
  };
  const step = steps[kind];
  return new Promise((resolve) => {
    const t0 = performance.now();
    const mo = new MutationObserver(() => {
      if (!step.done()) return;
      mo.disconnect();
      resolve(performance.now() - t0);
    });
    mo.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    step.start();
  });
}

async function round(page, i) {
  await openChooser(page);
  const open = await page.evaluate(timed, { kind: 'open' });
  await page.getByLabel('Teléfono2').fill(i % 2 ? '042333333' : '042222222', t);
  await page.getByRole('radio', { name: 'Si' }).check(t);
  await page.getByRole('button', { name: 'Modificar', exact: true }).click(t);
  await page.getByRole('alertdialog', { name: 'Confirmación' }).waitFor(t);
  const save = await page.evaluate(timed, { kind: 'save' });
  const done = page.getByRole('dialog', { name: 'Información' });
  await done.getByRole('button', { name: 'Aceptar' }).click(t);
  await done.waitFor({ state: 'hidden', ...t });
  return { open, save };
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecuapass-profile-renderer-'));
  const backend = await startBackend({ dir, seedFile: writeSeed(dir) });
  await clearKeychain();
  const launched = await launchOurs({ apiUrl: backend.url });
  try {
    const { page } = launched;
    await readyAt(launched);
    await loginOnly(page, 'jperez');
    await round(page, -1);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const steps = [];
    for (let i = 0; i < rounds; i++) steps.push(await round(page, i));
    const { profile } = await cdp.send('Profiler.stop');
    const profDir = path.join(BENCH_DIR, 'profiles');
    mkdirSync(profDir, { recursive: true });
    const file = path.join(profDir, `renderer-form-${Date.now()}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`${rounds} rounds: open median ${median(steps.map((s) => s.open)).toFixed(1)} ms, save median ${median(steps.map((s) => s.save)).toFixed(1)} ms (profiler on)`);
    console.log(`profile ${path.relative(process.cwd(), file)} (the whole rounds, Playwright's typing and clicks included)\n`);
    const { totalMs, rows } = topSelfTime(profile, top);
    console.log(`page sampled ${totalMs.toFixed(0)} ms\nself ms  self %  function`);
    for (const r of rows) console.log(`${r.ms.toFixed(0).padStart(7)}  ${r.pct.toFixed(1).padStart(5)}%  ${r.fn}`);
  } finally {
    await launched.close();
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
