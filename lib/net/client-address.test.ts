import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, parseTrustedProxies } from "./client-address";

const none = parseTrustedProxies(undefined);
const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("parseTrustedProxies", () => {
  it("matches single addresses and CIDR ranges of both families", () => {
    const trusted = parseTrustedProxies(" 10.0.0.0/8, 192.168.1.7 ,fd00::/8, ::1 ");
    expect(["10.1.2.3", "10.255.255.255", "192.168.1.7", "fd12::1", "::1"].map((a) => trusted.has(a))).toEqual([true, true, true, true, true]);
    expect(["11.0.0.1", "192.168.1.8", "fe80::1", "::2", "not-an-ip"].map((a) => trusted.has(a))).toEqual([false, false, false, false, false]);
  });

  it("handles prefix edges: /32 is one address, /0 is everything of that family", () => {
    const trusted = parseTrustedProxies("172.16.5.4/32,0.0.0.0/0");
    expect(trusted.has("172.16.5.4")).toBe(true);
    expect(trusted.has("8.8.8.8")).toBe(true);
    expect(trusted.has("2001:db8::1")).toBe(false);
    const narrow = parseTrustedProxies("172.16.0.0/12");
    expect([narrow.has("172.31.255.255"), narrow.has("172.32.0.0")]).toEqual([true, false]);
  });

  it("refuses anything that is not an address or a range", () => {
    for (const bad of ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/8/1", "proxy.local", "10.0.0.0/x"]) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/not an IP address/);
    }
    expect(() => parseTrustedProxies("")).not.toThrow();
  });
});

describe("normalizeAddress", () => {
  it("strips ports, brackets and the IPv4-mapped prefix", () => {
    expect(normalizeAddress(" 1.2.3.4:5678 ")).toBe("1.2.3.4");
    expect(normalizeAddress("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normalizeAddress("unknown")).toBeNull();
  });
});

describe("clientAddress", () => {
  it("without trusted proxies is the connection's address (the last entry), whatever the client claims", () => {
    expect(clientAddress(xff("203.0.113.9"), none)).toBe("203.0.113.9");
    expect(clientAddress(xff("9.9.9.9, 203.0.113.9"), none)).toBe("203.0.113.9");
    expect(clientAddress(xff("9.9.9.9, 8.8.8.8, ::ffff:203.0.113.9"), none)).toBe("203.0.113.9");
  });

  it("skips trusted hops from the right and stops at the first untrusted one", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8,fd00::/8");
    // client spoofed 9.9.9.9; the real client 198.51.100.7 reached proxy 10.0.0.2, then proxy fd00::5
    expect(clientAddress(xff("9.9.9.9, 198.51.100.7, 10.0.0.2, fd00::5"), trusted)).toBe("198.51.100.7");
    expect(clientAddress(xff("10.0.0.3, 10.0.0.2"), trusted)).toBe("10.0.0.3");
    expect(clientAddress(xff("198.51.100.7"), trusted)).toBe("198.51.100.7");
  });

  it("does not believe an entry added by a hop that is not trusted", () => {
    const trusted = parseTrustedProxies("10.0.0.2");
    expect(clientAddress(xff("1.1.1.1, 10.0.0.9"), trusted)).toBe("10.0.0.9");
  });

  it("answers unknown for a missing header or garbage a trusted hop passed on", () => {
    expect(clientAddress(new Headers(), none)).toBe("unknown");
    expect(clientAddress(undefined, none)).toBe("unknown");
    expect(clientAddress(xff("junk, 10.0.0.2"), parseTrustedProxies("10.0.0.2"))).toBe("unknown");
  });

  it("reads plain header records (next-auth's req.headers), joined duplicates included", () => {
    expect(clientAddress({ "x-forwarded-for": "9.9.9.9, 127.0.0.1" }, none)).toBe("127.0.0.1");
    expect(clientAddress({ "x-forwarded-for": ["9.9.9.9", "127.0.0.1"] }, none)).toBe("127.0.0.1");
  });
});
