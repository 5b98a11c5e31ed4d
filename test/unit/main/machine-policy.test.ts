import { describe, expect, it } from 'vitest';
import { loadMachinePolicy, policyState, updatesAllowed } from '../../../src-main/policy/machine-policy';
import { machinePolicyPath, resolvePolicyPath } from '../../../src-main/policy/policy-location';
import { refuseManagedChange } from '../../../src-main/policy/policy-guard';
import { BackendConnection } from '../../../src-main/api/backend-connection';
import type { ApiClient } from '../../../src-main/api/api-client';

const file = (json: unknown) => () => Buffer.from(typeof json === 'string' ? json : JSON.stringify(json));

describe('machine policy file', () => {
  it('no file means no policy: nothing fixed, updates allowed', () => {
    const load = loadMachinePolicy(() => null);
    expect(load.status).toBe('none');
    expect(policyState(load)).toEqual({ status: 'none', fixed: [] });
    expect(updatesAllowed(load)).toBe(true);
  });

  it('a valid policy fixes the backend URL, the idle lock and the updates', () => {
    const load = loadMachinePolicy(file({ backendUrl: 'https://ecuapass.agencia.ec/', idleLockMinutes: 5, updates: { enabled: false } }));
    expect(load).toMatchObject({ status: 'applied', policy: { backendUrl: 'https://ecuapass.agencia.ec', idleLockMinutes: 5 } });
    expect(policyState(load).fixed).toEqual(['backendUrl', 'idleLockMinutes', 'updates']);
    expect(updatesAllowed(load)).toBe(false);
  });

  it.each([
    ['not JSON', '{ backendUrl: '],
    ['an unknown key (a typo must not leave a setting open)', { backendURL: 'https://x.ec' }],
    ['plain http to another machine', { backendUrl: 'http://10.0.0.5:4010' }],
    ['a URL that is not one', { backendUrl: 'servidor' }],
    ['idle lock out of range', { idleLockMinutes: 0 }],
    ['idle lock as text', { idleLockMinutes: '15' }],
    ['updates.enabled not a boolean', { updates: { enabled: 'no' } }],
    ['an insecure update feed', { updates: { feedUrl: 'http://updates.agencia.ec/' } }],
    ['an array instead of an object', []],
  ])('a policy with %s is refused whole, with a reason', (_what, json) => {
    const load = loadMachinePolicy(file(json));
    expect(load.status).toBe('invalid');
    expect(load.status === 'invalid' && load.reason.length).toBeGreaterThan(5);
    // Safe defaults: no backend allowed, updates off.
    expect(policyState(load)).toEqual({ status: 'invalid', fixed: ['backendUrl', 'updates'] });
    expect(updatesAllowed(load)).toBe(false);
  });

  it('an unreadable or oversized file is refused', () => {
    expect(loadMachinePolicy(() => { throw Object.assign(new Error('denied'), { code: 'EACCES' }); })).toMatchObject({ status: 'invalid', reason: expect.stringContaining('EACCES') });
    expect(loadMachinePolicy(() => Buffer.alloc(70_000, 32)).status).toBe('invalid');
  });
});

describe('where the policy is read from', () => {
  const base = { env: { ECUAPASS_POLICY_FILE: '/tmp/mine.json' }, resourcesPath: '/usr/lib/ecuapass-desktop/resources' };
  it('is the conventional machine-wide place per OS', () => {
    expect(machinePolicyPath('linux', {})).toBe('/etc/ecuapass-desktop/policy.json');
    expect(machinePolicyPath('win32', { ProgramData: 'C:\\ProgramData' })).toMatch(/^C:\\ProgramData[\\/]Ecuapass Desktop[\\/]policy\.json$/);
    expect(machinePolicyPath('darwin', {})).toBe('/Library/Application Support/Ecuapass Desktop/policy.json');
  });
  it('an installed program ignores ECUAPASS_POLICY_FILE: a user cannot bypass the policy', () => {
    expect(resolvePolicyPath({ ...base, platform: 'linux', isPackaged: true, exists: () => false })).toEqual({ path: '/etc/ecuapass-desktop/policy.json', overridden: false });
  });
  it('a development run or a marked test copy honours it', () => {
    expect(resolvePolicyPath({ ...base, platform: 'linux', isPackaged: false, exists: () => false }).path).toBe('/tmp/mine.json');
    const marked = resolvePolicyPath({ ...base, platform: 'linux', isPackaged: true, exists: (p) => p === '/usr/lib/ecuapass-desktop/resources/ecuapass-test-build' });
    expect(marked.path).toBe('/tmp/mine.json');
  });
});

describe('policy in force', () => {
  const client = (url: string) => ({ url }) as unknown as ApiClient;
  it('a pinned backend URL wins over ECUAPASS_API_URL and the saved setting, and stays after configure()', () => {
    const c = new BackendConnection('https://env.ec', 'https://saved.ec', client, { pinnedUrl: 'https://policy.ec' });
    expect([c.backendUrl, c.backendUrlSource]).toEqual(['https://policy.ec', 'policy']);
    c.configure('https://other.ec');
    expect(c.backendUrl).toBe('https://policy.ec');
  });
  it('a refused policy allows no backend at all, not even the saved one', () => {
    const c = new BackendConnection('https://env.ec', 'https://saved.ec', client, { refused: true });
    expect(c.api()).toBeNull();
    expect(c.urlProblem()?.code).toBe('POLICY_INVALID');
  });
  it('Configuración cannot change a fixed setting', () => {
    const state = { status: 'applied' as const, fixed: ['idleLockMinutes' as const] };
    expect(refuseManagedChange({ idleLockMinutes: 30 }, state)).toMatchObject({ code: 'MANAGED_BY_POLICY', fields: { idleLockMinutes: 'Administrado por su organización' } });
    expect(refuseManagedChange({ backendUrl: 'https://x.ec' }, state)).toBeNull();
  });
});
