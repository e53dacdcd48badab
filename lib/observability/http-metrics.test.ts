import { describe, expect, it } from "vitest";
import { routeLabel } from "./http-metrics";

describe("routeLabel", () => {
  it("replaces id-like segments so labels stay bounded", () => {
    expect(routeLabel("/api/rooms/cmhx1y2z3000008l4abcd1234/files/42")).toBe("/api/rooms/:id/files/:id");
    expect(routeLabel("/api/analytics/chat-usage")).toBe("/api/analytics/chat-usage");
    expect(routeLabel("/api/x/123e4567-e89b-12d3-a456-426614174000")).toBe("/api/x/:id");
  });
});
