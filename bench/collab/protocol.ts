import type { HistogramJson } from "./histogram";

/** Messages between the orchestrator and a client worker process (over the Node IPC channel). */

export interface ClientSpec {
  /** ws://127.0.0.1:<port> */
  serverUrl: string;
  /** The y-websocket room name (our room id, or any name for the anchor). */
  room: string;
  token: string | null;
  writer: boolean;
  /** Creates the room's file before the run (one client per room). */
  creator: boolean;
  intervalMs: number;
  name: string;
}

/** Times are milliseconds since the run's epoch, on the shared clock (see clock.ts). */
export interface MeasureWindow {
  start: number;
  end: number;
}

export type ToWorker =
  | { type: "init"; epochMs: number; clients: ClientSpec[]; connectConcurrency: number; timeoutMs: number }
  | { type: "prepare"; timeoutMs: number }
  | { type: "start"; window: MeasureWindow }
  | { type: "report" }
  | { type: "reset" };

export interface WorkerReport {
  histogram: HistogramJson;
  /** Edits sent inside the window, by room. */
  sentByRoom: Record<string, number>;
  /** Edits seen by a peer whose send time was inside the window. */
  received: number;
  /** Deliveries that appeared to arrive before they were sent (clock skew between processes). */
  negative: number;
  /** Socket closes after the client first synced (the provider reconnects by itself). */
  reconnects: number;
  /** Clients not connected when the report was taken. */
  disconnected: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export type FromWorker =
  | { type: "connected"; clients: number; failed: number; firstError: string | null; ms: number }
  | { type: "ready" }
  | { type: "report"; report: WorkerReport }
  | { type: "reset-done" }
  | { type: "error"; message: string };

export type FromWorkerType = FromWorker["type"];
