import type { SessionUser } from "../auth/roles";
import type { Db } from "../db/client";

export interface ScopeOptions {
  users: { id: string; name: string }[];
  rooms: { id: string; name: string }[];
  models: string[];
}

/** What the scope picker offers: admins every user, room and model seen; members their rooms and models. */
export async function scopeOptions(db: Db, user: SessionUser): Promise<ScopeOptions> {
  const admin = user.role === "admin";
  const [users, rooms, models] = await Promise.all([
    admin ? db.user.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 }) : [],
    db.room.findMany({
      where: admin ? {} : { members: { some: { userId: user.id } } },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
      take: 500,
    }),
    db.usageRollup.findMany({
      where: { period: "d", type: "chat.turn", model: { not: "" }, ...(admin ? {} : { userId: user.id }) },
      distinct: ["model"],
      select: { model: true },
      orderBy: { model: "asc" },
      take: 100,
    }),
  ]);
  return { users, rooms, models: models.map((m) => m.model) };
}
