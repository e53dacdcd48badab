import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UpdateJournal } from "./update-journal";

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "eca-journal-"));
  dirs.push(dir);
  return dir;
}

async function replayed(dir: string, name = "sidecar-1234"): Promise<Map<string, Uint8Array[]>> {
  let seen = new Map<string, Uint8Array[]>();
  const journal = await UpdateJournal.open(dir, name, async (updates) => {
    seen = updates;
  });
  journal.close();
  return seen;
}

afterEach(() => {
  vi.useRealTimers();
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

describe("UpdateJournal", () => {
  it("replays every update not yet settled, by room, in order, then starts empty", async () => {
    const dir = freshDir();
    const journal = await UpdateJournal.open(dir, "sidecar-1234", async () => undefined);
    const written = journal.append("room-a", Uint8Array.of(1));
    journal.append("room-a", Uint8Array.of(2, 2));
    journal.append("room-b", Uint8Array.of(3));
    journal.settle([written]);
    // No close: the process was killed.
    const updates = await replayed(dir);
    expect([...updates.keys()]).toEqual(["room-a", "room-b"]);
    expect(updates.get("room-a")).toEqual([Uint8Array.of(1), Uint8Array.of(2, 2)]);
    expect(updates.get("room-b")).toEqual([Uint8Array.of(3)]);
    expect((await replayed(dir)).size).toBe(0);
  });

  it("deletes a segment once every update in it is written, and everything on a clean close", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const dir = freshDir();
    const journal = await UpdateJournal.open(dir, "sidecar-1234", async () => undefined);
    const first = [journal.append("room", Uint8Array.of(1)), journal.append("room", Uint8Array.of(2))];
    vi.setSystemTime(Date.now() + 1_500);
    const second = journal.append("room", Uint8Array.of(3));
    expect(readdirSync(dir)).toHaveLength(2);
    journal.settle(first);
    expect(readdirSync(dir)).toHaveLength(1);
    journal.settle([second]);
    journal.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("leaves other sidecars' journals alone", async () => {
    const dir = freshDir();
    const other = await UpdateJournal.open(dir, "sidecar-5678", async () => undefined);
    other.append("room", Uint8Array.of(9));
    expect((await replayed(dir, "sidecar-1234")).size).toBe(0);
    expect((await replayed(dir, "sidecar-5678")).get("room")).toEqual([Uint8Array.of(9)]);
  });
});
