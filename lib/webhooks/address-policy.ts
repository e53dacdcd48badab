import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";
import { AppError } from "../errors/app-error";

/** Where a webhook may be sent: the checked address the connection must use, and the URL as given. */
export interface DeliveryTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

// Private, loopback, link-local (cloud metadata 169.254.169.254, fd00:ec2::254), CGNAT, multicast,
// documentation and reserved ranges: nothing a public webhook receiver lives in.
const BLOCKED_V4: [string, number][] = [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
];
const BLOCKED_V6: [string, number][] = [
  ["::", 96], ["100::", 64], ["2001:db8::", 32], ["fc00::", 7], ["fe80::", 10], ["fec0::", 10], ["ff00::", 8],
];

const blocked = new BlockList();
for (const [net, prefix] of BLOCKED_V4) blocked.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of BLOCKED_V6) blocked.addSubnet(net, prefix, "ipv6");

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad included). */
function hextets(address: string): number[] {
  let text = address.toLowerCase().split("%")[0]!;
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad[1]!.split(".").map(Number) as [number, number, number, number];
    text = `${text.slice(0, -quad[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((h) => parseInt(h, 16));
}

/** The IPv4 address an IPv6 one carries (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16). */
function embeddedIpv4(address: string): string | null {
  const h = hextets(address);
  const quad = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (h.slice(0, 5).every((x) => x === 0) && h[5] === 0xffff) return quad(h[6]!, h[7]!);
  if (h[0] === 0x64 && h[1] === 0xff9b && h.slice(2, 6).every((x) => x === 0)) return quad(h[6]!, h[7]!);
  if (h[0] === 0x2002) return quad(h[1]!, h[2]!);
  return null;
}

/** True for any address a webhook must not reach unless WEBHOOK_ALLOW_PRIVATE is set (and for non-addresses). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  if (v4) return isPrivateAddress(v4);
  return blocked.check(address.split("%")[0]!, "ipv6");
}

function refuse(message: string): never {
  throw new AppError("VALIDATION_FAILED", message);
}

/** Parses a webhook URL: http(s) only, no credentials in it, at most 2,000 characters. */
export function parseWebhookUrl(raw: string): URL {
  if (raw.length > 2000) refuse("The URL is longer than 2,000 characters.");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    refuse("This is not a URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") refuse("Webhook URLs must start with http:// or https://.");
  if (url.username || url.password) refuse("Put no user name or password in the URL; verify the signature instead.");
  return url;
}

/**
 * Resolves the URL's host and checks every address it resolves to; the delivery then connects to the
 * checked address, so a DNS answer that changes between check and connect cannot redirect it.
 * Private addresses are refused unless `allowPrivate`.
 */
export async function resolveDeliveryTarget(raw: string, options: { allowPrivate: boolean; resolve?: Resolver }): Promise<DeliveryTarget> {
  const url = parseWebhookUrl(raw);
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    addresses = await (options.resolve ?? systemResolver)(host).catch(() => []);
    if (addresses.length === 0) refuse(`The host ${host} does not resolve.`);
  }
  if (!options.allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
    refuse("This URL points to a private, loopback or link-local address, which webhooks may not reach.");
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
