import { describe, expect, it } from "vitest";
import { cleanModelTitle } from "./model-title";

describe("cleanModelTitle", () => {
  it("keeps the first line without quotes, a heading mark, a label or a final period", () => {
    expect(cleanModelTitle('"Deploying with make ship."\nMore text')).toBe("Deploying with make ship");
    expect(cleanModelTitle("## Title: ASN1_MAX_NAME_SIZE in OpenSSL")).toBe("ASN1_MAX_NAME_SIZE in OpenSSL");
    expect(cleanModelTitle("  “Kubernetes   pods” ")).toBe("Kubernetes pods");
  });

  it("refuses an empty or overlong reply", () => {
    expect(cleanModelTitle("")).toBeNull();
    expect(cleanModelTitle('""')).toBeNull();
    expect(cleanModelTitle("x".repeat(81))).toBeNull();
  });
});
