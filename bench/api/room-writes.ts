// bench/api/room-writes: what a live room change through the API costs. The endpoint functions of
// REST v1 (scope, validation, membership, op token, HTTP to the sidecar, apply, flush to the
// database) are timed against a real sidecar in this process, on SQLite; Next.js routing is not
// included. Also timed: until an open y-websocket client holds the write, a write into a cold room,
// and the reads (stored document, in the state thread).
// Run: LOG_LEVEL=silent node --import tsx bench/api/room-writes.ts [--runs 200]
import { parseArgs } from "node:util";
import type { Principal } from "../../lib/auth/principal";
import { listRoomFilesEndpoint, readRoomFileEndpoint, writeRoomFileEndpoint, type RoomFileDeps } from "../../lib/collab/room-file-endpoints";
import { findFileByPath, readFile } from "../../lib/collab/room-files";
import { createTestDatabase } from "../../lib/db/test-database";
import { DocClient } from "../../server/test-support/clients";
import { createRoomWith, TEST_AUTH_SECRET, tokenFor } from "../../server/test-support/fixtures";
import { startTestSidecar } from "../../server/test-support/sidecar-harness";
import { waitFor } from "../../server/test-support/wait";
import { fmt, pct } from "../sse-timing";

const { values } = parseArgs({ options: { runs: { type: "string", default: "200" } } });
const RUNS = Number(values.runs);

async function time(runs: number, task: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

function row(name: string, samples: number[]): string {
  return `${name.padEnd(34)} n=${String(samples.length).padStart(4)}  p50 ${fmt(pct(samples, 50)).padStart(7)} ms  p95 ${fmt(pct(samples, 95)).padStart(7)} ms`;
}

async function main() {
  const t = await createTestDatabase("sqlite");
  const server = await startTestSidecar(t);
  const deps: RoomFileDeps = { db: t.db, sidecar: { url: `http://127.0.0.1:${server.sidecar.port}`, authSecret: TEST_AUTH_SECRET } };
  const { roomId, owner } = await createRoomWith(t.db);
  const as: Principal = { user: { ...owner, role: "member" }, scopes: new Set(["rooms:read", "rooms:write"]), via: "token" };
  const client = new DocClient(server.url, roomId, await tokenFor(owner.id, roomId));
  await client.synced();
  const base = "export const line = 1;\n".repeat(400);
  await writeRoomFileEndpoint(deps, as, roomId, "src/bench.ts", { content: base });

  const writes = await time(RUNS, (i) => writeRoomFileEndpoint(deps, as, roomId, "src/bench.ts", { content: `${base}// run ${i}\n` }));
  const seen = await time(Math.min(RUNS, 50), async (i) => {
    const content = `${base}// seen ${i}\n`;
    await writeRoomFileEndpoint(deps, as, roomId, "src/bench.ts", { content });
    await waitFor("the client to hold the write", () => readFile(client.doc, findFileByPath(client.doc, "src/bench.ts")!.id) === content, 5_000, 1);
  });
  const unchanged = await time(RUNS, () => writeRoomFileEndpoint(deps, as, roomId, "src/bench.ts", { content: `${base}// seen ${Math.min(RUNS, 50) - 1}\n` }));
  const cold = await time(20, async () => {
    const room = await createRoomWith(t.db);
    const owner2: Principal = { user: { ...room.owner, role: "member" }, scopes: new Set(["rooms:write"]), via: "token" };
    await writeRoomFileEndpoint(deps, owner2, room.roomId, "README.md", { content: "# cold" });
  });
  const lists = await time(RUNS, () => listRoomFilesEndpoint(deps, as, roomId));
  const reads = await time(RUNS, () => readRoomFileEndpoint(deps, as, roomId, "src/bench.ts"));

  console.log(`room file endpoints against a sidecar in this process, SQLite, a ${base.length}-character file`);
  console.log(row("write (changed, persisted)", writes));
  console.log(row("write until an open client has it", seen));
  console.log(row("write (unchanged: no-op)", unchanged));
  console.log(row("write into a cold room", cold));
  console.log(row("list files (stored, state thread)", lists));
  console.log(row("read file (stored, state thread)", reads));
  client.destroy();
  await server.sidecar.close();
  await t.dispose();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
