import { describe, expect, it } from 'vitest';
import { isAllowedExternalLink } from '../../../src-main/window/external-links';
import { aboutText } from '../../../src-main/window/about-text';
import { isAppUrl } from '../../../src-main/window/app-protocol';

// The two URL checks of the window: each URL with the answer it must get.
describe.each<{ check: string; isIt: (url: string) => boolean; cases: [string, boolean][] }>([
  {
    check: 'links that may open in the system browser',
    isIt: isAllowedExternalLink,
    cases: [
      ['https://ecuapass.aduana.gob.ec', true],
      ['https://ecuapass.aduana.gob.ec/ayuda?x=1', true],
      ['https://www.aduana.gob.ec/instructivos', true],
      ['http://ecuapass.aduana.gob.ec', false],
      ['https://ecuapass.aduana.gob.ec.evil.com', false],
      ['https://evil.com/?u=https://ecuapass.aduana.gob.ec', false],
      ['file:///etc/passwd', false],
      ['javascript:alert(1)', false],
      ['not a url', false],
    ],
  },
  {
    check: 'what counts as the app itself',
    isIt: isAppUrl,
    cases: [
      ['app://ecuapass/index.html', true],
      ['app://ecuapass/assets/x.js', true],
      ['app://other/index.html', false],
      ['app://ecuapass.evil/index.html', false],
      ['https://ecuapass/index.html', false],
      ['file:///app/index.html', false],
    ],
  },
])('$check', ({ isIt, cases }) => {
  it.each(cases)('%s → %s', (url, expected) => {
    expect(isIt(url)).toBe(expected);
  });
});

describe('Ayuda > Acerca de', () => {
  it('shows the app version, the Electron version, the backend URL and the log folder', () => {
    const text = aboutText(
      { appVersion: '0.1.0', electronVersion: '25.1.1', backendUrl: 'https://api.example.ec', keychainAvailable: true },
      '/home/u/.config/Ecuapass Desktop/logs',
    );
    expect(text).toContain('Versión de la aplicación: 0.1.0');
    expect(text).toContain('Versión de Electron: 25.1.1');
    expect(text).toContain('Servidor Ecuapass: https://api.example.ec');
    expect(text).toContain('Carpeta de registros (logs): /home/u/.config/Ecuapass Desktop/logs');
  });
});
