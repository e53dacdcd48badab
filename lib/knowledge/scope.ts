import { z } from "zod";
import { requireRoomAccess } from "../collab/membership";
import { canManageRoom, type RoomRole } from "../collab/room-roles";
import { roomIdSchema } from "../collab/room-schemas";
import { parseInput } from "../forms/input";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { formatBytes } from "./errors";

/**
 * Where a knowledge document lives: the user's personal knowledge, or a room's knowledge (owners and
 * editors add and delete, every member reads and retrieves).
 */
export type KnowledgeScope = { kind: "personal"; userId: string } | { kind: "room"; roomId: string };

/** A scope as a request names it: a room id, or nothing for personal knowledge. */
const scopeInputSchema = z.object({ roomId: roomIdSchema.nullish() });
export type ScopeInput = z.input<typeof scopeInputSchema>;

export interface ScopeAccess {
  scope: KnowledgeScope;
  /** The user's role in the room; null for personal knowledge. */
  role: RoomRole | null;
  canWrite: boolean;
  /** Room owners approve and reject documents and set the approval rule. */
  canReview: boolean;
}

export function scopeOf(userId: string, roomId: string | null | undefined): KnowledgeScope {
  return roomId ? { kind: "room", roomId } : { kind: "personal", userId };
}

/** The document columns that place a row in `scope`. */
export function scopeColumns(scope: KnowledgeScope): { userId: string | null; roomId: string | null } {
  return scope.kind === "room" ? { userId: null, roomId: scope.roomId } : { userId: scope.userId, roomId: null };
}

/**
 * The user's rights in a scope. Non-members of a room get NOT_FOUND (rooms cannot be probed);
 * `access: "write"` refuses viewers with FORBIDDEN.
 */
export async function requireScopeAccess(
  db: Db,
  userId: string,
  input: ScopeInput,
  access: "read" | "write",
): Promise<ScopeAccess> {
  const { roomId } = parseInput(scopeInputSchema, input);
  if (!roomId) return { scope: { kind: "personal", userId }, role: null, canWrite: true, canReview: false };
  const role = await requireRoomAccess(db, roomId, userId, access === "write" ? "edit" : "read");
  const canWrite = role === "owner" || role === "editor";
  return { scope: { kind: "room", roomId }, role, canWrite, canReview: canManageRoom(role) };
}

/** Whether new documents of the scope wait for an owner's approval before they are used. */
export async function requiresApproval(db: Db, scope: KnowledgeScope): Promise<boolean> {
  if (scope.kind === "personal") return false;
  const setting = await db.knowledgeRoomSetting.findUnique({ where: { roomId: scope.roomId } });
  return setting?.requireApproval ?? false;
}

/** Room owners only. */
export async function setRequireApproval(db: Db, actorId: string, roomId: string, requireApproval: boolean): Promise<void> {
  await requireRoomAccess(db, roomId, actorId, "manage");
  await db.knowledgeRoomSetting.upsert({
    where: { roomId },
    create: { roomId, requireApproval },
    update: { requireApproval },
  });
}

export interface UploadLimits {
  maxFileBytes: number;
  quotaBytes: number;
}

/** Bytes the user has uploaded to every scope; failed and rejected uploads do not count. */
async function usedQuotaBytes(db: Db, userId: string): Promise<number> {
  const sum = await db.knowledgeDocument.aggregate({
    where: { uploadedById: userId, status: { notIn: ["failed", "rejected"] } },
    _sum: { sizeBytes: true },
  });
  return sum._sum.sizeBytes ?? 0;
}

/** The most bytes the user may upload now: the file limit, or less when the quota is nearly used. */
export async function allowedUploadBytes(db: Db, userId: string, limits: UploadLimits): Promise<number> {
  const left = limits.quotaBytes - (await usedQuotaBytes(db, userId));
  if (left <= 0) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Your knowledge quota of ${formatBytes(limits.quotaBytes)} is used up. Delete documents to add more.`, {
      quotaBytes: limits.quotaBytes,
    });
  }
  return Math.min(limits.maxFileBytes, left);
}

/** Scopes whose ready documents a user retrieves from: their personal knowledge and, if a member, the room. */
export async function readableScopes(db: Db, userId: string, roomId: string | null | undefined): Promise<KnowledgeScope[]> {
  const scopes: KnowledgeScope[] = [{ kind: "personal", userId }];
  if (!roomId) return scopes;
  const member = await db.roomMember.findUnique({
    where: { roomId_userId: { roomId, userId } },
    select: { user: { select: { disabled: true } } },
  });
  if (member && !member.user.disabled) scopes.push({ kind: "room", roomId });
  return scopes;
}
