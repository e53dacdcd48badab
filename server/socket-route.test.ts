import { describe, expect, it } from "vitest";
import { parseSocketRoute } from "./socket-route";

describe("parseSocketRoute", () => {
  it("routes the document and events channels", () => {
    expect(parseSocketRoute("/room_1?token=abc")).toEqual({ channel: "doc", roomId: "room_1", token: "abc" });
    expect(parseSocketRoute("/events/room-2?token=t")).toEqual({ channel: "events", roomId: "room-2", token: "t" });
    expect(parseSocketRoute("/room3")).toEqual({ channel: "doc", roomId: "room3", token: null });
  });

  it("refuses anything else", () => {
    for (const url of [undefined, "/", "/events", "/a/b", "/events/a/b", "/r%20oom", "/room?token=a&token=b", `/room?token=${"x".repeat(5000)}`]) {
      expect(parseSocketRoute(url), String(url)).toBeNull();
    }
  });
});
