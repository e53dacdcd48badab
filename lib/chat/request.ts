import { z } from "zod";
import type { EditorContext } from "../ai/editor-context";
import { idSchema } from "../forms/input";
import { MESSAGE_MAX_CHARS, modelRefStringSchema } from "./schemas";
import type { TurnTrigger } from "./messages";
import { isWellFormedText, NOT_WELL_FORMED_MESSAGE, userText } from "../forms/text";

const editorContextSchema = z.object({
  filePath: userText().min(1).max(1_000),
  language: z.string().max(50).optional(),
  content: userText(),
  selection: z
    .object({
      startLine: z.number().int().min(1),
      endLine: z.number().int().min(1),
      text: userText().optional(),
    })
    .optional(),
}) satisfies z.ZodType<EditorContext>;

const textPartSchema = z.object({ type: z.literal("text"), text: z.string() });

/** A user message as useChat sends it; only its text parts matter. */
const userMessageSchema = z.object({
  id: idSchema,
  role: z.literal("user"),
  parts: z.array(z.looseObject({ type: z.string() })).max(50),
});

/**
 * The body of POST /api/chat: what useChat's transport sends (chat `id`, `trigger`, `messageId`),
 * with only the newest message — the server holds the history — plus the model and context.
 */
export const chatRequestSchema = z
  .object({
    id: idSchema,
    trigger: z.enum(["submit-message", "regenerate-message"]),
    messageId: idSchema.optional(),
    message: userMessageSchema.optional(),
    model: modelRefStringSchema.optional(),
    editorContext: editorContextSchema.optional(),
    roomId: idSchema.nullish(),
  })
  .transform((body, ctx) => {
    let trigger: TurnTrigger = { kind: "regenerate" };
    if (body.trigger === "submit-message") {
      const text = (body.message?.parts ?? [])
        .flatMap((part) => {
          const parsed = textPartSchema.safeParse(part);
          return parsed.success ? [parsed.data.text] : [];
        })
        .join("\n")
        .trim();
      if (!body.message || text === "") {
        ctx.addIssue({ code: "custom", path: ["message"], message: "The message is empty." });
        return z.NEVER;
      }
      if (!isWellFormedText(text)) {
        ctx.addIssue({ code: "custom", path: ["message"], message: NOT_WELL_FORMED_MESSAGE });
        return z.NEVER;
      }
      if (text.length > MESSAGE_MAX_CHARS) {
        ctx.addIssue({ code: "custom", path: ["message"], message: `The message is longer than ${MESSAGE_MAX_CHARS} characters.` });
        return z.NEVER;
      }
      trigger = { kind: "submit", messageId: body.message.id, text };
    }
    return {
      conversationId: body.id,
      trigger,
      model: body.model,
      editor: body.editorContext,
      roomId: body.roomId ?? null,
    };
  });
export type ChatRequest = z.output<typeof chatRequestSchema>;
