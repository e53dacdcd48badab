import type { Db } from "../db/client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

export async function writeAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    },
  });
}

export interface AuditRecord {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
  actor: { id: string; name: string; email: string } | null;
}

export async function listAudit(db: Db, options: { limit: number; before?: Date }): Promise<AuditRecord[]> {
  const rows = await db.auditLog.findMany({
    where: options.before ? { createdAt: { lt: options.before } } : undefined,
    orderBy: { createdAt: "desc" },
    take: options.limit,
    include: { actor: { select: { id: true, name: true, email: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: JSON.parse(row.details) as Record<string, unknown>,
    createdAt: row.createdAt,
    actor: row.actor,
  }));
}
