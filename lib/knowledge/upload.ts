import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { parseInput } from "../forms/input";
import { uploadQuerySchema } from "./document-schemas";
import { createUploadedDocument, type DocumentSummary } from "./documents";
import { formatBytes } from "./errors";
import { allowedUploadBytes, requireScopeAccess, type UploadLimits } from "./scope";
import { storeUploadStream } from "./storage";

export interface UploadDeps {
  db: Db;
  uploadsDir: string;
  limits: UploadLimits;
}

export interface UploadRequest {
  /** The query string: `name` (the file's relative name) and `roomId` (none: personal knowledge). */
  query: unknown;
  /** Content-Length as the client declared it (0 when absent); the size is enforced while streaming anyway. */
  declaredBytes: number;
  body: AsyncIterable<Uint8Array> | null;
}

/**
 * One uploaded file, from the knowledge page and the API alike: room write access, the size limit
 * and the user's quota checked before and while the body streams to storage, then queued for ingestion.
 */
export async function uploadDocument(deps: UploadDeps, userId: string, request: UploadRequest): Promise<DocumentSummary> {
  const query = parseInput(uploadQuerySchema, request.query);
  const access = await requireScopeAccess(deps.db, userId, { roomId: query.roomId }, "write");
  if (!access.canWrite) throw new AppError("FORBIDDEN", "Viewers cannot add documents to this room.");
  const maxBytes = await allowedUploadBytes(deps.db, userId, deps.limits);
  if (request.declaredBytes > maxBytes) {
    throw new AppError("TOO_LARGE", `This file is ${formatBytes(request.declaredBytes)}; files up to ${formatBytes(maxBytes)} can be added.`, {
      sizeBytes: request.declaredBytes,
      limitBytes: maxBytes,
    });
  }
  if (!request.body) throw new AppError("EMPTY", "This file is empty.");
  const stored = await storeUploadStream(deps.uploadsDir, request.body, maxBytes);
  return createUploadedDocument(deps.db, { access, uploaderId: userId, name: query.name, stored });
}
