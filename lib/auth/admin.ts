import { writeAudit } from "../audit/audit-log";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { isAdmin, type Role, type SessionUser } from "./roles";

export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  createdAt: Date;
  lastSeenAt: Date | null;
}

function assertAdmin(actor: SessionUser): void {
  if (!isAdmin(actor)) throw new AppError("FORBIDDEN", "Only admins can do this.");
}

export async function listUsers(db: Db, actor: SessionUser): Promise<UserSummary[]> {
  assertAdmin(actor);
  return db.user.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true, lastSeenAt: true },
  });
}

async function loadTarget(db: Db, actor: SessionUser, targetId: string) {
  assertAdmin(actor);
  if (targetId === actor.id) {
    throw new AppError("CONFLICT", "You cannot change your own account here; ask another admin.");
  }
  const target = await db.user.findUnique({ where: { id: targetId } });
  if (!target) throw new AppError("NOT_FOUND", "No such user.");
  return target;
}

export async function changeRole(db: Db, actor: SessionUser, targetId: string, role: Role): Promise<void> {
  const target = await loadTarget(db, actor, targetId);
  if (target.role === role) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: targetId }, data: { role } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: "user.role_changed",
      targetType: "user",
      targetId,
      details: { email: target.email, from: target.role, to: role },
    });
  });
}

export async function setDisabled(db: Db, actor: SessionUser, targetId: string, disabled: boolean): Promise<void> {
  const target = await loadTarget(db, actor, targetId);
  if (target.disabled === disabled) return;
  await db.$transaction(async (tx) => {
    // Disabling ends every session: cookies issued before now stay invalid after re-enabling.
    await tx.user.update({ where: { id: targetId }, data: disabled ? { disabled, sessionsValidAfter: new Date() } : { disabled } });
    await writeAudit(tx, {
      actorId: actor.id,
      action: disabled ? "user.disabled" : "user.enabled",
      targetType: "user",
      targetId,
      details: { email: target.email },
    });
  });
}
