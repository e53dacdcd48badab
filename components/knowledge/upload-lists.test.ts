import type { DocumentSummary } from "@/lib/knowledge/documents";
import { describe, expect, it } from "vitest";
import { partitionUploads } from "./upload-lists";
import type { UploadItem } from "./upload-row";

function doc(id: string, status: string, extra: Partial<DocumentSummary> = {}): DocumentSummary {
  return {
    id,
    name: `${id}.md`,
    source: "upload",
    kind: "markdown",
    sizeBytes: 10,
    chunkCount: 0,
    qualityScore: null,
    status,
    failureCode: null,
    failureMessage: null,
    duplicateOf: null,
    conflictWith: null,
    uploader: "Kim",
    roomId: null,
    createdAt: "2026-12-07T00:00:00.000Z",
    ...extra,
  };
}

const item = (key: number, phase: UploadItem["phase"], extra: Partial<UploadItem> = {}): UploadItem => ({ key, path: `f${key}.md`, size: 10, sent: 0, phase, ...extra });

describe("partitionUploads", () => {
  it("takes each uploaded file's state from the document list, and drops settled files", () => {
    const documents = [doc("a", "chunking"), doc("b", "ready"), doc("c", "pending_approval")];
    const items = [item(1, "uploaded", { documentId: "a" }), item(2, "uploaded", { documentId: "b" }), item(3, "uploaded", { documentId: "c" }), item(4, "uploading")];
    const { inFlight, rejected } = partitionUploads(items, documents);
    expect(inFlight.map(({ item: i, doc: d }) => [i.key, d?.status])).toEqual([
      [1, "chunking"],
      [4, undefined],
    ]);
    expect(rejected).toEqual([]);
  });

  it("lists refusals apart: in the browser, by the upload request, and failed documents once", () => {
    const documents = [doc("d", "failed", { failureCode: "UNSUPPORTED_TYPE", failureMessage: "binary data" })];
    const items = [item(1, "failed", { failureCode: "TOO_LARGE", failureMessage: "Files up to 1 MB" }), item(2, "uploaded", { documentId: "d" })];
    const { inFlight, rejected } = partitionUploads(items, documents);
    expect(inFlight).toEqual([]);
    expect(rejected.map((r) => [r.key, r.code, r.documentId])).toEqual([
      ["u1", "TOO_LARGE", undefined],
      ["dd", "UNSUPPORTED_TYPE", "d"],
    ]);
  });

  it("keeps an uploaded file waiting for the list to show its document", () => {
    const { inFlight } = partitionUploads([item(1, "uploaded", { documentId: "new" })], []);
    expect(inFlight).toHaveLength(1);
  });
});
