/**
 * Webhook targets (SSRF protection): the pure rules of domain/webhooks.ts, plus DNS. A host name
 * is resolved and every address it resolves to must be public; checked when a webhook is created
 * or changed, and again as each delivery connects: the sender's socket connects to the addresses
 * that were checked (`pinnedLookup`), so a DNS answer that changes in between cannot send it to a
 * private address (DNS rebinding).
 */
import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIPv6, type LookupFunction } from 'node:net';
import { checkTarget, forbiddenAddress, type ForbiddenReason } from '../../domain/webhooks.js';
import { fail, ok, type Outcome } from '../../domain/result.js';

/** The addresses a host name resolves to (all of them, IPv4 and IPv6). */
export type Resolver = (hostname: string) => Promise<string[]>;

const lookupTimeoutMs = 5000;

export const dnsResolver: Resolver = async (hostname) => {
  let timer: NodeJS.Timeout | undefined;
  try {
    const addresses = await Promise.race([
      lookup(hostname, { all: true, verbatim: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`DNS lookup of ${hostname} timed out`)), lookupTimeoutMs);
        timer.unref();
      }),
    ]);
    return addresses.map((a) => a.address);
  } finally {
    clearTimeout(timer);
  }
};

export interface TargetOptions {
  /** STOCKROOM_WEBHOOKS_ALLOW_PRIVATE: allow loopback and private networks (tests, on-premises receivers). */
  allowPrivate: boolean;
  resolve?: Resolver;
}

const explain: Record<ForbiddenReason | 'scheme' | 'credentials' | 'invalid_url' | 'unresolvable', string> = {
  loopback: 'its host is this machine (loopback)',
  private: 'its host is on a private network',
  'link-local': 'its host is link-local (e.g. a cloud metadata service)',
  'unique-local': 'its host is an IPv6 unique-local address',
  unspecified: 'its host is an unspecified address',
  multicast: 'its host is a multicast address',
  reserved: 'its host is a reserved or documentation address',
  not_an_address: 'its host resolves to something that is not an IP address',
  scheme: 'only http and https URLs are allowed',
  credentials: 'credentials in the URL are not allowed (use the signing secret)',
  invalid_url: 'it is not a valid URL',
  unresolvable: 'its host name does not resolve',
};

const forbidden = (url: string, reason: keyof typeof explain, address?: string) =>
  fail('webhook_url_forbidden', `Webhook URL ${url} is not allowed: ${explain[reason]}.`, { url, reason, ...(address !== undefined && { address }) });

type Resolved = { ok: true; addresses: string[] } | { ok: false; reason: keyof typeof explain; address?: string };

/** The addresses of `hostname`, or why it must not be sent to. */
const resolveTarget = async (hostname: string, options: TargetOptions): Promise<Resolved> => {
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? dnsResolver)(hostname);
  } catch {
    return { ok: false, reason: 'unresolvable' };
  }
  if (addresses.length === 0) return { ok: false, reason: 'unresolvable' };
  if (!options.allowPrivate) {
    for (const address of addresses) {
      const reason = forbiddenAddress(address);
      if (reason) return { ok: false, reason, address };
    }
  }
  return { ok: true, addresses };
};

/** The URL to send to (normalized), or webhook_url_forbidden with `details.reason`. */
export const checkWebhookUrl = async (raw: string, options: TargetOptions): Promise<Outcome<URL>> => {
  const target = checkTarget(raw, options.allowPrivate);
  if (!target.ok) return forbidden(raw, target.reason);
  if (target.kind === 'address' || options.allowPrivate) return ok(target.url);
  const resolved = await resolveTarget(target.hostname, options);
  return resolved.ok ? ok(target.url) : forbidden(raw, resolved.reason, resolved.address);
};

/** The checks of checkWebhookUrl that need no DNS: the URL, its scheme, credentials, a literal address. */
export const checkWebhookUrlWithoutDns = (raw: string, allowPrivate: boolean): Outcome<URL> => {
  const target = checkTarget(raw, allowPrivate);
  return target.ok ? ok(target.url) : forbidden(raw, target.reason);
};

/**
 * The `lookup` of the socket that sends a delivery: the host's addresses from the same resolver as
 * checkWebhookUrl, refused (unless private targets are allowed) when any of them is forbidden. The
 * socket connects to what was checked, in the same step.
 */
export const pinnedLookup =
  (options: TargetOptions): LookupFunction =>
  (hostname, lookupOptions, callback) => {
    void resolveTarget(hostname, options).then((resolved) => {
      const refuse = (message: string, code: string) => callback(Object.assign(new Error(message), { code }), '');
      if (!resolved.ok) {
        const { reason, address } = resolved;
        refuse(`Webhook host ${hostname}${address ? ` (${address})` : ''} is not allowed: ${explain[reason]}.`, reason === 'unresolvable' ? 'ENOTFOUND' : 'EWEBHOOKFORBIDDEN');
        return;
      }
      const family = lookupOptions.family === 'IPv4' ? 4 : lookupOptions.family === 'IPv6' ? 6 : lookupOptions.family;
      const all: LookupAddress[] = resolved.addresses.map((address) => ({ address, family: isIPv6(address) ? 6 : 4 })).filter((a) => !family || a.family === family);
      if (all.length === 0) refuse(`Webhook host ${hostname} has no IPv${family} address.`, 'ENOTFOUND');
      else if (lookupOptions.all) callback(null, all);
      else callback(null, all[0]!.address, all[0]!.family);
    });
  };
