import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { processStatusCheck, writeProcessStatus, type ChildStatus } from "./process-status";

const running: ChildStatus = { state: "running", pid: 10, restarts: 0, consecutiveCrashes: 0, nextRestartAt: null };

function statusFile(children: Record<string, ChildStatus>, supervisorPid = process.pid): string {
  const file = join(mkdtempSync(join(tmpdir(), "eca-status-")), "supervisor.json");
  writeProcessStatus(file, { supervisorPid, updatedAt: new Date().toISOString(), children });
  return file;
}

describe("processStatusCheck", () => {
  it("is ok without a supervisor and when every child runs", async () => {
    expect(await processStatusCheck(undefined)()).toMatchObject({ status: "ok" });
    expect(await processStatusCheck(join(tmpdir(), "eca-no-such-status.json"))()).toMatchObject({ status: "ok" });
    expect(await processStatusCheck(statusFile({ web: running, collab: running }))()).toEqual({ status: "ok" });
  });

  it("is degraded while a child restarts, naming it and its crash count", async () => {
    const restarting: ChildStatus = { state: "restarting", pid: null, restarts: 3, consecutiveCrashes: 3, nextRestartAt: new Date().toISOString() };
    expect(await processStatusCheck(statusFile({ web: running, collab: restarting }))()).toEqual({
      status: "degraded",
      detail: "collab restarting (3 crashes in a row)",
    });
  });

  it("is degraded when the supervisor that wrote the file is gone", async () => {
    expect(await processStatusCheck(statusFile({ web: running }, 2 ** 22 + 17))()).toEqual({ status: "degraded", detail: "the supervisor is gone" });
  });
});
