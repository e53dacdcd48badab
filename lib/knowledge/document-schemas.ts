import { z } from "zod";
import { userText } from "../forms/text";

/**
 * A file name as shown in the list. Folder drops send relative paths ("docs/api/intro.md"): control
 * characters are removed, and empty, "." and ".." segments dropped, so a name never walks anywhere
 * (files are stored under random keys anyway).
 */
export const documentNameSchema = userText()
  .max(1024)
  .transform((name) =>
    name
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, "")
      .split(/[\\/]+/)
      .map((segment) => segment.trim())
      .filter((segment) => segment !== "" && segment !== "." && segment !== "..")
      .join("/")
      .slice(-255),
  )
  .pipe(z.string().min(1, "The file needs a name."));

export const documentIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const nameQuerySchema = userText().trim().max(200).default("");

export const reviewDecisionSchema = z.enum(["approve", "reject"]);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

/** Statuses in the order a document moves through them. */
export const ACTIVE_STATUSES = ["queued", "detecting", "extracting", "validating", "chunking", "indexing"] as const;
export const DOCUMENT_STATUSES = [...ACTIVE_STATUSES, "ready", "failed", "pending_approval", "rejected"] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** The query string of an upload: the file's (relative) name and the room, if not personal. */
export const uploadQuerySchema = z.object({
  name: documentNameSchema,
  roomId: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
});
