import { z } from "zod";
import { roomIdSchema } from "../collab/room-schemas";
import { DOCUMENT_STATUSES } from "../knowledge/document-schemas";
import { apiCitationSchema } from "./citations";
import { pageQuerySchema, pageSchema } from "./page";

export const listDocumentsQuerySchema = pageQuerySchema.extend({
  roomId: roomIdSchema.optional(),
  status: z.enum(DOCUMENT_STATUSES).optional(),
});

export const SEARCH_MAX_LIMIT = 50;

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, "Say what to search for.").max(1_000),
  roomId: roomIdSchema.optional().meta({ description: "Search this room's knowledge as well as the caller's own." }),
  limit: z.coerce.number().int().min(1).max(SEARCH_MAX_LIMIT).default(10),
});

export const documentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(DOCUMENT_STATUSES).meta({ description: "queued → … → ready; failed (see error), pending_approval in rooms that review, rejected." }),
    error: z.string().nullable().meta({ description: "Why ingestion failed, for people." }),
    errorCode: z.string().nullable().meta({ description: "Why ingestion failed, a stable code (e.g. UNSUPPORTED_TYPE, DUPLICATE)." }),
    sizeBytes: z.number().int(),
    chunkCount: z.number().int(),
    kind: z.string().nullable(),
    source: z.string().meta({ description: '"upload", or "correction" / "answer" for what the assistant learned.' }),
    roomId: z.string().nullable(),
    uploader: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Document" });
export type DocumentDto = z.infer<typeof documentSchema>;

export const documentPageSchema = pageSchema(documentSchema).meta({ id: "DocumentPage" });
export const uploadedDocumentSchema = z.object({ document: documentSchema }).meta({ id: "UploadedDocument" });

export const searchResultsSchema = z
  .object({
    items: z.array(z.object({ text: z.string(), score: z.number().meta({ description: "Higher is better; comparable within one answer only." }), citation: apiCitationSchema })),
  })
  .meta({ id: "SearchResults" });
