import { readFile } from 'node:fs/promises';
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

/** Answers one app:// request from the built renderer folder, refusing anything outside it. */
export async function serveAppRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  const url = new URL(requestUrl);
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
  const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
  const root = normalize(rendererDir + sep);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root)) return new Response('Forbidden', { status: 403 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

/**
 * Whether a URL belongs to the app. Compared as text: Node's URL gives custom schemes an
 * opaque "null" origin, so `new URL(u).origin` cannot be used here.
 */
export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) && !url.startsWith(`${APP_ORIGIN}//`);
}
