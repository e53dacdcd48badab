// A fake OpenAI-compatible provider for the browser tests, started by Playwright beside the app:
// `node --import tsx e2e/fake-ai-server.ts <port>`. Replies are deterministic, chosen by the
// question (keywords below) and the model, and streamed as the real SSE protocol. A chat title
// is written only for a first message with "name this chat".
import { CONTINUE_INSTRUCTION } from "../lib/ai/chat-messages";
import { startFakeProvider, type FakeReply } from "../lib/ai/testing/fake-providers";
import { TITLE_PROMPT } from "../lib/chat/model-title";

export const FAKE_MODELS = ["fake-main", "fake-backup"];

type Body = { model?: string; messages?: { role: string; content: unknown }[] };

let replies = 0;

function words(text: string, delayMs = 25): FakeReply {
  return { kind: "stream", chunks: text.match(/\S+\s*/g) ?? [text], usage: { input: 20, output: 10 }, chunkDelayMs: delayMs };
}

function replyFor(raw: unknown): FakeReply {
  const body = raw as Body;
  const question = String(body.messages?.findLast((m) => m.role === "user")?.content ?? "");
  const main = body.model === "fake-main";
  if (body.messages?.some((m) => m.content === TITLE_PROMPT)) {
    // Titles only when asked for, so the other tests keep their first-message titles.
    return question.includes("name this chat") ? words('"Named by the model."') : words("");
  }
  replies += 1;
  if (question === CONTINUE_INSTRUCTION) return words("and the backup model finished the answer.");
  if (question.includes("total failure")) return { kind: "status", status: 500, message: "fake outage" };
  if (question.includes("outage") && main) return { kind: "break", chunks: ["Partial answer from main, ", "still going "] };
  if (question.includes("slow")) {
    return { kind: "stream", chunks: Array.from({ length: 60 }, (_, i) => `tick${i + 1} `), chunkDelayMs: 150 };
  }
  if (question.includes("xss")) {
    return words(
      'Careful: <script>window.__xss = "script"</script> and <img src="x" onerror="window.__xss = \'img\'"> ' +
        "and [a link](javascript:window.__xss='link') are shown as text only.",
    );
  }
  if (question.includes("which file")) {
    // Proves the editor context reached the model: name the file and selected lines it was given.
    const system = String(body.messages?.find((m) => m.role === "system" || m.role === "developer")?.content ?? "");
    const file = /File: (\S+)/.exec(system)?.[1] ?? "no file";
    const lines = /Selected lines (\d+)–(\d+)/.exec(system);
    return words(`You are looking at ${file}${lines ? ` with lines ${lines[1]}–${lines[2]} selected` : ""}.`);
  }
  if (question.includes("code")) {
    return {
      kind: "stream",
      chunks: ["Here is the function:\n\n", "```ts\n", "export const answer = 42;\n", "```\n", "\nUse it well."],
      usage: { input: 30, output: 20 },
      chunkDelayMs: 25,
    };
  }
  return words(`Echo (reply #${replies}, ${body.model}): ${question}`);
}

const port = Number(process.argv[2] ?? process.env.FAKE_AI_PORT ?? 3350);
const server = await startFakeProvider("openai", { port });
server.listing = FAKE_MODELS;
server.replyFor = replyFor;
process.stdout.write(`fake AI provider on ${server.baseURL}\n`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => void server.close().then(() => process.exit(0)));
}
