import { InvalidArgumentError, type Command } from "commander";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { documentSchema, uploadedSchema, type DocumentSummary } from "../api-schemas";
import { connect, type GlobalOptions } from "../connection";
import { CliError, EXIT } from "../exit-codes";
import type { ApiClient } from "../http-client";
import { formatBytes, Output, type CliIo } from "../io";
import { collectUploads, type LocalFile } from "../local-files";
import { resolveRoomId } from "../room-ref";

interface UploadOptions extends GlobalOptions {
  room?: string;
  wait?: boolean;
  timeout: number;
}

/** Statuses after which a document changes no more by itself (lib/knowledge's pipeline). */
const SETTLED = new Set(["ready", "failed", "pending_approval", "rejected"]);
const POLL_MS = 1000;

interface Uploaded {
  path: string;
  document: DocumentSummary;
}
interface Failed {
  path: string;
  code?: string;
  message: string;
}

export function addUploadCommand(program: Command, io: CliIo): void {
  program
    .command("upload")
    .description("add files and folders to the knowledge base (folders recursively, without dotfiles and node_modules)")
    .argument("<paths...>", "files and folders")
    .option("--room <room>", "add to a room's knowledge (id or exact name) instead of your own")
    .option("--wait", "wait until every document is ingested (ready, failed or awaiting approval)")
    .option("--timeout <seconds>", "how long --wait waits", parseSeconds, 600)
    .action(async (paths: string[], _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<UploadOptions>();
      const out = new Output(io, Boolean(options.json));
      const files = await collectUploads(paths);
      if (files.length === 0) throw new CliError(EXIT.usage, "No files to upload (dotfiles and node_modules are skipped).");
      const client = await connect(io, options);
      const roomId = await resolveRoomId(client, options.room);

      const totalBytes = files.reduce((sum, f) => sum + f.sizeBytes, 0);
      let doneBytes = 0;
      const uploaded: Uploaded[] = [];
      const failed: Failed[] = [];
      for (const [index, file] of files.entries()) {
        const label = `[${index + 1}/${files.length}] ${file.relativePath}`;
        const show = (sent: number, final: string | null) => {
          const overall = totalBytes === 0 ? 100 : Math.floor(((doneBytes + sent) / totalBytes) * 100);
          const own = file.sizeBytes === 0 ? 100 : Math.floor((sent / file.sizeBytes) * 100);
          out.progress(final ? `${label} ${final} · overall ${overall}%` : `${label} ${own}% of ${formatBytes(file.sizeBytes)} · overall ${overall}%`, final !== null);
        };
        try {
          const document = await uploadFile(client, file, roomId, (sent) => show(sent, null));
          doneBytes += file.sizeBytes;
          uploaded.push({ path: file.relativePath, document });
          show(0, `added (${formatBytes(file.sizeBytes)}, ${document.status})`);
        } catch (err) {
          // A file the server refuses (type, size, quota) does not stop the others; anything else does.
          if (!(err instanceof CliError) || err.exitCode !== EXIT.usage) throw err;
          doneBytes += file.sizeBytes;
          failed.push({ path: file.relativePath, code: err.code, message: err.message });
          show(0, `refused: ${err.message}`);
        }
      }
      if (options.wait && uploaded.length > 0) await waitForIngestion(client, uploaded, options.timeout, out);

      const notAdded = failed.length + uploaded.filter((u) => u.document.status === "failed" || u.document.status === "rejected").length;
      out.result({ uploaded, failed }, `${uploaded.length} of ${files.length} files uploaded (${formatBytes(totalBytes)}).`);
      if (notAdded > 0) throw new CliError(EXIT.usage, `${notAdded} of ${files.length} files were not added.`);
    });
}

function parseSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) throw new InvalidArgumentError("Give whole seconds from 1 to 86400.");
  return seconds;
}

/** Streams one file as the raw body, counting what has been handed to the connection. */
async function uploadFile(client: ApiClient, file: LocalFile, roomId: string | undefined, onProgress: (sent: number) => void): Promise<DocumentSummary> {
  const body = () => {
    let sent = 0;
    const counter = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        sent += chunk.byteLength;
        onProgress(sent);
        controller.enqueue(chunk);
      },
    });
    return (Readable.toWeb(createReadStream(file.absolutePath)) as ReadableStream<Uint8Array>).pipeThrough(counter);
  };
  const { document } = await client.json(uploadedSchema, "POST", "/api/v1/knowledge/documents", {
    query: { name: file.relativePath, roomId },
    body,
    headers: { "content-type": "application/octet-stream", "content-length": String(file.sizeBytes) },
  });
  return document;
}

/** Polls each document until it settles; updates `uploaded` in place. */
async function waitForIngestion(client: ApiClient, uploaded: Uploaded[], timeoutSeconds: number, out: Output): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (const item of uploaded) {
    while (!SETTLED.has(item.document.status)) {
      if (Date.now() > deadline) {
        throw new CliError(EXIT.server, `Gave up waiting after ${timeoutSeconds} s: ${item.path} is still ${item.document.status}.`);
      }
      out.progress(`${item.path}: ${item.document.status}…`, false);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      item.document = await client.json(documentSchema, "GET", `/api/v1/knowledge/documents/${encodeURIComponent(item.document.id)}`);
    }
    const reason = item.document.error ? `: ${item.document.error}` : "";
    out.progress(`${item.path}: ${item.document.status.replace("_", " ")}${reason}`, true);
  }
}
