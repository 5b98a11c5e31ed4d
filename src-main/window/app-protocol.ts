import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/** The renderer is served from `app://ecuapass/`, never file:// (a file URL can read the disk). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ecuapass';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** The file an app:// URL names inside the built renderer folder; 'not-found' off our host, 'forbidden' outside the folder. */
export function appFileOf(rendererDir: string, requestUrl: string): { file: string } | 'not-found' | 'forbidden' {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return 'not-found';
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  } catch {
    return 'not-found'; // a malformed %-escape names no file
  }
  const root = normalize(rendererDir + sep);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root)) return 'forbidden';
  return { file };
}

/** The headers of every file the app serves. */
export function appFileHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/**
 * Whether a URL belongs to the app. Compared as text: Node's URL gives custom schemes an
 * opaque "null" origin, so `new URL(u).origin` cannot be used here.
 */
export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) && !url.startsWith(`${APP_ORIGIN}//`);
}
