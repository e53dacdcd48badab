import type { CliEnv } from "../config/cli-env";

/** A stream the CLI writes to (process.stdout/stderr, or a buffer in tests). */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** What the CLI needs of its process, passed in so tests run it without touching the real one. */
export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  env: CliEnv;
  fetch?: typeof fetch;
}

/** Human or `--json` output: results on stdout, progress and notes on stderr (none with --json). */
export class Output {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /** The command's result: `value` as JSON with --json, else the human text (if any). */
  result(value: unknown, human?: string): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else if (human !== undefined) this.io.stdout.write(human.endsWith("\n") || human === "" ? human : `${human}\n`);
  }

  /** Text as it arrives (a streamed answer), human mode only. */
  stream(text: string): void {
    if (!this.json) this.io.stdout.write(text);
  }

  note(line: string): void {
    if (!this.json) this.io.stderr.write(`${line}\n`);
  }

  /** A progress line that rewrites itself on a terminal; on anything else only `final` lines are kept. */
  progress(line: string, final: boolean): void {
    if (this.json) return;
    if (this.io.stderr.isTTY) this.io.stderr.write(`\r\x1b[K${line}${final ? "\n" : ""}`);
    else if (final) this.io.stderr.write(`${line}\n`);
  }
}

/** Rows as aligned columns, for lists on a terminal. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  return [line(header), ...rows.map(line)].join("\n");
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
