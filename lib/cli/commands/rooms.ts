import type { Command } from "commander";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { fileWrittenSchema, roomFileListSchema, roomFileSchema, roomSchema } from "../api-schemas";
import { connect, type GlobalOptions } from "../connection";
import { CliError, EXIT } from "../exit-codes";
import type { ApiClient } from "../http-client";
import { Output, table, type CliIo } from "../io";
import { MAX_FILE_CHARS, looksBinary } from "../../collab/text-content";
import { localPathIn, readTextFile, walkFiles } from "../local-files";
import { resolveRoom } from "../room-ref";
import { describePlan, planSync, type SyncPlan } from "../room-sync";

interface SyncOptions extends GlobalOptions {
  dryRun?: boolean;
  delete?: boolean;
}

// UTF-8 takes at most 3 bytes per UTF-16 code unit: a larger file cannot fit in a room, unread.
const MAX_PUSH_FILE_BYTES = MAX_FILE_CHARS * 3;
const TOO_LARGE = `longer than a room file may be (${MAX_FILE_CHARS.toLocaleString("en-US")} characters)`;

const filePath = (roomId: string, path: string) =>
  `/api/v1/rooms/${encodeURIComponent(roomId)}/files/${path.split("/").map(encodeURIComponent).join("/")}`;

export function addRoomsCommands(program: Command, io: CliIo): void {
  const rooms = program.command("rooms").description("list rooms and sync their files with a local folder");

  rooms
    .command("list")
    .description("the rooms you belong to, with your role")
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const out = new Output(io, Boolean(options.json));
      const items = await (await connect(io, options)).all(roomSchema, "/api/v1/rooms");
      const rows = items.map((r) => [r.id, r.name, r.role, r.updatedAt?.slice(0, 16).replace("T", " ") ?? ""]);
      out.result({ items }, items.length > 0 ? table(["id", "name", "role", "updated"], rows) : "You are in no rooms yet.");
    });

  rooms
    .command("pull")
    .description("write a room's files into DIR (created, changed or unchanged; local extras are kept)")
    .argument("<room>", "room id or exact name")
    .argument("<dir>", "local folder, created if missing")
    .option("--dry-run", "show what would change, write nothing")
    .action(async (ref: string, dir: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<SyncOptions>();
      const out = new Output(io, Boolean(options.json));
      const client = await connect(io, options);
      const room = await resolveRoom(client, ref);
      const remote = await readRoomFiles(client, room.id);
      const local = new Map<string, string | null>();
      for (const path of remote.keys()) {
        const content = await readTextFile(localPathIn(dir, path)).catch(() => undefined);
        // An unreadable or binary local file is there but differs: it gets overwritten.
        if (content !== undefined) local.set(path, content);
      }
      const plan = planSync(remote, local, { deleteMissing: false });
      if (!options.dryRun) {
        for (const step of plan.steps.filter((s) => s.action !== "unchanged")) {
          const target = localPathIn(dir, step.path);
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, remote.get(step.path)!);
        }
      }
      report(out, plan, { room, dir, dryRun: Boolean(options.dryRun) }, { create: "created", update: "changed", unchanged: "unchanged", delete: "deleted" });
    });

  rooms
    .command("push")
    .description("upload new and changed files of DIR into a room, live for everyone in it; shows the plan first")
    .argument("<dir>", "local folder (dotfiles and node_modules are skipped)")
    .argument("<room>", "room id or exact name")
    .option("--delete", "also delete room files that DIR does not have")
    .option("--dry-run", "show the plan, change nothing")
    .action(async (dir: string, ref: string, _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<SyncOptions>();
      const out = new Output(io, Boolean(options.json));
      const { local, skipped } = await readLocalFolder(dir);
      const client = await connect(io, options);
      const room = await resolveRoom(client, ref);
      const { items } = await client.json(roomFileListSchema, "GET", `/api/v1/rooms/${encodeURIComponent(room.id)}/files`);
      const remote = new Map<string, string | null>(items.map((f) => [f.path, null]));
      for (const item of items) {
        const content = local.get(item.path);
        // A different size (UTF-8 bytes) is a change for sure: only same-sized files are fetched to compare.
        const sameSize = content !== undefined && (item.size === undefined || item.size === Buffer.byteLength(content));
        if (sameSize) remote.set(item.path, await readRoomFile(client, room.id, item.path));
      }
      const plan = planSync(local, remote, { deleteMissing: Boolean(options.delete) });
      for (const s of skipped) out.note(`! ${s.path} skipped: ${s.reason}`);
      if (!options.dryRun) {
        for (const step of plan.steps) {
          try {
            if (step.action === "create" || step.action === "update") {
              await client.json(fileWrittenSchema, "PUT", filePath(room.id, step.path), { json: { content: local.get(step.path) } });
            } else if (step.action === "delete") {
              await client.request("DELETE", filePath(room.id, step.path));
            }
          } catch (err) {
            // The files before this one are in the room already: say where the push stopped.
            if (err instanceof CliError) throw new CliError(err.exitCode, `${step.path}: ${err.message} (the files before it were pushed)`, err.code);
            throw err;
          }
          if (step.action !== "unchanged") out.progress(`${step.action} ${step.path}`, false);
        }
        out.progress("", false);
      }
      report(out, plan, { room, dir, dryRun: Boolean(options.dryRun), skipped }, { create: "created", update: "updated", unchanged: "unchanged", delete: "deleted" });
    });
}

async function readRoomFile(client: ApiClient, roomId: string, path: string): Promise<string> {
  return (await client.json(roomFileSchema, "GET", filePath(roomId, path))).content;
}

async function readRoomFiles(client: ApiClient, roomId: string): Promise<Map<string, string>> {
  const { items } = await client.json(roomFileListSchema, "GET", `/api/v1/rooms/${encodeURIComponent(roomId)}/files`);
  const files = new Map<string, string>();
  for (const item of items) files.set(item.path, await readRoomFile(client, roomId, item.path));
  return files;
}

async function readLocalFolder(dir: string): Promise<{ local: Map<string, string>; skipped: { path: string; reason: string }[] }> {
  const files = await walkFiles(dir).catch(() => {
    throw new CliError(EXIT.usage, `${dir}: no such folder.`);
  });
  const local = new Map<string, string>();
  const skipped: { path: string; reason: string }[] = [];
  for (const file of files) {
    const content = file.sizeBytes > MAX_PUSH_FILE_BYTES ? "" : await readTextFile(file.absolutePath);
    // The room's own rules (lib/collab/text-content.ts), checked here so one file does not stop the push.
    if (content === null || looksBinary(content)) skipped.push({ path: file.relativePath, reason: "binary, not text" });
    else if (file.sizeBytes > MAX_PUSH_FILE_BYTES || content.length > MAX_FILE_CHARS) skipped.push({ path: file.relativePath, reason: TOO_LARGE });
    else local.set(file.relativePath, content);
  }
  return { local, skipped };
}

function report(
  out: Output,
  plan: SyncPlan,
  context: { room: { id: string; name: string }; dir: string; dryRun: boolean; skipped?: { path: string; reason: string }[] },
  words: Parameters<typeof describePlan>[1],
): void {
  const heading = context.dryRun ? "Dry run, nothing changed:" : `${context.room.name} (${context.room.id}) ↔ ${context.dir}:`;
  out.result(
    { room: context.room, dir: context.dir, dryRun: context.dryRun, steps: plan.steps, counts: plan.counts, skipped: context.skipped ?? [] },
    `${heading}\n${describePlan(plan, words)}`,
  );
}
