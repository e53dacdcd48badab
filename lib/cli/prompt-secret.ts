import { createInterface } from "node:readline";
import { CliError, EXIT } from "./exit-codes";
import type { CliIo } from "./io";

const CTRL_C = "\u0003";
const CTRL_D = "\u0004";
const BACKSPACE = ["\u007f", "\b"];

/**
 * Asks for a secret. On a terminal the typed characters are not echoed; from a pipe the first
 * line is read, so scripts can run `echo "$TOKEN" | eca login --url …`.
 */
export async function promptSecret(io: CliIo, question: string): Promise<string> {
  const { stdin } = io;
  if (!stdin.isTTY || !stdin.setRawMode) return (await firstLine(stdin)).trim();
  io.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  try {
    return await new Promise<string>((resolve, reject) => {
      let typed = "";
      const onData = (chunk: Buffer | string) => {
        for (const char of chunk.toString("utf8")) {
          if (char === "\r" || char === "\n" || char === CTRL_D) {
            stdin.off("data", onData);
            resolve(typed.trim());
            return;
          }
          if (char === CTRL_C) {
            stdin.off("data", onData);
            reject(new CliError(EXIT.usage, "Cancelled."));
            return;
          }
          typed = BACKSPACE.includes(char) ? typed.slice(0, -1) : typed + char;
        }
      };
      stdin.on("data", onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
    io.stderr.write("\n");
  }
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return "";
}
