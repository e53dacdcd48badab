import { postChatMessage } from "../lib/collab/chat";
import { makeServerEvent, type ClientEvent } from "../lib/collab/events";
import { canEditRoom } from "../lib/collab/room-roles";
import type { Db } from "../lib/db/client";
import { AppError } from "../lib/errors/app-error";
import { enforceLimit } from "../lib/rate-limit/enforce";
import type { RateLimiter } from "../lib/rate-limit/limiter";
import type { EventsConnection } from "./events-connection";
import type { Room } from "./room";
import { restoreVersion, saveLiveVersion } from "./room-versions";

/**
 * What the sidecar does with each client event. Permissions are checked against the database by
 * the lib functions; the role check here only spares them a query for viewers. Room chat is
 * rate-limited per user (RATE_LIMITED error event with the wait).
 */
export function createEventHandler(db: Db, limits: { chat: RateLimiter }) {
  return async (event: ClientEvent, conn: EventsConnection, room: Room): Promise<void> => {
    const identity = conn.identity;
    if (!identity) return;
    const context = { roomId: room.id, userId: identity.userId };
    switch (event.event_type) {
      case "chat.send": {
        // Per user, however many sockets (or sidecars) the messages come through.
        await enforceLimit(limits.chat, identity.userId, (s) => `You are sending messages too fast. Try again in ${s} s.`);
        const message = await postChatMessage(db, { ...context, body: event.payload.body });
        const payload = { id: message.id, user_name: message.userName, body: message.body, created_at: message.createdAt.toISOString() };
        room.broadcastEvent(makeServerEvent("chat.message", payload, context));
        return;
      }
      case "presence.request":
        conn.sendEvent(makeServerEvent("presence.summary", { users: room.presenceSummary() }, { roomId: room.id, userId: null }));
        return;
      case "version.save": {
        assertCanEdit(conn);
        const release = room.hold();
        try {
          await saveLiveVersion(db, room, context, event.payload.label);
        } finally {
          release();
        }
        return;
      }
      case "version.restore": {
        assertCanEdit(conn);
        const release = room.hold();
        try {
          await restoreVersion(db, room, context, event.payload.version_id);
        } finally {
          release();
        }
        return;
      }
    }
  };
}

function assertCanEdit(conn: EventsConnection): void {
  if (!canEditRoom(conn.role)) throw new AppError("FORBIDDEN", "Viewers cannot change this room.");
}
