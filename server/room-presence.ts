import { z } from "zod";
import { roomRoleSchema, type RoomRole } from "../lib/collab/room-roles";
import type { Connection } from "./connection";

export interface PresenceUser {
  user_id: string;
  name: string;
  role: RoomRole;
  editors: number;
}

const presenceListSchema = z.array(
  z.object({ user_id: z.string(), name: z.string(), role: roomRoleSchema, editors: z.number().int().min(0) }),
);

/** Entries from other sidecars expire unless refreshed (each sidecar republishes every few seconds). */
const REMOTE_TTL_MS = 30_000;

/** Who is in a room: this sidecar's connections plus what other sidecars reported. */
export class RoomPresence {
  private readonly remote = new Map<string, { users: PresenceUser[]; at: number }>();

  /** Users with a connection here; `editors` counts their document connections. */
  local(connections: Iterable<Connection>): PresenceUser[] {
    const users = new Map<string, PresenceUser>();
    for (const conn of connections) {
      if (!conn.identity || conn.closed) continue;
      const { userId, userName, role } = conn.identity;
      const user = users.get(userId) ?? { user_id: userId, name: userName, role, editors: 0 };
      if (conn.channel === "doc") user.editors++;
      users.set(userId, user);
    }
    return [...users.values()];
  }

  /** Stores another sidecar's report; returns false when it did not parse. */
  setRemote(instanceId: string, json: string): boolean {
    let users: PresenceUser[];
    try {
      users = presenceListSchema.parse(JSON.parse(json));
    } catch {
      return false;
    }
    if (users.length === 0) this.remote.delete(instanceId);
    else this.remote.set(instanceId, { users, at: Date.now() });
    return true;
  }

  /** Everyone, merged across sidecars, sorted by name. */
  summary(connections: Iterable<Connection>): PresenceUser[] {
    const merged = new Map<string, PresenceUser>();
    const now = Date.now();
    const reports = [this.local(connections)];
    for (const [instanceId, entry] of this.remote) {
      if (now - entry.at > REMOTE_TTL_MS) this.remote.delete(instanceId);
      else reports.push(entry.users);
    }
    for (const user of reports.flat()) {
      const known = merged.get(user.user_id);
      merged.set(user.user_id, known ? { ...known, editors: known.editors + user.editors } : { ...user });
    }
    return [...merged.values()].sort((a, b) => a.name.localeCompare(b.name) || a.user_id.localeCompare(b.user_id));
  }
}
