import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { createTestDatabase, type TestDatabase } from "../lib/db/test-database";
import { encodeAwareness } from "./doc-messages";
import { DocClient } from "./test-support/clients";
import { createRoomWith, tokenFor } from "./test-support/fixtures";
import { startTestSidecar, type RunningSidecar } from "./test-support/sidecar-harness";
import { waitFor } from "./test-support/wait";

type UserState = { user?: { id?: string; name?: string; color?: string }; file?: string };

describe("awareness is bound to the connection's user", () => {
  let t: TestDatabase;
  let server: RunningSidecar;
  const clients: DocClient[] = [];

  beforeAll(async () => {
    t = await createTestDatabase("sqlite");
    server = await startTestSidecar(t);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.sidecar.close();
    await t?.dispose();
  });

  async function connect(userId: string, roomId: string, role: "owner" | "editor" | "viewer"): Promise<DocClient> {
    const client = new DocClient(server.url, roomId, await tokenFor(userId, roomId, role));
    clients.push(client);
    await client.synced();
    return client;
  }

  it("rewrites a viewer's claimed identity and drops states it sends for another user's client", async () => {
    const room = await createRoomWith(t.db, ["viewer", "editor"]);
    const [alice, mallory, observer] = room.members as [(typeof room.members)[0], (typeof room.members)[0], (typeof room.members)[0]];
    const aliceClient = await connect(alice.id, room.roomId, "owner");
    const malloryClient = await connect(mallory.id, room.roomId, "viewer");
    const observerClient = await connect(observer.id, room.roomId, "editor");
    const seen = (clientId: number) => observerClient.provider.awareness.getStates().get(clientId) as UserState | undefined;

    aliceClient.provider.awareness.setLocalStateField("user", { id: alice.id, name: alice.name });
    await waitFor("alice's state", () => seen(aliceClient.doc.clientID)?.user?.name === alice.name);

    malloryClient.provider.awareness.setLocalState({ user: { id: alice.id, name: "Alice", color: "#ff0000" }, file: "a.ts" });
    await waitFor("mallory's state", () => seen(malloryClient.doc.clientID)?.file === "a.ts");
    expect(seen(malloryClient.doc.clientID)).toEqual({ user: { id: mallory.id, name: mallory.name }, file: "a.ts" });

    // A raw update that takes over Alice's awareness client, sent with one of Mallory's own.
    const forged = new awarenessProtocol.Awareness(new Y.Doc());
    forged.clientID = aliceClient.doc.clientID;
    for (let i = 0; i < 50; i++) forged.setLocalState({ user: { id: mallory.id, name: `Alice ${i}` } });
    malloryClient.provider.awareness.setLocalStateField("file", "b.ts");
    const own = awarenessProtocol.encodeAwarenessUpdate(malloryClient.provider.awareness, [malloryClient.doc.clientID]);
    const spoof = awarenessProtocol.encodeAwarenessUpdate(forged, [forged.clientID]);
    malloryClient.provider.ws!.send(encodeAwareness(spoof));
    malloryClient.provider.ws!.send(encodeAwareness(own));
    await waitFor("mallory's second state", () => seen(malloryClient.doc.clientID)?.file === "b.ts");
    expect(seen(aliceClient.doc.clientID)).toEqual({ user: { id: alice.id, name: alice.name } });
    forged.destroy();
  });
});
