/** The logger's shape the main process uses (electron-log's main logger has it). */
export interface MainLog {
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

type Level = keyof MainLog;

/**
 * A logger usable from the first line of the main process, before electron-log is loaded (it is
 * not on the way to the first window, issue #15): messages are kept in order and written when
 * `attach` gives it the real logger; after that every call goes straight to it.
 */
export function deferredLog(): MainLog & { attach(real: MainLog): void } {
  let real: MainLog | null = null;
  const held: Array<[Level, string, unknown[]]> = [];
  const at = (level: Level) => (message: string, ...details: unknown[]) => {
    if (real) real[level](message, ...details);
    else held.push([level, message, details]);
  };
  return {
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    attach(logger) {
      real = logger;
      for (const [level, message, details] of held.splice(0)) logger[level](message, ...details);
    },
  };
}
