import { describe, expect, it } from 'vitest';
import { DEVICE_HEADER, DEVICE_PART_MAX, DeviceInfoSchema, encodeDeviceHeader, parseDeviceHeader } from '../../../src-shared/contract/device';

const PC = { host: 'PC-ADUANA-01', os: 'Windows 11 (10.0.22631)', app: '0.1.0' };

describe('X-Ecuapass-Device: which workstation a call comes from', () => {
  it('is host=…; os=…; app=…, each part percent-encoded, and reads back as it was', () => {
    expect(DEVICE_HEADER).toBe('X-Ecuapass-Device');
    const value = encodeDeviceHeader(PC);
    expect(value).toBe('host=PC-ADUANA-01; os=Windows%2011%20(10.0.22631); app=0.1.0');
    expect(parseDeviceHeader(value)).toEqual(PC);
  });

  it('a host name with accents, spaces or separators survives the trip, and the value stays plain ASCII', () => {
    const info = { host: 'Equipo de Peña; host=x', os: 'Linux 6.1 (Debian 12)', app: '1.2.0-beta.1' };
    const value = encodeDeviceHeader(info);
    expect(value).toMatch(/^[\x20-\x7e]+$/);
    expect(parseDeviceHeader(value)).toEqual(info);
  });

  it('each part is cut to its limit, never in the middle of a character', () => {
    const decoded = parseDeviceHeader(encodeDeviceHeader({ host: 'h'.repeat(63) + '😀', os: 'o'.repeat(100), app: '9'.repeat(40) }));
    expect(decoded).toEqual({ host: 'h'.repeat(63), os: 'o'.repeat(DEVICE_PART_MAX.os), app: '9'.repeat(DEVICE_PART_MAX.app) });
  });

  it('control characters and lone surrogates are dropped before encoding (encodeURIComponent would throw on the latter)', () => {
    expect(parseDeviceHeader(encodeDeviceHeader({ host: 'PC\r\n01\ud800', os: 'macOS 14.5', app: '0.1.0' }))).toEqual({ host: 'PC01', os: 'macOS 14.5', app: '0.1.0' });
  });

  it.each([
    ['nothing', undefined, { host: null, os: null, app: null }],
    ['an empty value', '', { host: null, os: null, app: null }],
    ['only unknown parts', 'foo=bar; baz', { host: null, os: null, app: null }],
    ['a part missing', 'host=PC1; app=0.1.0', { host: 'PC1', os: null, app: '0.1.0' }],
    ['bad percent-encoding', 'host=%E0%A4%A; os=Linux; app=1', { host: null, os: 'Linux', app: '1' }],
    ['an encoded control character', 'host=PC%0A1; os=Linux; app=1', { host: null, os: 'Linux', app: '1' }],
    ['an empty part', 'host=; os=Linux; app=1', { host: null, os: 'Linux', app: '1' }],
    ['a part over its limit', `host=${'a'.repeat(65)}; os=Linux; app=1`, { host: null, os: 'Linux', app: '1' }],
    ['a repeated part', 'host=A; host=B; os=Linux; app=1', { host: null, os: 'Linux', app: '1' }],
    ['extra spaces and a later version’s extra part', '  app=0.2.0 ;os=Linux;  host=PC1; gpu=x', { host: 'PC1', os: 'Linux', app: '0.2.0' }],
    ['a huge value', 'host=a;'.repeat(1000), { host: null, os: null, app: null }],
  ])('read leniently, never a throw: %s', (_what, raw, expected) => {
    const info = parseDeviceHeader(raw);
    expect(info).toEqual(expected);
    expect(DeviceInfoSchema.safeParse(info).success).toBe(true);
  });
});
