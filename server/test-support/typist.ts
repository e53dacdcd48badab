import * as Y from "yjs";
import type { DocClient } from "./clients";

/**
 * A typist inserts numbered markers ("a17;") at marker boundaries of one shared file every few
 * milliseconds, connected or not, and remembers every marker it typed.
 */
export class Typist {
  readonly typed: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly client: DocClient,
    private readonly name: string,
    private readonly fileId: string,
    private readonly everyMs = 8,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.type(), this.everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private type(): void {
    const text = this.client.doc.getMap<Y.Text>("texts").get(this.fileId);
    if (!text) return;
    const marker = `${this.name}${this.typed.length};`;
    const content = text.toString();
    const boundaries = [0, ...[...content.matchAll(/;/g)].map((m) => m.index + 1)];
    text.insert(boundaries[Math.floor(Math.random() * boundaries.length)]!, marker);
    this.typed.push(marker);
  }
}
