import * as Y from "yjs";
import { createFile, fileText } from "../../lib/collab/room-files";

export const LARGE_ROOM_FILES = 10;
export const LARGE_ROOM_FILE_CHARS = 990_000;

/** A ~10 MB room document: ten files of 990,000 characters, each pasted in a thousand pieces. */
export function largeRoomState(): Uint8Array {
  const doc = new Y.Doc();
  const line = "export const value = computeSomething(input, options); // a typical line\n";
  for (let f = 0; f < LARGE_ROOM_FILES; f++) {
    const text = fileText(doc, createFile(doc, `src/module-${f}.ts`, ""));
    for (let i = 0; i < 1000; i++) {
      text.insert(Math.floor(Math.random() * text.length), line.repeat(14).slice(0, LARGE_ROOM_FILE_CHARS / 1000));
    }
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export function latencySummary(samples: number[]): { p50: number; p95: number; max: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);
  return { p50: at(0.5), p95: at(0.95), max: Math.round(sorted[sorted.length - 1] ?? NaN), n: sorted.length };
}

export interface TypingProbe {
  /** Milliseconds from when each character was due until `seen` held it, in typing order. */
  readonly latencies: number[];
  /** Stops typing; `arrived()` then tells when every typed character has been seen. */
  stop(): void;
  arrived(): boolean;
}

/**
 * Types one character into `typed` every `everyMs` and times until `seen` (the same text on
 * another client) holds it, counted from when the tick was due, so a stalled event loop counts too.
 * `onTick(due)` runs at each tick (e.g. to probe a health endpoint at the same moments).
 */
export function typeEvery(typed: Y.Text, seen: Y.Text, everyMs: number, onTick?: (due: number) => void): TypingProbe {
  const dueAt: number[] = [];
  const latencies: number[] = [];
  const base = seen.length;
  const onSeen = () => {
    const now = performance.now();
    while (base + latencies.length < seen.length && latencies.length < dueAt.length) latencies.push(now - dueAt[latencies.length]!);
  };
  seen.observe(onSeen);
  let lastTick = performance.now();
  const ticks = setInterval(() => {
    const due = lastTick + everyMs;
    lastTick = performance.now();
    dueAt.push(due);
    typed.insert(typed.length, "x");
    onTick?.(due);
  }, everyMs);
  return {
    latencies,
    stop: () => clearInterval(ticks),
    arrived: () => {
      const done = latencies.length === dueAt.length;
      if (done) seen.unobserve(onSeen);
      return done;
    },
  };
}
