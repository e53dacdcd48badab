import { describe, expect, it } from "vitest";
import { closeMessage } from "./close-messages";

describe("closeMessage", () => {
  it("tells the editor why a change was refused as too large, with the sidecar's reason", () => {
    expect(closeMessage(4413, "a file may hold at most 1,000,000 characters")).toBe(
      "Your last change was not saved: a file may hold at most 1,000,000 characters. Reload the page to continue from the saved document.",
    );
    expect(closeMessage(4413, "")).toContain("it would make this room too large");
  });
});
