import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { appFileHeaders, appFileOf } from '../../../src-main/window/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/window/content-security-policy';

const root = path.join(path.sep, 'opt', 'ecuapass', 'renderer');

describe('app:// names only files of the built renderer folder', () => {
  it('the entry and its assets resolve inside the folder; the bare origin is index.html', () => {
    expect(appFileOf(root, 'app://ecuapass/index.html')).toEqual({ file: path.join(root, 'index.html') });
    expect(appFileOf(root, 'app://ecuapass/assets/index-abc.js')).toEqual({ file: path.join(root, 'assets', 'index-abc.js') });
    expect(appFileOf(root, 'app://ecuapass/')).toEqual({ file: path.join(root, 'index.html') });
  });

  it('a path that climbs out of the folder, even %-encoded, is forbidden', () => {
    // The URL parser already folds a literal or %2e "..": it stays in the folder.
    expect(appFileOf(root, 'app://ecuapass/%2e%2e/%2e%2e/etc/passwd')).toEqual({ file: path.join(root, 'etc', 'passwd') });
    expect(appFileOf(root, 'app://ecuapass/assets/..%2f..%2f..%2fsecret')).toBe('forbidden');
  });

  it('another host, or a malformed escape, names nothing', () => {
    expect(appFileOf(root, 'app://otro/index.html')).toBe('not-found');
    expect(appFileOf(root, 'app://ecuapass/%E0%A4%A')).toBe('not-found');
  });

  it('every file carries the CSP, nosniff, no-store and its own type', () => {
    expect(appFileHeaders('/x/index.html')).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    expect(appFileHeaders('/x/a.js')['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(appFileHeaders('/x/a.bin')['Content-Type']).toBe('application/octet-stream');
  });
});
