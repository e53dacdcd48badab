import type { ClientSpec } from "../protocol";
import type { Scenario } from "../scenarios";

export type TargetName = "ours" | "anchor";
export const TARGET_NAMES: TargetName[] = ["ours", "anchor"];

/** A server under test, started for one scenario, with the clients that will connect to it. */
export interface RunningTarget {
  name: TargetName;
  pid: number;
  clients: ClientSpec[];
  /** Time spent preparing the database (ours) and starting the server. */
  setupMs: number;
  stop(): Promise<void>;
}

export interface TargetOptions {
  cwd: string;
  /** taskset CPU list for the server process. */
  cpus?: string;
}

/** The client list of a scenario: room r, client c is a writer when c < writersPerRoom; client 0 creates the file. */
export function clientSpecs(scenario: Scenario, serverUrl: string, rooms: { room: string; tokens: (string | null)[] }[]): ClientSpec[] {
  return rooms.flatMap(({ room, tokens }, r) =>
    Array.from({ length: scenario.clientsPerRoom }, (_, c) => ({
      serverUrl,
      room,
      token: tokens[c] ?? null,
      writer: c < scenario.writersPerRoom,
      creator: c === 0,
      intervalMs: scenario.intervalMs,
      name: `r${r}c${c}`,
    })),
  );
}
