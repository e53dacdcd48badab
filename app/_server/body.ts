import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { UploadRequest } from "@/lib/knowledge/upload";
import type { NextRequest } from "next/server";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";

/** Reads a JSON request body of at most `maxBytes`, refusing larger ones before reading them whole. */
export async function readJsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  const tooLarge = () => new AppError("PAYLOAD_TOO_LARGE", `The request is larger than ${Math.round(maxBytes / 1024)} KB.`);
  if (declared > maxBytes) throw tooLarge();
  const reader = req.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let step = await reader?.read(); step && !step.done; step = await reader?.read()) {
    size += step.value.byteLength;
    if (size > maxBytes) {
      await reader?.cancel();
      throw tooLarge();
    }
    chunks.push(step.value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new AppError("VALIDATION_FAILED", "The request body is not valid JSON.");
  }
}

/** A raw upload's body and declared size, as lib/knowledge/upload.ts takes them with the query string. */
export function uploadBody(req: NextRequest): UploadRequest {
  return {
    query: Object.fromEntries(req.nextUrl.searchParams),
    declaredBytes: Number(req.headers.get("content-length") ?? "0"),
    body: req.body ? Readable.fromWeb(req.body as NodeWebStream<Uint8Array>) : null,
  };
}
