import "server-only";
import { getDb } from "@/app/_server/runtime";
import type { ScopeOption } from "@/components/knowledge/scope-switcher";
import { listRoomsForUser } from "@/lib/collab/rooms";
import { requireScopeAccess, requiresApproval, type ScopeAccess } from "@/lib/knowledge/scope";
import { z } from "zod";
import { orNotFound } from "./load-or-404";

const roomParam = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/).optional().catch(undefined);

export interface KnowledgeScopeView {
  roomId: string | null;
  access: ScopeAccess;
  options: ScopeOption[];
  requireApproval: boolean;
  scopeName: string;
}

/** The scope named by `?room=` (personal without it) and the user's other scopes, for the switcher. */
export async function loadScope(userId: string, room: string | string[] | undefined): Promise<KnowledgeScopeView> {
  const roomId = roomParam.parse(Array.isArray(room) ? room[0] : room) ?? null;
  const db = await getDb();
  const access = await orNotFound(() => requireScopeAccess(db, userId, { roomId }, "read"));
  const rooms = await listRoomsForUser(db, userId);
  const options: ScopeOption[] = [{ roomId: null, label: "Personal" }, ...rooms.map((r) => ({ roomId: r.id, label: r.name }))];
  return {
    roomId,
    access,
    options,
    requireApproval: await requiresApproval(db, access.scope),
    scopeName: options.find((o) => o.roomId === roomId)?.label ?? "Personal",
  };
}
