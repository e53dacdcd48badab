import { BlockList, isIP } from "node:net";

/** The hops whose X-Forwarded-For entries are believed (TRUSTED_PROXIES). */
export interface TrustedProxies {
  has(address: string): boolean;
}

/**
 * Parses a comma-separated list of addresses and CIDR ranges, IPv4 and IPv6 (`10.0.0.0/8, ::1,
 * fd00::/8`). Throws on anything else, so a typo cannot silently trust nobody (or everybody).
 */
export function parseTrustedProxies(spec: string | undefined): TrustedProxies {
  const list = new BlockList();
  for (const raw of (spec ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address = "", bits, extra] = raw.split("/");
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxBits && bits !== ""))) {
      throw new Error(`"${raw}" is not an IP address or CIDR range`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return {
    has(address) {
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
    },
  };
}

/**
 * One X-Forwarded-For entry as a bare address: IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack
 * socket reports) becomes IPv4; ports (`1.2.3.4:80`, `[::1]:80`) are dropped. Null if not an address.
 */
export function normalizeAddress(entry: string): string | null {
  let value = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1]!;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1]!;
  return isIP(value) ? value.toLowerCase() : null;
}

type HeaderSource = Headers | Record<string, unknown> | undefined;

function forwardedFor(headers: HeaderSource): string {
  if (!headers) return "";
  if (headers instanceof Headers) return headers.get("x-forwarded-for") ?? "";
  const value = headers["x-forwarded-for"];
  if (Array.isArray(value)) return value.join(",");
  return typeof value === "string" ? value : "";
}

/**
 * The client's address for rate limits and logs. The web server appends the address of the socket
 * it accepted as the last X-Forwarded-For entry (scripts/peer-address.mjs), so that entry is a
 * fact, and everything left of it is what earlier hops claim. Reading from the right, entries are
 * believed only while the hop that added them is a trusted proxy: the answer is the first entry
 * from the right that is not one (or the leftmost, if all are). A client can prepend anything; it
 * cannot change what our server or a trusted proxy appended. "unknown" when there is no usable entry.
 */
export function clientAddress(headers: HeaderSource, trusted: TrustedProxies): string {
  const entries = forwardedFor(headers).split(",").map((s) => s.trim()).filter(Boolean);
  for (let i = entries.length - 1; i >= 0; i--) {
    const address = normalizeAddress(entries[i]!);
    if (!address) return "unknown";
    if (i === 0 || !trusted.has(address)) return address;
  }
  return "unknown";
}
