import type { UsageEventSink } from "../lib/analytics/usage-events";
import type { Db } from "../lib/db/client";
import type { Logger } from "../lib/observability/logger";

export interface SidecarLimits {
  /** Largest frame accepted; bigger ones close the socket with 1009. */
  maxMessageBytes: number;
  /** Sustained messages per second per socket (bursts of twice that); flooding closes with 4429. */
  maxMessagesPerSecond: number;
  /** Open sockets per user across rooms; the next one is refused with 4429. */
  maxConnectionsPerUser: number;
  /** Largest room document (about as encoded); an update that would grow a room past it closes with 4413. */
  maxRoomBytes: number;
  /** Room chat messages per user per minute across sockets (and sidecars, with Redis); default 30. */
  chatMessagesPerMinute?: number;
}

export interface SidecarTiming {
  persistBatchMs: number;
  compactEvery: number;
  membershipCheckMs: number;
  idleUnloadMs: number;
  checkpointEveryMs: number;
  usageFlushMs: number;
  heartbeatMs: number;
  presenceRefreshMs: number;
}

export const DEFAULT_TIMING: SidecarTiming = {
  persistBatchMs: 100,
  compactEvery: 200,
  membershipCheckMs: 1_000,
  idleUnloadMs: 5_000,
  checkpointEveryMs: 10 * 60_000,
  // Edits reach the dashboard within this; active minutes are written once each minute is over.
  usageFlushMs: 10_000,
  heartbeatMs: 30_000,
  presenceRefreshMs: 10_000,
};

export interface SidecarOptions {
  db: Db;
  authSecret: string;
  port: number;
  host?: string;
  limits: SidecarLimits;
  /** Share rooms with other sidecars through Redis pub/sub. */
  redisUrl?: string;
  redisChannelPrefix?: string;
  /**
   * Directory of the local update journal (a kill -9 loses nothing a client was sent: the next
   * start replays it). Sidecars sharing it need distinct ports. Unset: no journal.
   */
  journalDir?: string;
  /** Where usage events go; null records none. */
  usage: UsageEventSink | null;
  log: Logger;
  timing?: Partial<SidecarTiming>;
  version: string;
}
