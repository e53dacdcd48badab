import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createFile, fileText, findFileByPath } from "../lib/collab/room-files";
import { lengthGrowth, onlyDeletes, storedSize } from "./update-size";

/** Makes a change on a copy of `server` and returns the update as the server would receive it. */
function changeOn(server: Y.Doc, change: (doc: Y.Doc) => void) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const vector = Y.encodeStateVector(client);
  change(client);
  const update = Y.encodeStateAsUpdate(client, vector);
  return { update, structs: Y.decodeUpdate(update).structs };
}

const keyOf = (doc: Y.Doc, path: string) => {
  const item = fileText(doc, findFileByPath(doc, path)!.id)._item!;
  return `${item.id.client}:${item.id.clock}`;
};

describe("lengthGrowth", () => {
  const server = new Y.Doc();
  createFile(server, "one.txt", "1".repeat(10));
  createFile(server, "two.txt", "2".repeat(20));

  it("attributes an insertion to its file when the update names only the neighbour (origin)", () => {
    const { structs } = changeOn(server, (doc) => fileText(doc, findFileByPath(doc, "one.txt")!.id).insert(3, "abc"));
    expect(structs).toHaveLength(1);
    expect(lengthGrowth(server, structs)).toEqual({ projected: new Map([[keyOf(server, "one.txt"), 13]]), unresolved: 0 });
  });

  it("counts a new file from zero and separates files in one update", () => {
    const { structs } = changeOn(server, (doc) => {
      createFile(doc, "three.txt", "333");
      const two = fileText(doc, findFileByPath(doc, "two.txt")!.id);
      two.insert(0, "a");
      two.insert(two.length, "bb");
    });
    const { projected, unresolved } = lengthGrowth(server, structs);
    expect(unresolved).toBe(0);
    expect(projected.get(keyOf(server, "two.txt"))).toBe(23);
    expect([...projected.values()].sort((a, b) => a - b)).toEqual([3, 23]);
  });

  it("counts what depends on unseen changes as unresolved, and knows a pure deletion", () => {
    const a = changeOn(server, (doc) => fileText(doc, findFileByPath(doc, "one.txt")!.id).insert(0, "xw"));
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(later, a.update);
    const b = changeOn(later, (doc) => fileText(doc, findFileByPath(doc, "one.txt")!.id).insert(1, "yz"));
    expect(lengthGrowth(server, b.structs).unresolved).toBe(2);

    const deletion = changeOn(server, (doc) => fileText(doc, findFileByPath(doc, "one.txt")!.id).delete(0, 5));
    expect(onlyDeletes(deletion.structs)).toBe(true);
    expect(onlyDeletes(a.structs)).toBe(false);
  });

  it("estimates the encoded size without encoding (within a quarter for pasted and typed text)", () => {
    const doc = new Y.Doc();
    const text = fileText(doc, createFile(doc, "a.txt", "x".repeat(200_000)));
    for (let i = 0; i < 2000; i++) text.insert((i * 7919) % text.length, "é ");
    const encoded = Y.encodeStateAsUpdate(doc).byteLength;
    expect(storedSize(doc) / encoded).toBeGreaterThan(0.75);
    expect(storedSize(doc) / encoded).toBeLessThan(1.25);
  });
});
