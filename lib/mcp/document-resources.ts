import type { ListResourcesResult, ReadResourceResult, ResourceTemplate } from "@modelcontextprotocol/sdk/types.js";
import { requireScope, type Principal } from "../auth/principal";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { listReadyDocuments, readReadyDocument } from "../knowledge/ready-documents";
import { DOCUMENT_URI_TEMPLATE, documentIdOf, documentUri } from "./document-uri";

const PAGE_SIZE = 100;

export const documentTemplate: ResourceTemplate = {
  uriTemplate: DOCUMENT_URI_TEMPLATE,
  name: "knowledge-document",
  title: "Knowledge document",
  description: "The extracted text of a ready document in your knowledge base or a room's (knowledge:read).",
  mimeType: "text/plain",
};

/** resources/list: the caller's ready documents, newest first, a page at a time. */
export async function listDocumentResources(db: Db, principal: Principal, cursor: string | undefined): Promise<ListResourcesResult> {
  requireScope(principal, "knowledge:read");
  const page = await listReadyDocuments(db, principal.user.id, { cursor, limit: PAGE_SIZE });
  return {
    resources: page.items.map((doc) => ({
      uri: documentUri(doc.id),
      name: doc.name,
      mimeType: "text/plain",
      // What the original file weighs; the text is usually smaller.
      size: doc.sizeBytes,
      annotations: { lastModified: doc.updatedAt },
      ...(doc.roomId !== null && { description: `In the knowledge of room ${doc.roomId}` }),
    })),
    ...(page.nextCursor !== null && { nextCursor: page.nextCursor }),
  };
}

/** resources/read: a document's extracted text, cut at the length the document page shows. */
export async function readDocumentResource(db: Db, principal: Principal, uri: string): Promise<ReadResourceResult> {
  requireScope(principal, "knowledge:read");
  const id = documentIdOf(uri);
  if (id === null) throw new AppError("NOT_FOUND", `No resource is named ${uri}.`);
  const doc = await readReadyDocument(db, principal.user.id, id);
  const text = doc.text ?? "";
  return {
    contents: [{ uri: documentUri(doc.id), mimeType: "text/plain", text: doc.textTruncated ? `${text}\n\n[The text is cut here.]` : text }],
    _meta: { name: doc.name, truncated: doc.textTruncated },
  };
}
