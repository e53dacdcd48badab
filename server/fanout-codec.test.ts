import { describe, expect, it } from "vitest";
import { decodeFanout, encodeFanout, type FanoutMessage } from "./fanout-codec";

describe("fanout codec", () => {
  it("round-trips every message kind", () => {
    const messages: FanoutMessage[] = [
      { kind: "update", update: new Uint8Array([1, 2]) },
      { kind: "awareness", update: new Uint8Array([3]) },
      { kind: "sync-request", stateVector: new Uint8Array([0]) },
      { kind: "sync-reply", to: "peer", update: new Uint8Array([4]), stateVector: new Uint8Array([5]) },
      { kind: "event", json: '{"a":1}' },
      { kind: "presence", json: "[]" },
    ];
    for (const message of messages) expect(decodeFanout(encodeFanout("me", message))).toEqual({ from: "me", message });
  });

  it("throws on garbage", () => {
    expect(() => decodeFanout(new Uint8Array([2, 65, 65, 42]))).toThrow();
    expect(() => decodeFanout(new Uint8Array([]))).toThrow();
  });
});
