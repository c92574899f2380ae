/**
 * Webhook rules that need no I/O: which delivery targets are allowed (SSRF protection), when a
 * failed delivery is tried again, when it is given up, and when an endpoint is switched off.
 *
 * Target checks work on what the WHATWG URL parser gives (`new URL(raw).hostname`): it already
 * turns every numeric IPv4 form (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`) into dotted
 * decimal and compresses IPv6, so there is one spelling per address to classify. Anything that
 * does not parse as an address is refused (fail closed).
 */

export type ForbiddenReason = 'loopback' | 'private' | 'link-local' | 'unique-local' | 'unspecified' | 'multicast' | 'reserved' | 'not_an_address';

export type TargetCheck =
  | { ok: true; url: URL; kind: 'address'; address: string }
  | { ok: true; url: URL; kind: 'name'; hostname: string }
  | { ok: false; reason: ForbiddenReason | 'scheme' | 'credentials' | 'invalid_url' };

const parseIpv4 = (text: string): number[] | null => {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return null;
  const octets = match.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
};

/** Eight 16-bit groups, or null. Accepts brackets, a zone id (`%eth0`, ignored) and a dotted IPv4 tail. */
const parseIpv6 = (text: string): number[] | null => {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return null;
  if (s.includes('.')) {
    const cut = s.lastIndexOf(':');
    const v4 = parseIpv4(s.slice(cut + 1));
    if (!v4) return null;
    s = `${s.slice(0, cut + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string | undefined) => (part === undefined || part === '' ? [] : part.split(':'));
  const head = groups(halves[0]);
  const tail = groups(halves[1]);
  if ([...head, ...tail].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  if (halves.length === 1 ? head.length !== 8 : head.length + tail.length > 7) return null;
  const zeros = new Array<string>(8 - head.length - tail.length).fill('0');
  return [...head, ...zeros, ...tail].map((g) => parseInt(g, 16));
};

const inV4 = (o: number[], prefix: [number, number, number, number], bits: number): boolean => {
  const value = ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
  const base = ((prefix[0] << 24) | (prefix[1] << 16) | (prefix[2] << 8) | prefix[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (value & mask) >>> 0 === (base & mask) >>> 0;
};

const v4Ranges: Array<[[number, number, number, number], number, ForbiddenReason]> = [
  [[0, 0, 0, 0], 8, 'unspecified'], // "this network", 0.0.0.0 reaches the local host
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'private'], // carrier-grade NAT
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'], // cloud metadata services live here
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'reserved'],
  [[192, 88, 99, 0], 24, 'reserved'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'reserved'],
  [[198, 51, 100, 0], 24, 'reserved'],
  [[203, 0, 113, 0], 24, 'reserved'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'], // includes 255.255.255.255
];

const v4Reason = (o: number[]): ForbiddenReason | null => v4Ranges.find(([prefix, bits]) => inV4(o, prefix, bits))?.[2] ?? null;

const v6Reason = (g: number[]): ForbiddenReason | null => {
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  const embedded = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  if (zeroUpTo(5) && g[5] === 0xffff) return v4Reason(embedded(g[6]!, g[7]!)); // IPv4-mapped
  if (zeroUpTo(6)) return v4Reason(embedded(g[6]!, g[7]!)); // IPv4-compatible (deprecated)
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return v4Reason(embedded(g[6]!, g[7]!)); // NAT64
  if (g[0] === 0x64 && g[1] === 0xff9b) return 'reserved'; // local-use NAT64
  if (g[0] === 0x2002) return v4Reason(embedded(g[1]!, g[2]!)); // 6to4
  if (g[0] === 0x2001 && g[1] === 0) return 'reserved'; // Teredo
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'reserved'; // documentation
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique-local';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  if ((g[0]! & 0xe000) !== 0x2000) return 'reserved'; // outside global unicast 2000::/3
  return null;
};

/**
 * Why a webhook may not be sent to this IP address (dotted IPv4 or IPv6, brackets allowed), or
 * null when it is a public unicast address. Strings that are not an address are refused.
 */
export const forbiddenAddress = (address: string): ForbiddenReason | null => {
  const v4 = parseIpv4(address);
  if (v4) return v4Reason(v4);
  const v6 = parseIpv6(address);
  if (v6) return v6Reason(v6);
  return 'not_an_address';
};

/** Host names that always mean this machine, whatever DNS says. */
export const isLocalhostName = (hostname: string): boolean => {
  const name = hostname.toLowerCase().replace(/\.+$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || name === 'localhost.localdomain';
};

const looksLikeIpv4 = (hostname: string) => /^[0-9.]+$/.test(hostname);

/**
 * The checks that need no DNS: an http(s) URL without credentials whose host, when it is an IP
 * address or a localhost name, is public (unless `allowPrivate`). A host name passes with
 * `kind: 'name'`: the caller resolves it and checks every address with forbiddenAddress.
 */
export const checkTarget = (raw: string, allowPrivate: boolean): TargetCheck => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'invalid_url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials' };
  const host = url.hostname;
  if (host === '') return { ok: false, reason: 'invalid_url' };
  if (host.startsWith('[') || looksLikeIpv4(host)) {
    const reason = allowPrivate ? null : forbiddenAddress(host);
    return reason ? { ok: false, reason } : { ok: true, url, kind: 'address', address: host.replace(/^\[|\]$/g, '') };
  }
  if (!allowPrivate && isLocalhostName(host)) return { ok: false, reason: 'loopback' };
  return { ok: true, url, kind: 'name', hostname: host };
};

/** Delivery policy: exponential backoff capped at an hour, given up a day after the first attempt. */
export const webhookPolicy = {
  retryDelayMaxMs: 3600_000,
  /** A delivery whose first attempt is this old when it fails again is dead-lettered. */
  deadAfterMs: 24 * 3600_000,
  /** An endpoint is switched off after this many failures in a row that span at least `deadAfterMs`. */
  disableAfterFailures: 50,
} as const;

/**
 * Milliseconds until the next attempt after `attempts` failed attempts (1, 2, …):
 * min(1 h, 2^attempts s) × a jitter factor 0.5…1.5 (`random` in [0, 1)).
 */
export const retryDelayMs = (attempts: number, random: number): number =>
  Math.round(Math.min(webhookPolicy.retryDelayMaxMs, 2 ** attempts * 1000) * (0.5 + random));

/** A failed delivery is dead-lettered once its first attempt is `deadAfterMs` old. */
export const isDeadLetter = (firstAttemptAtMs: number, nowMs: number): boolean => nowMs - firstAttemptAtMs >= webhookPolicy.deadAfterMs;

/**
 * An endpoint is disabled after `threshold` failed attempts in a row that have gone on for at
 * least a day (`failingSinceMs` is the first of them): a short outage under heavy traffic does
 * not switch an endpoint off, a day without a single 2xx does.
 */
export const shouldDisable = (state: { consecutiveFailures: number; failingSinceMs: number | null }, nowMs: number, threshold: number): boolean =>
  state.consecutiveFailures >= threshold && state.failingSinceMs !== null && nowMs - state.failingSinceMs >= webhookPolicy.deadAfterMs;
