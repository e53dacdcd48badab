import { InvalidArgumentError, type Command } from "commander";
import { searchResultsSchema } from "../api-schemas";
import { connect, type GlobalOptions } from "../connection";
import { Output, type CliIo } from "../io";
import { resolveRoomId } from "../room-ref";
import { formatCitation } from "./citations";

interface SearchOptions extends GlobalOptions {
  room?: string;
  limit?: number;
}

export function addSearchCommand(program: Command, io: CliIo): void {
  program
    .command("search")
    .description("search the knowledge base; prints passages with their sources")
    .argument("<query...>", "what to look for (several words are joined)")
    .option("--room <room>", "search a room's knowledge too (id or exact name)")
    .option("--limit <n>", "passages to show, 1 to 50", parseLimit)
    .action(async (words: string[], _options: unknown, command: Command) => {
      const options = command.optsWithGlobals<SearchOptions>();
      const out = new Output(io, Boolean(options.json));
      const client = await connect(io, options);
      const roomId = await resolveRoomId(client, options.room);
      const { items } = await client.json(searchResultsSchema, "GET", "/api/v1/knowledge/search", {
        query: { q: words.join(" "), roomId, limit: options.limit },
      });
      const human = items.map((hit, i) => `[${i + 1}] ${formatCitation(hit.citation)} (score ${hit.score.toFixed(2)})\n    ${oneLine(hit.citation.excerpt || hit.text)}`);
      out.result({ items }, items.length > 0 ? human.join("\n") : "No passages found.");
    });
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) throw new InvalidArgumentError("Give a whole number from 1 to 50.");
  return limit;
}

function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
