/**
 * Webhook targets (SSRF protection): the pure rules of domain/webhooks.ts, plus DNS. A host name
 * is resolved and every address it resolves to must be public; checked when a webhook is created
 * or changed, and again before every delivery (DNS may change in between).
 */
import { lookup } from 'node:dns/promises';
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

/** The URL to send to (normalized), or webhook_url_forbidden with `details.reason`. */
export const checkWebhookUrl = async (raw: string, options: TargetOptions): Promise<Outcome<URL>> => {
  const target = checkTarget(raw, options.allowPrivate);
  if (!target.ok) return forbidden(raw, target.reason);
  if (target.kind === 'address' || options.allowPrivate) return ok(target.url);
  let addresses: string[];
  try {
    addresses = await (options.resolve ?? dnsResolver)(target.hostname);
  } catch {
    return forbidden(raw, 'unresolvable');
  }
  if (addresses.length === 0) return forbidden(raw, 'unresolvable');
  for (const address of addresses) {
    const reason = forbiddenAddress(address);
    if (reason) return forbidden(raw, reason, address);
  }
  return ok(target.url);
};
