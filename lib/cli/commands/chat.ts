import { Option, type Command } from "commander";
import { chatEventSchema, conversationSchema, type Citation } from "../api-schemas";
import { connect, type GlobalOptions } from "../connection";
import { CliError, EXIT } from "../exit-codes";
import { Output, type CliIo } from "../io";
import { resolveRoomId } from "../room-ref";
import { sseData } from "../sse";
import { formatCitation } from "./citations";

interface ChatOptions extends GlobalOptions {
  room?: string;
  conversation?: string;
  model?: string;
  knowledge: boolean;
}

export function addChatCommand(program: Command, io: CliIo): void {
  program
    .command("chat")
    .description("ask the assistant; the answer streams in, then its numbered sources")
    .argument("<question...>", "the question (several words are joined)")
    .option("--room <room>", "ask in a room (id or exact name): its files and documents are in scope")
    .addOption(new Option("--conversation <id>", "continue a conversation (its id is printed after each answer)").conflicts("room"))
    .option("--model <model>", "a model id as listed by GET /v1/models (default: the team's default)")
    .option("--no-knowledge", "answer without searching the knowledge base")
    .action(async (words: string[], _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<ChatOptions>();
      const out = new Output(io, Boolean(options.json));
      const client = await connect(io, options);
      const conversation = options.conversation
        ? { id: options.conversation }
        : await client.json(conversationSchema, "POST", "/api/v1/conversations", { json: { roomId: await resolveRoomId(client, options.room) } });
      const response = await client.request("POST", `/api/v1/conversations/${encodeURIComponent(conversation.id)}/messages`, {
        // Left out, the server uses knowledge when the token may read it; --no-knowledge turns it off.
        json: { content: words.join(" "), model: options.model, knowledge: options.knowledge ? undefined : false, stream: true },
        headers: { accept: "text/event-stream" },
        stream: true,
      });
      if (!response.body) throw new CliError(EXIT.server, "The server sent no answer.");

      let answer = "";
      let citations: Citation[] = [];
      for await (const data of sseData(response.body)) {
        const parsed = chatEventSchema.safeParse(safeJson(data));
        if (!parsed.success) throw new CliError(EXIT.server, "The answer stream sent an event of an unknown shape.");
        const event = parsed.data;
        if (event.type === "text") {
          answer += event.text;
          out.stream(event.text);
        } else if (event.type === "citations") {
          citations = event.citations;
        } else if (event.type === "error") {
          out.stream("\n");
          throw new CliError(event.error.code === "RATE_LIMITED" ? EXIT.rateLimited : EXIT.server, event.error.message, event.error.code);
        } else {
          const sources = citations.map((c, i) => `  [${i + 1}] ${formatCitation(c)}`);
          out.stream(answer.endsWith("\n") ? "" : "\n");
          out.result(
            { conversationId: conversation.id, messageId: event.messageId, model: event.model, answer, citations, usage: event.usage },
            `${sources.length > 0 ? `\nSources:\n${sources.join("\n")}\n` : ""}\nConversation ${conversation.id} (continue with --conversation ${conversation.id})`,
          );
          return;
        }
      }
      throw new CliError(EXIT.server, "The answer stopped before it was complete.");
    });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
