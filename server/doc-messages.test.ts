import * as encoding from "lib0/encoding";
import { Awareness } from "y-protocols/awareness";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { decodeDocMessage, encodeAwarenessStates, encodeSyncStep1, encodeSyncStep2, encodeUpdate, MalformedMessageError } from "./doc-messages";

describe("doc messages", () => {
  const doc = new Y.Doc();
  doc.getText("t").insert(0, "hello");
  const update = Y.encodeStateAsUpdate(doc);

  it("decodes what the y-websocket protocol sends", () => {
    expect(decodeDocMessage(encodeSyncStep1(doc))).toEqual({ type: "sync-step-1", stateVector: Y.encodeStateVector(doc) });
    expect(decodeDocMessage(encodeSyncStep2(doc, new Uint8Array([0])))).toMatchObject({ type: "sync-step-2" });
    expect(decodeDocMessage(encodeUpdate(update))).toMatchObject({ type: "update", update, structs: [expect.any(Y.Item)] });
    const awareness = new Awareness(doc);
    expect(decodeDocMessage(encodeAwarenessStates(awareness))).toMatchObject({ type: "awareness" });
    awareness.destroy();
    expect(decodeDocMessage(new Uint8Array([3]))).toEqual({ type: "query-awareness" });
  });

  it("rejects malformed frames without touching a document", () => {
    const bad = [
      new Uint8Array([]),
      new Uint8Array([9]),
      new Uint8Array([0, 7, 0]),
      encodeUpdate(update).slice(0, -1),
      new Uint8Array([...encodeUpdate(update), 0]),
    ];
    const corrupt = encoding.createEncoder();
    encoding.writeVarUint(corrupt, 0);
    encoding.writeVarUint(corrupt, 2);
    encoding.writeVarUint8Array(corrupt, new Uint8Array([5, 200, 1, 9]));
    bad.push(encoding.toUint8Array(corrupt));
    for (const frame of bad) expect(() => decodeDocMessage(frame), String(frame)).toThrow(MalformedMessageError);
  });
});
