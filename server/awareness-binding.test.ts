import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import { awarenessUserId, bindAwarenessUpdate } from "./awareness-binding";
import { MalformedMessageError } from "./doc-messages";

const me = { id: "u-me", name: "Me" };

function statesOf(update: Uint8Array | null): Map<number, unknown> {
  const target = new Awareness(new Y.Doc());
  if (update) applyAwarenessUpdate(target, update, null);
  const states = new Map(target.getStates());
  states.delete(target.clientID);
  target.destroy();
  return states;
}

describe("bindAwarenessUpdate", () => {
  it("replaces whatever user a state claims with the connection's, keeping the other fields", () => {
    const source = new Awareness(new Y.Doc());
    source.setLocalState({ user: { id: "u-alice", name: "Alice", color: "#f00" }, file: "a.ts", selection: { anchor: 1 } });
    const bound = bindAwarenessUpdate(encodeAwarenessUpdate(source, [source.clientID]), me, () => undefined);
    expect(statesOf(bound).get(source.clientID)).toEqual({ user: me, file: "a.ts", selection: { anchor: 1 } });
    source.destroy();
  });

  it("drops entries for another user's awareness client and keeps a client's own removal", () => {
    const theirs = new Awareness(new Y.Doc());
    theirs.setLocalState({ user: { id: "u-me", name: "Me" } });
    expect(bindAwarenessUpdate(encodeAwarenessUpdate(theirs, [theirs.clientID]), me, () => "u-alice")).toBeNull();
    const owners = (id: number) => (id === theirs.clientID ? "u-me" : undefined);
    removeAwarenessStates(theirs, [theirs.clientID], null);
    const removal = bindAwarenessUpdate(encodeAwarenessUpdate(theirs, [theirs.clientID]), me, owners);
    expect(removal).not.toBeNull();
    expect(statesOf(removal).has(theirs.clientID)).toBe(false);
    theirs.destroy();
  });

  it("refuses malformed updates and reads user ids defensively", () => {
    const bad = encoding.createEncoder();
    encoding.writeVarUint(bad, 1);
    encoding.writeVarUint(bad, 7);
    encoding.writeVarUint(bad, 1);
    encoding.writeVarString(bad, "{not json");
    expect(() => bindAwarenessUpdate(encoding.toUint8Array(bad), me, () => undefined)).toThrow(MalformedMessageError);
    expect(() => bindAwarenessUpdate(new Uint8Array([5]), me, () => undefined)).toThrow(MalformedMessageError);
    expect([awarenessUserId({ user: { id: "x" } }), awarenessUserId({ user: { id: 5 } }), awarenessUserId(null)]).toEqual(["x", undefined, undefined]);
  });
});
