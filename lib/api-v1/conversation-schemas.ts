import { z } from "zod";
import { MESSAGE_MAX_CHARS, modelRefStringSchema, titleSchema } from "../chat/schemas";
import { roomIdSchema } from "../collab/room-schemas";
import { isWellFormedText, NOT_WELL_FORMED_MESSAGE } from "../forms/text";
import { apiCitationSchema } from "./citations";
import { pageQuerySchema, pageSchema } from "./page";

export const listConversationsQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(200).optional().meta({ description: "Only conversations whose title or a message contains this, ignoring case." }),
});

export const createConversationSchema = z
  .object({
    title: titleSchema.optional(),
    roomId: roomIdSchema.optional().meta({ description: "A room the caller belongs to: the conversation is that room's assistant chat." }),
  })
  .meta({ id: "CreateConversation" });

export const postMessageSchema = z
  .object({
    content: z
      .string()
      .trim()
      .min(1, "The message is empty.")
      .max(MESSAGE_MAX_CHARS, `The message is longer than ${MESSAGE_MAX_CHARS} characters.`)
      .refine(isWellFormedText, NOT_WELL_FORMED_MESSAGE),
    model: modelRefStringSchema.optional().meta({ description: "provider:modelId; the team's default when left out.", example: "openai:gpt-4o-mini" }),
    knowledge: z
      .boolean()
      .optional()
      .meta({ description: "Retrieve passages from the caller's documents and cite them. Needs `knowledge:read`; by default on when the caller holds it." }),
    stream: z.boolean().default(false).meta({ description: "Answer as server-sent events instead of one JSON object." }),
  })
  .meta({ id: "PostMessage" });
export type PostMessageInput = z.output<typeof postMessageSchema>;

const timestamps = { createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() };

export const conversationSummarySchema = z.object({ id: z.string(), title: z.string(), ...timestamps }).meta({ id: "ConversationSummary" });
export const conversationPageSchema = pageSchema(conversationSummarySchema).meta({ id: "ConversationPage" });
export const createdConversationSchema = conversationSummarySchema.extend({ roomId: z.string().nullable() }).meta({ id: "CreatedConversation" });

export const messageSchema = z
  .object({
    id: z.string(),
    role: z.enum(["user", "assistant"]),
    content: z.string(),
    citations: z.array(apiCitationSchema),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Message" });

export const conversationSchema = conversationSummarySchema.extend({ messages: z.array(messageSchema) }).meta({ id: "Conversation" });

export const tokenUsageSchema = z.object({ inputTokens: z.number().int(), outputTokens: z.number().int() }).meta({ id: "TokenUsage" });

export const answerSchema = z
  .object({ message: messageSchema.extend({ role: z.literal("assistant") }), model: z.string(), usage: tokenUsageSchema })
  .meta({ id: "Answer" });

/** The events of a streamed answer, each sent as `data: <json>` and a blank line. */
export const messageStreamEventSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("text"), text: z.string() }),
    z.object({ type: z.literal("citations"), citations: z.array(apiCitationSchema) }),
    z.object({ type: z.literal("done"), messageId: z.string(), model: z.string(), usage: tokenUsageSchema }),
    z.object({ type: z.literal("error"), error: z.object({ code: z.string(), message: z.string() }) }),
  ])
  .meta({ id: "MessageStreamEvent" });
export type MessageStreamEvent = z.infer<typeof messageStreamEventSchema>;
