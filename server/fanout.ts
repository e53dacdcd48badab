import type { FanoutMessage } from "./fanout-codec";

/** What a loaded room does with messages from other sidecar instances. */
export interface FanoutReceiver {
  receiveFanout(from: string, message: FanoutMessage): void;
}

/**
 * The link between sidecar instances sharing rooms. Without REDIS_URL it is `localFanout`, which
 * links nothing: one sidecar owns every room.
 */
export interface Fanout {
  readonly instanceId: string;
  readonly enabled: boolean;
  /** Subscribes before the room loads, so nothing published during the load is missed. */
  join(roomId: string, receiver: FanoutReceiver): Promise<void>;
  /** Unsubscribes, unless another receiver joined the room since (a room reloaded quickly). */
  leave(roomId: string, receiver: FanoutReceiver): Promise<void>;
  publish(roomId: string, message: FanoutMessage): void;
  /** Called after a reconnect, when messages may have been missed. */
  onResync(listener: () => void): void;
  healthy(): boolean;
  close(): Promise<void>;
}

export function localFanout(instanceId: string): Fanout {
  return {
    instanceId,
    enabled: false,
    join: async () => undefined,
    leave: async () => undefined,
    publish: () => undefined,
    onResync: () => undefined,
    healthy: () => true,
    close: async () => undefined,
  };
}
