// Cold-start launcher: spawns an Electron binary directly with --remote-debugging-port=0 (a Chromium switch, so it
// works on the release build whose fuses forbid --inspect) and talks raw CDP to it. As soon as DevTools listens, it
// asks for every new page to be paused at creation (Target.setAutoAttach waitForDebuggerOnStart) and installs the
// probe (Page.addScriptToEvaluateOnNewDocument) before resuming it, so the probe sees the document from its first
// script on. The probe writes window.__benchReadyAt (epoch ms) itself; polling it only collects the value.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
// Node 20 has no global WebSocket without a flag: use the ws client that playwright-core bundles (declared export).
const WebSocketImpl = globalThis.WebSocket ?? require('playwright-core/lib/utilsBundle').ws;

class Cdp {
  constructor(ws) {
    this.ws = ws;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = [];
    const onMessage = (data) => {
      const msg = JSON.parse(typeof data === 'string' ? data : data.toString());
      if (msg.id && this.pending.has(msg.id)) {
        const { resolve, reject } = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) reject(new Error(`CDP ${msg.error.message}`));
        else resolve(msg.result);
      } else if (msg.method) {
        for (const l of this.listeners) l(msg);
      }
    };
    if (ws.on) ws.on('message', onMessage);
    else ws.addEventListener('message', (e) => onMessage(e.data));
  }

  static connect(url) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocketImpl(url, { perMessageDeflate: false });
      const done = (err) => (err ? reject(err) : resolve(new Cdp(ws)));
      if (ws.once) {
        ws.once('open', () => done());
        ws.once('error', done);
      } else {
        ws.addEventListener('open', () => done(), { once: true });
        ws.addEventListener('error', () => done(new Error('websocket error')), { once: true });
      }
    });
  }

  send(method, params = {}, sessionId) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  on(listener) {
    this.listeners.push(listener);
  }

  close() {
    try {
      this.ws.close();
    } catch {
      /* closed */
    }
  }
}

/**
 * Spawns `executable [args] --no-sandbox --remote-debugging-port=0 --user-data-dir=<fresh>`; returns when the probe
 * reported readiness: { ms (spawn → ready), probeInTime (the probe says its reading is exact: it was installed while
 * the document was still loading, or it reads a retrospective timing), spawnedAt / readyAt (epoch ms), the page's
 * timeOrigin and domContentLoadedEventEnd (epoch ms), and the process's stderr so far }.
 */
export async function coldStart({ executable, args = [], env = process.env, probe, timeoutMs = 60_000, lingerMs = 0, afterReady }) {
  const profile = mkdtempSync(path.join(tmpdir(), 'ecuapass-bench-cold-'));
  const spawnedAt = Date.now();
  const child = spawn(executable, [...args, '--no-sandbox', '--remote-debugging-port=0', `--user-data-dir=${profile}`], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  let cdp;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const wsUrl = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "DevTools listening" line within ${timeoutMs} ms:\n${stderr.slice(-2000)}`)), timeoutMs);
      child.stderr.on('data', (d) => {
        stderr += d.toString();
        const m = stderr.match(/DevTools listening on (ws:\/\/\S+)/);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code} before DevTools listened:\n${stderr.slice(-2000)}`)));
    });
    cdp = await Cdp.connect(wsUrl);
    const pages = [];
    cdp.on((msg) => {
      if (msg.method !== 'Target.attachedToTarget') return;
      const { sessionId, targetInfo, waitingForDebugger } = msg.params;
      if (targetInfo.type === 'page') {
        pages.push({ sessionId });
        // Sent back to back without waiting: a session handles its commands in order, so the script is registered
        // before the page resumes (awaiting the answer first can stall while the target is paused).
        cdp.send('Page.enable', {}, sessionId).catch(() => undefined);
        cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: probe }, sessionId).catch(() => undefined);
        // A page that existed before we attached: run the probe now (it catches up on what already happened).
        if (!waitingForDebugger) cdp.send('Runtime.evaluate', { expression: probe }, sessionId).catch(() => undefined);
      }
      if (waitingForDebugger) cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(() => undefined);
    });
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });

    const until = Date.now() + timeoutMs;
    for (;;) {
      for (const page of pages) {
        try {
          const r = await Promise.race([
            cdp.send(
              'Runtime.evaluate',
              {
                expression: '[window.__benchReadyAt || 0, window.__benchEarly === true, performance.timeOrigin, performance.timing.domContentLoadedEventEnd]',
                returnByValue: true,
              },
              page.sessionId,
            ),
            new Promise((resolve) => setTimeout(resolve, 1000, null)),
          ]);
          const [at, early, pageOrigin, domContentLoaded] = r?.result?.value ?? [0, false];
          // The rest is for bench/startup-trace.mjs: the page's own milestones and the main process's marks.
          if (at) {
            // lingerMs: keep collecting stderr a moment longer (start-up marks printed after the page was ready).
            if (lingerMs) await new Promise((r) => setTimeout(r, lingerMs));
            // afterReady: an expression evaluated in the page once ready (e.g. its performance entries), by value.
            const extra = afterReady ? (await cdp.send('Runtime.evaluate', { expression: afterReady, returnByValue: true }, page.sessionId))?.result?.value : undefined;
            return { ms: at - spawnedAt, probeInTime: early, spawnedAt, readyAt: at, pageOrigin, domContentLoaded, stderr, extra };
          }
        } catch {
          /* navigating */
        }
      }
      if (Date.now() > until) throw new Error(`not ready within ${timeoutMs} ms`);
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    cdp?.close();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(profile, { recursive: true, force: true });
  }
}
