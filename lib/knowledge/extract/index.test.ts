import { describe, expect, it } from "vitest";
import { utf8 } from "../test-fixtures";
import { extractDocument } from "./index";

describe("extractDocument", () => {
  it("refuses extracted text over the cap", async () => {
    const detected = { kind: "text", mime: "text/plain", extension: "txt", encoding: "utf-8" } as const;
    await expect(extractDocument(detected, utf8("x".repeat(101)), { maxTextChars: 100 })).rejects.toMatchObject({
      code: "TOO_LARGE",
      details: { textChars: 101, limitChars: 100 },
    });
    await expect(extractDocument(detected, utf8("x".repeat(100)), { maxTextChars: 100 })).resolves.toMatchObject({
      text: "x".repeat(100),
    });
  });
});
