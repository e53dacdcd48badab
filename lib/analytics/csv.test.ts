import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("escapes quotes, commas and line breaks and defuses formulas", () => {
    const rows = [{ name: 'Ann "A", B', n: -3, note: "line\nbreak" }, { name: "=SUM(A1)", n: 0.5, note: null }];
    const csv = toCsv([{ key: "name", header: "Name" }, { key: "n", header: "N" }, { key: "note", header: "Note" }], rows);
    expect(csv).toBe('Name,N,Note\r\n"Ann ""A"", B",-3,"line\nbreak"\r\n\'=SUM(A1),0.5,\r\n');
  });
});
