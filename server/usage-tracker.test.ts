import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { UsageEventInput } from "../lib/analytics/usage-events";
import { createFile, fileText } from "../lib/collab/room-files";
import { UsageTracker } from "./usage-tracker";

const silent = logger.child({}, { level: "silent" });
import { logger } from "../lib/observability/logger";

describe("UsageTracker", () => {
  it("counts characters per user and file, and active minutes once they are over", async () => {
    const written: UsageEventInput[] = [];
    let now = 10 * 60_000;
    const tracker = new UsageTracker({ record: async (events) => void written.push(...events) }, silent, () => now);
    const doc = new Y.Doc();
    const stop = tracker.watch("room", doc, (origin) => (origin === "ada" || origin === "bob" ? origin : null));
    const id = createFile(doc, "a.ts", "abc", "ada");
    doc.transact(() => fileText(doc, id).insert(3, "de"), "bob");
    doc.transact(() => fileText(doc, id).delete(0, 2), "bob");
    doc.transact(() => fileText(doc, id).insert(0, "zz"), "not a user");
    tracker.joined("ada", "room", "doc", "owner");
    tracker.active("ada", "room");
    now += 30_000;
    tracker.active("ada", "room");

    await tracker.flush();
    expect(written.map((e) => [e.type, e.userId, e.data])).toEqual([
      ["collab.join", "ada", { channel: "doc", role: "owner" }],
      ["collab.edit", "ada", { file_id: id, path: "a.ts", added: 3, removed: 0 }],
      ["collab.edit", "bob", { file_id: id, path: "a.ts", added: 2, removed: 2 }],
    ]);
    now += 60_000;
    written.length = 0;
    await tracker.flush();
    expect(written.map((e) => [e.type, e.data])).toEqual([["collab.active", { minutes: 1 }]]);
    stop();
  });
});
