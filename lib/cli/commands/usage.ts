import { InvalidArgumentError, type Command } from "commander";
import { usageSchema, type Usage } from "../api-schemas";
import { connect, type GlobalOptions } from "../connection";
import { Output, table, type CliIo } from "../io";

interface UsageOptions extends GlobalOptions {
  from?: string;
  to?: string;
}

export function addUsageCommand(program: Command, io: CliIo): void {
  program
    .command("usage")
    .description("your own chat turns, tokens and cost")
    .option("--from <date>", "first day, YYYY-MM-DD (default: the server's, 30 days back)", parseDate)
    .option("--to <date>", "last day, YYYY-MM-DD (default: today)", parseDate)
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<UsageOptions>();
      const out = new Output(io, Boolean(options.json));
      const client = await connect(io, options);
      const usage = await client.json(usageSchema, "GET", "/api/v1/usage", { query: { from: options.from, to: options.to } });
      out.result(usage, describeUsage(usage));
    });
}

function parseDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError("Give a date as YYYY-MM-DD.");
  return value;
}

const cost = (usd: number | null) => (usd === null ? "–" : `$${usd.toFixed(4)}`);
const count = (n: number) => n.toLocaleString("en-US");

function describeUsage(usage: Usage): string {
  const head = `${usage.from.slice(0, 10)} to ${usage.to.slice(0, 10)}: ${count(usage.turns)} turns, ${count(usage.inputTokens)} input and ${count(usage.outputTokens)} output tokens, ${cost(usage.costUsd)}`;
  if (usage.byModel.length === 0) return head;
  const rows = usage.byModel.map((m) => [m.model, count(m.turns), count(m.inputTokens), count(m.outputTokens), cost(m.costUsd)]);
  return `${head}\n\n${table(["model", "turns", "input", "output", "cost"], rows)}`;
}
