import { describe, expect, it } from "vitest";
import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { awarenessUsers, cssString, remoteCursorCss } from "./awareness-users";

describe("awareness users", () => {
  it("parses well-formed states, skips malformed ones, ignores colours sent by clients", () => {
    const awareness = new Awareness(new Y.Doc());
    awareness.setLocalState({ user: { id: "u1", name: "Ada", color: "red;}body{display:none" }, file: "src/a.ts" });
    awareness.states.set(999, { user: { name: 5 } });
    awareness.states.set(1000, { user: { id: "u2", name: "Bob" } });
    const users = awarenessUsers(awareness);
    expect(users).toEqual([
      { clientId: awareness.clientID, userId: "u1", name: "Ada", color: "#d9480f", file: "src/a.ts" },
      { clientId: 1000, userId: "u2", name: "Bob", color: "#1c7ed6", file: null },
    ]);
    awareness.destroy();
  });

  it("quotes names safely for CSS labels", () => {
    expect(cssString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(cssString("</style><script>")).not.toMatch(/[<>]/);
    expect(cssString("line\nbreak")).toBe('"line\\a break"');
  });

  it("styles remote cursors only", () => {
    const users = [
      { clientId: 1, userId: "me", name: "Me", color: "#1c7ed6", file: null },
      { clientId: 2, userId: "bob", name: "Bob", color: "#2b8a3e", file: "a.ts" },
    ];
    const css = remoteCursorCss(users, 1);
    expect(css).toContain('.yRemoteSelectionHead-2::after{content:"Bob";background:#2b8a3e}');
    expect(css).not.toContain("-1");
  });
});
