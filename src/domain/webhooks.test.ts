import { describe, expect, it } from 'vitest';
import { checkTarget, forbiddenAddress, isDeadLetter, retryDelayMs, shouldDisable, webhookPolicy } from './webhooks.js';

describe('webhook targets', () => {
  it('refuses loopback, private, link-local, unique-local and reserved IPv4 and IPv6 addresses', () => {
    const refused: Record<string, string> = {
      '127.0.0.1': 'loopback',
      '127.255.1.2': 'loopback',
      '10.0.0.1': 'private',
      '172.16.0.1': 'private',
      '172.31.255.255': 'private',
      '192.168.1.1': 'private',
      '100.64.0.1': 'private',
      '169.254.169.254': 'link-local',
      '0.0.0.0': 'unspecified',
      '224.0.0.1': 'multicast',
      '255.255.255.255': 'reserved',
      '203.0.113.7': 'reserved',
      '::': 'unspecified',
      '::1': 'loopback',
      '[::1]': 'loopback',
      '0:0:0:0:0:0:0:1': 'loopback',
      '::ffff:127.0.0.1': 'loopback',
      '::ffff:7f00:1': 'loopback',
      '::ffff:a9fe:a9fe': 'link-local',
      '::127.0.0.1': 'loopback',
      '64:ff9b::10.0.0.1': 'private',
      '2002:0a00:0001::1': 'private',
      'fe80::1': 'link-local',
      'fe80::1%eth0': 'link-local',
      'fc00::1': 'unique-local',
      'fd12:3456:789a::1': 'unique-local',
      'fec0::1': 'private',
      'ff02::1': 'multicast',
      '2001:db8::1': 'reserved',
      '2001:0:4136:e378::1': 'reserved',
      '100::1': 'reserved',
    };
    for (const [address, reason] of Object.entries(refused)) expect(forbiddenAddress(address), address).toBe(reason);
  });

  it('allows public unicast addresses', () => {
    for (const address of ['8.8.8.8', '93.184.215.14', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '[2a00:1450:4001::200e]', '::ffff:8.8.8.8', '64:ff9b::808:808']) {
      expect(forbiddenAddress(address), address).toBeNull();
    }
  });

  it('refuses what is not an address, failing closed', () => {
    for (const text of ['', 'localhost', '256.0.0.1', '1.2.3', '0177.0.0.1', '1::2::3', '1:2:3:4:5:6:7:8:9', 'g::1', '::ffff:1.2.3.999']) {
      expect(forbiddenAddress(text), text).toBe('not_an_address');
    }
  });

  it('checks URLs: scheme, credentials, numeric IPv4 forms, localhost names; names are left to DNS', () => {
    const reason = (raw: string) => {
      const check = checkTarget(raw, false);
      return check.ok ? null : check.reason;
    };
    expect(reason('ftp://example.com/')).toBe('scheme');
    expect(reason('file:///etc/passwd')).toBe('scheme');
    expect(reason('not a url')).toBe('invalid_url');
    expect(reason('https://user:pw@example.com/')).toBe('credentials');
    for (const raw of ['http://127.0.0.1/', 'http://2130706433/', 'http://0x7f.1/', 'http://017700000001/', 'http://127.1/', 'http://[::ffff:127.0.0.1]/', 'http://[0:0:0:0:0:0:0:1]:8080/']) {
      expect(reason(raw), raw).toBe('loopback');
    }
    expect(reason('http://0/')).toBe('unspecified');
    for (const raw of ['http://localhost/', 'http://LOCALHOST./x', 'http://api.localhost:3000/', 'http://localhost.localdomain/']) expect(reason(raw), raw).toBe('loopback');
    expect(checkTarget('https://hooks.example.com/in', false)).toMatchObject({ ok: true, kind: 'name', hostname: 'hooks.example.com' });
    expect(checkTarget('https://8.8.8.8/in', false)).toMatchObject({ ok: true, kind: 'address', address: '8.8.8.8' });
    expect(checkTarget('http://[2606:4700:4700::1111]/', false)).toMatchObject({ ok: true, kind: 'address', address: '2606:4700:4700::1111' });
  });

  it('allows private targets only when told to, and never other schemes', () => {
    expect(checkTarget('http://127.0.0.1:9000/hook', true)).toMatchObject({ ok: true });
    expect(checkTarget('http://localhost/hook', true)).toMatchObject({ ok: true, kind: 'name' });
    expect(checkTarget('gopher://127.0.0.1/', true)).toMatchObject({ ok: false, reason: 'scheme' });
  });
});

describe('webhook delivery policy', () => {
  it('backs off exponentially with jitter, capped at an hour', () => {
    expect(retryDelayMs(1, 0.5)).toBe(2000);
    expect(retryDelayMs(2, 0.5)).toBe(4000);
    expect(retryDelayMs(1, 0)).toBe(1000);
    expect(retryDelayMs(1, 0.999999)).toBe(3000);
    expect(retryDelayMs(12, 0.5)).toBe(3600_000);
    expect(retryDelayMs(1000, 0.5)).toBe(3600_000);
    expect(retryDelayMs(40, 0)).toBe(1800_000);
  });

  it('dead-letters a day after the first attempt', () => {
    expect(isDeadLetter(0, webhookPolicy.deadAfterMs - 1)).toBe(false);
    expect(isDeadLetter(0, webhookPolicy.deadAfterMs)).toBe(true);
  });

  it('disables an endpoint after N failures in a row spanning a day', () => {
    const day = webhookPolicy.deadAfterMs;
    expect(shouldDisable({ consecutiveFailures: 50, failingSinceMs: 0 }, day - 1, 50)).toBe(false);
    expect(shouldDisable({ consecutiveFailures: 49, failingSinceMs: 0 }, day, 50)).toBe(false);
    expect(shouldDisable({ consecutiveFailures: 50, failingSinceMs: 0 }, day, 50)).toBe(true);
    expect(shouldDisable({ consecutiveFailures: 50, failingSinceMs: null }, day, 50)).toBe(false);
  });
});
