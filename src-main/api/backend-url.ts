import { ERROR_MESSAGES, type ContractError } from '../../src-shared/contract';

/** Where the sandbox backend listens by default (`npm run sandbox`). */
export const SANDBOX_BACKEND_URL = 'http://127.0.0.1:4010';

export type BackendUrlCheck = { ok: true; url: string } | { ok: false; reason: 'invalid' | 'insecure' };

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * Validates a backend base URL: https anywhere, plain http only to this machine (a token sent in
 * clear over an office network could be read by anyone on it). Returns the URL without a trailing slash.
 */
export function checkBackendUrl(raw: string): BackendUrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  // An empty "?" or "#" leaves search/hash empty but stays in the URL, which would break `${url}/api/v1`.
  const hasQueryOrFragment = url.search !== '' || url.hash !== '' || /[?#]/.test(url.href);
  if (url.username || url.password || hasQueryOrFragment) return { ok: false, reason: 'invalid' };
  if (url.protocol === 'https:') return { ok: true, url: url.toString().replace(/\/+$/, '') };
  if (url.protocol === 'http:') {
    return isLoopback(url.hostname)
      ? { ok: true, url: url.toString().replace(/\/+$/, '') }
      : { ok: false, reason: 'insecure' };
  }
  return { ok: false, reason: 'invalid' };
}

/** ECUAPASS_API_URL, else the saved setting, else the sandbox default. */
export function resolveBackendUrl(env: string | undefined, saved: string | undefined): BackendUrlCheck {
  if (env !== undefined && env.trim() !== '') return checkBackendUrl(env);
  if (saved !== undefined && saved.trim() !== '') return checkBackendUrl(saved);
  return { ok: true, url: SANDBOX_BACKEND_URL };
}

/** The one wording of a refused backend URL, wherever it was typed or configured. */
export const INVALID_BACKEND_URL_MESSAGE = 'La dirección del servidor no es válida: use una dirección https://.';

export function backendUrlError(reason: 'invalid' | 'insecure'): ContractError {
  return reason === 'insecure'
    ? { code: 'INSECURE_URL', message: ERROR_MESSAGES.INSECURE_URL }
    : { code: 'INVALID_INPUT', message: INVALID_BACKEND_URL_MESSAGE };
}

/** The same error, shown at the "Dirección del servidor" field the user typed it in. */
export function backendUrlFieldError(reason: 'invalid' | 'insecure'): ContractError {
  const error = backendUrlError(reason);
  return { ...error, fields: { backendUrl: error.message } };
}
