import type { DocumentSummary } from "@/lib/knowledge/documents";

export type UploadOutcome = { ok: true; document: DocumentSummary } | { ok: false; code: string; message: string };

/**
 * Sends one file as the raw request body (XMLHttpRequest, for upload progress events), to be
 * streamed to disk by the server.
 */
export function uploadFile(
  file: File,
  path: string,
  roomId: string | null,
  onProgress: (sentBytes: number) => void,
): Promise<UploadOutcome> {
  const params = new URLSearchParams({ name: path });
  if (roomId) params.set("roomId", roomId);
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/knowledge/upload?${params}`);
    // The server detects the type from the bytes; this type also keeps other sites from posting here.
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => {
      const body = xhr.response as { document?: DocumentSummary; error?: { code: string; message: string } } | null;
      if (xhr.status === 201 && body?.document) resolve({ ok: true, document: body.document });
      else resolve({ ok: false, code: body?.error?.code ?? "INTERNAL", message: body?.error?.message ?? `Upload failed (HTTP ${xhr.status}).` });
    };
    xhr.onerror = () => resolve({ ok: false, code: "NETWORK", message: "The upload was interrupted. Check the connection and try again." });
    xhr.send(file);
  });
}
