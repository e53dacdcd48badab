import { z } from "zod";

/**
 * The parts of the REST API v1 answers the CLI relies on (the contract in docs/cli.md). Unknown
 * fields are ignored, so the server may add more without breaking older CLIs.
 */

export const citationSchema = z.object({
  documentId: z.string(),
  documentName: z.string(),
  page: z.number().nullable(),
  heading: z.string().nullable(),
  excerpt: z.string(),
});
export type Citation = z.infer<typeof citationSchema>;

export const conversationSchema = z.object({ id: z.string(), title: z.string().nullable().optional() });

/** One event of `POST /api/v1/conversations/:id/messages` with `stream: true`. */
export const chatEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("citations"), citations: z.array(citationSchema) }),
  z.object({
    type: z.literal("done"),
    messageId: z.string(),
    model: z.string(),
    usage: z.object({ inputTokens: z.number().nullable().optional(), outputTokens: z.number().nullable().optional() }).optional(),
  }),
  z.object({ type: z.literal("error"), error: z.object({ code: z.string(), message: z.string() }) }),
]);

export const roomSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  role: z.string(),
  updatedAt: z.string().optional(),
});
export type RoomSummary = z.infer<typeof roomSchema>;

export const roomFileListSchema = z.object({
  items: z.array(z.object({ id: z.string().optional(), path: z.string(), language: z.string().optional(), size: z.number().optional() })),
});
export const roomFileSchema = z.object({ path: z.string(), content: z.string() });
export const fileWrittenSchema = z.object({ path: z.string(), created: z.boolean() });

export const documentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  error: z.string().nullable().optional(),
});
export type DocumentSummary = z.infer<typeof documentSchema>;
export const uploadedSchema = z.object({ document: documentSchema });

export const searchResultsSchema = z.object({
  items: z.array(z.object({ text: z.string(), score: z.number(), citation: citationSchema })),
});

const usageTotals = {
  turns: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number().nullable(),
};
export const usageSchema = z.object({
  from: z.string(),
  to: z.string(),
  ...usageTotals,
  byModel: z.array(z.object({ model: z.string(), ...usageTotals })),
});
export type Usage = z.infer<typeof usageSchema>;
