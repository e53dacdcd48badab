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
    .option("--from <date>", "first day, YYYY-MM-DD in UTC (default: 30 days before --to)", (value) => dayStart(value, 0))
    .option("--to <date>", "last day, YYYY-MM-DD in UTC, included (default: now)", (value) => dayStart(value, 1))
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<UsageOptions>();
      const out = new Output(io, Boolean(options.json));
      const client = await connect(io, options);
      const usage = await client.json(usageSchema, "GET", "/api/v1/usage", { query: { from: options.from, to: options.to } });
      out.result(usage, describeUsage(usage));
    });
}

/** The start of the UTC day `value` (+ `plusDays`) as the ISO time the server takes; the server's `to` is exclusive. */
function dayStart(value: string, plusDays: number): string {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(value) ? Date.parse(`${value}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidArgumentError("Give a date as YYYY-MM-DD.");
  return new Date(ms + plusDays * 86_400_000).toISOString();
}

const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

const cost = (usd: number | null) => (usd === null ? "–" : `$${usd.toFixed(4)}`);
const count = (n: number) => n.toLocaleString("en-US");

function describeUsage(usage: Usage): string {
  const head = `${time(usage.from)} to ${time(usage.to)} UTC: ${count(usage.turns)} turns, ${count(usage.inputTokens)} input and ${count(usage.outputTokens)} output tokens, ${cost(usage.costUsd)}`;
  if (usage.byModel.length === 0) return head;
  const rows = usage.byModel.map((m) => [m.model, count(m.turns), count(m.inputTokens), count(m.outputTokens), cost(m.costUsd)]);
  return `${head}\n\n${table(["model", "turns", "input", "output", "cost"], rows)}`;
}
