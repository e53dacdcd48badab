import { expect, test } from "@playwright/test";
import { createFile, createRoom, editorLines, register, snap, typeAtEnd, uniqueAccount } from "./helpers";

// The `request` fixture carries no browser cookies: only the token speaks for the user.
test("rooms api: a PUT with a token changes the file open in the editor, live", async ({ page, request }) => {
  await register(page, uniqueAccount("Writer"));
  const roomId = (await createRoom(page, `API room ${Date.now().toString(36)}`)).split("/").pop()!;
  await createFile(page, "notes.md");
  await typeAtEnd(page, "typed in the browser");
  await expect(editorLines(page)).toContainText("typed in the browser");

  const created = await page.request.post("/api/v1/tokens", { data: { name: "sync", scopes: ["rooms:read", "rooms:write"], expiresInDays: 1 } });
  expect(created.status()).toBe(201);
  const auth = { authorization: `Bearer ${(await created.json()).token}` };
  const readOnly = await page.request.post("/api/v1/tokens", { data: { name: "reader", scopes: ["rooms:read"], expiresInDays: 1 } });
  const readAuth = { authorization: `Bearer ${(await readOnly.json()).token}` };

  // The browser's edit is persisted before the script reads it back.
  await expect(async () => {
    const file = await request.get(`/api/v1/rooms/${roomId}/files/notes.md`, { headers: readAuth });
    expect((await file.json()).content).toBe("typed in the browser");
  }).toPass({ timeout: 10_000 });

  const put = await request.put(`/api/v1/rooms/${roomId}/files/notes.md`, { headers: auth, data: { content: "# Written by a script\ntyped in the browser" } });
  expect(put.status()).toBe(200);
  expect(await put.json()).toEqual({ path: "notes.md", created: false });
  await expect(editorLines(page)).toContainText("# Written by a script");
  await expect(editorLines(page)).toContainText("typed in the browser");
  await snap(page, "api-rooms-live-write");

  const denied = await request.put(`/api/v1/rooms/${roomId}/files/notes.md`, { headers: readAuth, data: { content: "nope" } });
  expect(denied.status()).toBe(403);
  expect((await denied.json()).error.code).toBe("INSUFFICIENT_SCOPE");

  // A new file in a folder, with a space in its name, appears in the tree of the open room.
  const nested = await request.put(`/api/v1/rooms/${roomId}/files/docs/read%20me.md`, { headers: auth, data: { content: "hello" } });
  expect(await nested.json()).toEqual({ path: "docs/read me.md", created: true });
  const list = await request.get(`/api/v1/rooms/${roomId}/files`, { headers: readAuth });
  expect((await list.json()).items.map((f: { path: string }) => f.path)).toEqual(["docs/read me.md", "notes.md"]);
  await expect(page.locator(".file-tree").getByRole("button", { name: "docs/", exact: true })).toBeVisible();
});
