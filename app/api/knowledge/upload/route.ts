import { requireApiUser, route } from "@/app/_server/route";
import { getDb } from "@/app/_server/runtime";
import { getKnowledgeSettings, getUploadsDir } from "@/app/_server/knowledge";
import { AppError } from "@/lib/errors/app-error";
import { createUploadedDocument } from "@/lib/knowledge/documents";
import { uploadQuerySchema } from "@/lib/knowledge/document-schemas";
import { formatBytes } from "@/lib/knowledge/errors";
import { allowedUploadBytes, requireScopeAccess } from "@/lib/knowledge/scope";
import { storeUploadStream } from "@/lib/knowledge/storage";
import { NextResponse } from "next/server";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { routeLimit } from "@/app/_server/limits";
import { parseQuery } from "@/app/_server/input";

export const dynamic = "force-dynamic";

// Folder drops send many files at once; this bounds one user's uploads, not a single drop.
const limitUploads = routeLimit(
  () => ({ name: "uploads-user", limit: 300, windowMs: 60_000 }),
  (s) => `Too many uploads. Try again in ${s} s.`,
);

/**
 * One file as the raw request body, typed `application/octet-stream`
 * (`POST /api/knowledge/upload?name=…&roomId=…`), streamed to DATA_DIR/uploads with the size limit
 * enforced while it arrives, then queued for ingestion.
 * Excluded from proxy.ts (which would cut bodies at 10 MB), so it authenticates here.
 */
export const POST = route(async (req) => {
  const user = await requireApiUser();
  await limitUploads(user.id);
  const query = parseQuery(req, uploadQuerySchema);
  const db = await getDb();
  const access = await requireScopeAccess(db, user.id, { roomId: query.roomId }, "write");
  if (!access.canWrite) throw new AppError("FORBIDDEN", "Viewers cannot add documents to this room.");
  const maxBytes = await allowedUploadBytes(db, user.id, getKnowledgeSettings());
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    throw new AppError("TOO_LARGE", `This file is ${formatBytes(declared)}; files up to ${formatBytes(maxBytes)} can be added.`, {
      sizeBytes: declared,
      limitBytes: maxBytes,
    });
  }
  if (!req.body) throw new AppError("EMPTY", "This file is empty.");
  const stored = await storeUploadStream(getUploadsDir(), Readable.fromWeb(req.body as NodeWebStream<Uint8Array>), maxBytes);
  const document = await createUploadedDocument(db, { access, uploaderId: user.id, name: query.name, stored });
  return NextResponse.json({ document }, { status: 201 });
}, { contentType: "application/octet-stream" });
