import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { collabBaseUrl, collabEventsUrl } from "./collab-url";
import { archiveName, zipRoomFiles } from "./room-zip";
import { assignColors, USER_COLORS } from "./user-colors";

describe("collabBaseUrl", () => {
  it("uses the page host on the sidecar port", () => {
    expect(collabBaseUrl({ port: 1234, page: { protocol: "http:", hostname: "127.0.0.1" } })).toBe("ws://127.0.0.1:1234");
  });
  it("uses wss for https pages and brackets IPv6 hosts", () => {
    expect(collabBaseUrl({ port: 9, page: { protocol: "https:", hostname: "::1" } })).toBe("wss://[::1]:9");
  });
  it("prefers the configured public URL", () => {
    expect(collabBaseUrl({ publicUrl: "wss://code.example.com/collab/", port: 1, page: { protocol: "http:", hostname: "x" } })).toBe(
      "wss://code.example.com/collab",
    );
  });
  it("builds the events URL with an encoded token", () => {
    expect(collabEventsUrl("ws://h:1", "r1", "a.b+c")).toBe("ws://h:1/events/r1?token=a.b%2Bc");
  });
});

describe("zipRoomFiles", () => {
  it("puts every file under the room folder", async () => {
    const bytes = await zipRoomFiles("demo", [
      { path: "src/a.ts", content: "export const a = 1;\n" },
      { path: "README.md", content: "# Hi" },
    ]);
    const zip = await JSZip.loadAsync(bytes);
    expect(await zip.file("demo/src/a.ts")?.async("string")).toBe("export const a = 1;\n");
    expect(await zip.file("demo/README.md")?.async("string")).toBe("# Hi");
  });
  it("derives a safe archive name", () => {
    expect(archiveName("My Room / ../x")).toBe("My-Room-x");
    expect(archiveName("..")).toBe("room");
  });
});

describe("assignColors", () => {
  it("gives people present distinct colours, the same whatever the order", () => {
    const colors = assignColors(["u-b", "u-a", "u-c", "u-a"]);
    expect([...colors.keys()]).toEqual(["u-a", "u-b", "u-c"]);
    expect(new Set(colors.values()).size).toBe(3);
    expect(assignColors(["u-c", "u-a", "u-b"])).toEqual(colors);
    expect(USER_COLORS).toContain(colors.get("u-a"));
  });
});
