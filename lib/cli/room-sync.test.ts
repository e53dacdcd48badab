import { describe, expect, it } from "vitest";
import { describePlan, planSync } from "./room-sync";

const words = { create: "created", update: "updated", unchanged: "unchanged", delete: "deleted" };

describe("planSync", () => {
  const source = new Map([
    ["src/new.ts", "new"],
    ["README.md", "same"],
    ["src/index.ts", "edited"],
  ]);
  const target = new Map<string, string | null>([
    ["README.md", "same"],
    ["src/index.ts", "original"],
    ["old.txt", null],
  ]);

  it("creates, updates and keeps files, sorted by path, and leaves target extras alone by default", () => {
    const plan = planSync(source, target, { deleteMissing: false });
    expect(plan.steps).toEqual([
      { path: "README.md", action: "unchanged" },
      { path: "src/index.ts", action: "update" },
      { path: "src/new.ts", action: "create" },
    ]);
    expect(plan.counts).toEqual({ create: 1, update: 1, unchanged: 1, delete: 0 });
  });

  it("deletes target files the source lacks only when asked", () => {
    const plan = planSync(source, target, { deleteMissing: true });
    expect(plan.steps.find((s) => s.path === "old.txt")).toEqual({ path: "old.txt", action: "delete" });
    expect(plan.counts.delete).toBe(1);
  });

  it("treats a present file whose content was not loaded as changed, and compares exactly", () => {
    const plan = planSync(new Map([["a", "x"], ["b", "line\n"]]), new Map<string, string | null>([["a", null], ["b", "line\r\n"]]), { deleteMissing: false });
    expect(plan.steps.map((s) => s.action)).toEqual(["update", "update"]);
  });

  it("describes changed files one per line and counts the unchanged", () => {
    const text = describePlan(planSync(source, target, { deleteMissing: true }), words);
    expect(text.split("\n")).toEqual(["- old.txt (deleted)", "~ src/index.ts (updated)", "+ src/new.ts (created)", "1 created, 1 updated, 1 deleted, 1 unchanged"]);
    expect(describePlan(planSync(new Map(), new Map(), { deleteMissing: false }), words)).toBe("0 created, 0 updated, 0 unchanged");
  });
});
