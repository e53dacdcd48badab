import { Redis } from "ioredis";
import type { Logger } from "../lib/observability/logger";
import type { Fanout, FanoutReceiver } from "./fanout";
import { decodeFanout, encodeFanout, type FanoutMessage } from "./fanout-codec";

const JOIN_TIMEOUT_MS = 2_000;

/**
 * Fanout over Redis pub/sub: one channel per room, one publishing and one subscribing connection
 * per sidecar. Pub/sub is fire-and-forget, so after a reconnect every loaded room asks its peers
 * for what it missed (`onResync`).
 */
export async function createRedisFanout(options: {
  url: string;
  instanceId: string;
  channelPrefix: string;
  log: Logger;
}): Promise<Fanout> {
  const { instanceId, log } = options;
  const redisOptions = { maxRetriesPerRequest: 3, connectionName: `collab-${instanceId}` };
  const pub = new Redis(options.url, redisOptions);
  const sub = new Redis(options.url, redisOptions);
  const receivers = new Map<string, FanoutReceiver>();
  const resyncListeners: (() => void)[] = [];
  const channelOf = (roomId: string) => `${options.channelPrefix}:room:${roomId}`;
  const roomOf = (channel: string) => channel.slice(`${options.channelPrefix}:room:`.length);

  for (const client of [pub, sub]) client.on("error", (err) => log.warn({ err: err.message }, "redis connection problem"));
  let readyCount = 0;
  sub.on("ready", () => {
    readyCount++;
    if (readyCount > 1) {
      log.info("redis reconnected; resynchronising rooms");
      for (const listener of resyncListeners) listener();
    }
  });
  sub.on("messageBuffer", (channel: Buffer, data: Buffer) => {
    const receiver = receivers.get(roomOf(channel.toString()));
    if (!receiver) return;
    try {
      const { from, message } = decodeFanout(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (from !== instanceId) receiver.receiveFanout(from, message);
    } catch (err) {
      log.warn({ err, channel: channel.toString() }, "dropped a malformed fanout message");
    }
  });
  await Promise.all([pub.ping(), sub.ping()]);

  return {
    instanceId,
    enabled: true,
    async join(roomId, receiver) {
      receivers.set(roomId, receiver);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          log.warn({ roomId }, "redis subscribe is slow; loading the room anyway (it resyncs on reconnect)");
          resolve();
        }, JOIN_TIMEOUT_MS);
      });
      await Promise.race([sub.subscribe(channelOf(roomId)).then(() => undefined), timeout]).finally(() => clearTimeout(timer));
    },
    async leave(roomId, receiver) {
      if (receivers.get(roomId) !== receiver) return;
      receivers.delete(roomId);
      await sub.unsubscribe(channelOf(roomId)).catch((err) => log.warn({ err, roomId }, "redis unsubscribe failed"));
    },
    publish(roomId, message: FanoutMessage) {
      pub
        .publish(channelOf(roomId), Buffer.from(encodeFanout(instanceId, message)))
        .catch((err) => log.warn({ err: err.message, roomId, kind: message.kind }, "redis publish failed; peers resync later"));
    },
    onResync(listener) {
      resyncListeners.push(listener);
    },
    healthy: () => pub.status === "ready" && sub.status === "ready",
    async close() {
      receivers.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
