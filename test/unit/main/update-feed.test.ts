import { describe, expect, it } from 'vitest';
import { resolveUpdateFeed } from '../../../src-main/update/update-feed';
import type { PolicyLoad } from '../../../src-main/policy/machine-policy';

const none: PolicyLoad = { status: 'none', policy: {} };

describe('resolveUpdateFeed', () => {
  it('uses the feed of settings.json when no policy names one', () => {
    expect(resolveUpdateFeed(none, 'https://updates.example/linux')).toEqual({ enabled: true, url: 'https://updates.example/linux/', source: 'settings' });
  });

  it("lets the policy's feed win over the user's", () => {
    const policy: PolicyLoad = { status: 'applied', policy: { updates: { feedUrl: 'https://it.example/feed/' } } };
    expect(resolveUpdateFeed(policy, 'https://updates.example/linux')).toEqual({ enabled: true, url: 'https://it.example/feed/', source: 'policy' });
  });

  it('is off when the policy turns updates off, whatever settings.json says', () => {
    const policy: PolicyLoad = { status: 'applied', policy: { updates: { enabled: false, feedUrl: 'https://it.example/feed/' } } };
    expect(resolveUpdateFeed(policy, 'https://updates.example/linux')).toEqual({ enabled: false, reason: 'policy' });
  });

  it('is off under a refused policy file', () => {
    expect(resolveUpdateFeed({ status: 'invalid', policy: {}, reason: 'x' }, 'https://updates.example/')).toEqual({ enabled: false, reason: 'policy' });
  });

  it('is off without any feed', () => {
    expect(resolveUpdateFeed(none, undefined)).toEqual({ enabled: false, reason: 'no-feed' });
    expect(resolveUpdateFeed(none, '  ')).toEqual({ enabled: false, reason: 'no-feed' });
  });

  it('refuses a settings feed over plain http to another machine, or not a URL', () => {
    expect(resolveUpdateFeed(none, 'http://192.168.1.20/updates')).toEqual({ enabled: false, reason: 'invalid-feed' });
    expect(resolveUpdateFeed(none, 'ftp://updates.example/')).toEqual({ enabled: false, reason: 'invalid-feed' });
    expect(resolveUpdateFeed(none, 'no es url')).toEqual({ enabled: false, reason: 'invalid-feed' });
    expect(resolveUpdateFeed(none, 'http://127.0.0.1:8080/feed')).toEqual({ enabled: true, url: 'http://127.0.0.1:8080/feed/', source: 'settings' });
  });
});
