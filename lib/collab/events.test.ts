import { describe, expect, it } from "vitest";
import { makeClientEvent, makeServerEvent, parseClientEvent, parseServerEvent } from "./events";

const context = { roomId: "room1", userId: "user1" };

describe("room event schemas", () => {
  it("accepts well-formed client events and trims chat", () => {
    const parsed = parseClientEvent(makeClientEvent("chat.send", { body: "  hi  " }, context));
    expect(parsed).toMatchObject({ ok: true, event: { event_type: "chat.send", payload: { body: "hi" }, room_id: "room1" } });
    expect(parseClientEvent(makeClientEvent("presence.request", {}, context)).ok).toBe(true);
    expect(parseClientEvent(makeClientEvent("version.restore", { version_id: "v1" }, context)).ok).toBe(true);
  });

  it("tells malformed, unknown and invalid events apart", () => {
    const base = makeClientEvent("chat.send", { body: "x" }, context);
    const rejection = (raw: unknown) => {
      const result = parseClientEvent(raw);
      return result.ok ? null : result.rejection;
    };
    expect(rejection("string")?.code).toBe("MALFORMED");
    expect(rejection({ ...base, timestamp: "yesterday" })?.code).toBe("MALFORMED");
    expect(rejection({ ...base, extra: true })?.code).toBe("MALFORMED");
    expect(rejection({ ...base, event_type: "toString" })).toMatchObject({ code: "UNKNOWN_EVENT", eventType: "toString" });
    expect(rejection({ ...base, payload: { body: "x".repeat(4001) } })).toMatchObject({ code: "INVALID_PAYLOAD", eventType: "chat.send" });
  });

  it("round-trips server events and ignores what does not parse", () => {
    const event = makeServerEvent("notification", { level: "info", code: "role_changed", message: "m" }, { roomId: "r", userId: null });
    expect(parseServerEvent(JSON.parse(JSON.stringify(event)))).toEqual(event);
    expect(parseServerEvent({ ...event, event_type: "nope" })).toBeNull();
    expect(parseServerEvent({ ...event, payload: {} })).toBeNull();
  });
});
