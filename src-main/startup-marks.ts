// Start-up phases for bench/startup-trace.mjs (issue #15: measure where the time goes rather than guess).
// Off unless ECUAPASS_STARTUP_MARKS=1; each mark is one stderr line with the wall-clock time, so the bench can
// line it up with the moment it spawned the process.
const enabled = process.env.ECUAPASS_STARTUP_MARKS === '1';

export function startupMark(name: string): void {
  if (enabled) process.stderr.write(`[startup-mark] ${name} ${Date.now()}\n`);
}

// Evaluated first of the main bundle (src-main/index.ts imports this module before anything else).
startupMark('main-script');
