import { describe, expect, it } from "vitest";
import { isPrivateAddress, parseWebhookUrl } from "./address-policy";

describe("webhook address policy", () => {
  it.each([
    "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255",
    "::1", "::", "fe80::1", "fd00:ec2::254", "fc00::5", "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "64:ff9b::a00:1", "2002:7f00:1::1",
  ])("refuses %s", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it("takes http(s) URLs without credentials only", () => {
    expect(parseWebhookUrl("https://hooks.example.com/x").hostname).toBe("hooks.example.com");
    for (const bad of ["ftp://example.com/", "file:///etc/passwd", "http://user:pw@example.com/", "not a url", `https://example.com/${"a".repeat(2001)}`]) {
      expect(() => parseWebhookUrl(bad), bad).toThrow();
    }
  });
});
