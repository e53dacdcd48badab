import { z } from "zod";
import { formatModelRef, modelRefSchema } from "../ai/model-ref";
import { idSchema } from "../forms/input";
import { userText } from "../forms/text";

export const TITLE_MAX_LENGTH = 80;
export const titleSchema = userText().trim().min(1, "Title is empty").max(TITLE_MAX_LENGTH, `At most ${TITLE_MAX_LENGTH} characters`);

export const MESSAGE_MAX_CHARS = 32_000;
const COMMENT_MAX_CHARS = 2_000;

export const modelRefStringSchema = modelRefSchema.transform(formatModelRef);

export const feedbackInputSchema = z.object({
  messageId: idSchema,
  rating: z.union([z.literal(1), z.literal(-1)]),
  comment: userText()
    .trim()
    .max(COMMENT_MAX_CHARS)
    .transform((v) => (v === "" ? null : v))
    .nullish()
    .transform((v) => v ?? null),
});
export type FeedbackInput = z.infer<typeof feedbackInputSchema>;

export const listConversationsSchema = z.object({
  cursor: idSchema.optional(),
  q: userText().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export type ListConversationsInput = z.input<typeof listConversationsSchema>;

/** The passages an answer was given, as stored in ChatMessage.citations and sent to the UI. */
// Name, place and matched terms were added later: older stored citations have only the first two.
export const citationSchema = z.object({
  citation: z.number().int().min(1),
  passageId: z.string().min(1).max(200),
  documentName: z.string().max(1000).optional(),
  page: z.number().int().min(1).optional(),
  lineStart: z.number().int().min(1).optional(),
  lineEnd: z.number().int().min(1).optional(),
  terms: z.array(z.string().max(64)).max(24).optional(),
});
export type Citation = z.infer<typeof citationSchema>;
export const citationsSchema = z.array(citationSchema);
