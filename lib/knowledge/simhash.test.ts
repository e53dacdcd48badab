import { describe, expect, it } from "vitest";
import { fingerprintSimilarity, isNearDuplicate, simhash } from "./simhash";
import { prose } from "./test-fixtures";

describe("simhash", () => {
  const original = prose(400, 1);

  it("is 16 hex digits and stable", () => {
    expect(simhash(original)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(original)).toBe(simhash(original));
  });

  it("ignores case, punctuation and whitespace", () => {
    const reformatted = original.toUpperCase().replace(/\n/g, "  ").replace(/\./g, ";");
    expect(simhash(reformatted)).toBe(simhash(original));
  });

  it("scores a lightly edited copy as a near duplicate and unrelated text as not", () => {
    const words = original.split(" ");
    for (const i of [40, 150, 300]) words[i] = "zebra";
    const edited = words.join(" ");
    const unrelated = prose(400, 99);

    const editedSimilarity = fingerprintSimilarity(simhash(original), simhash(edited));
    const unrelatedSimilarity = fingerprintSimilarity(simhash(original), simhash(unrelated));
    expect(editedSimilarity).toBeGreaterThanOrEqual(0.9);
    expect(editedSimilarity).toBeLessThan(1);
    expect(unrelatedSimilarity).toBeLessThan(0.75);
    expect(isNearDuplicate(simhash(original), simhash(edited))).toBe(true);
    expect(isNearDuplicate(simhash(original), simhash(unrelated))).toBe(false);
  });

  it("measures similarity as the share of equal bits", () => {
    expect(fingerprintSimilarity("0000000000000000", "0000000000000000")).toBe(1);
    expect(fingerprintSimilarity("0000000000000000", "ffffffffffffffff")).toBe(0);
    expect(fingerprintSimilarity("0000000000000000", "000000000000000f")).toBe(60 / 64);
    expect(() => fingerprintSimilarity("xyz", "0000000000000000")).toThrow(TypeError);
  });

  it("fingerprints texts shorter than one shingle", () => {
    expect(simhash("hello")).not.toBe(simhash("world"));
    expect(simhash("")).toBe("0000000000000000");
  });
});
