// The audit log: who did what, when; append-only (the database refuses edits).
import { and, desc, eq, gte, like, lte, sql, type SQL } from "drizzle-orm";
import { getDb } from "@db/client.server";
import { auditLog } from "@db/schema";

export type AuditActor = { id: number; email: string } | null;

export function recordAudit(
  actor: AuditActor,
  action: string,
  target?: { type: string; id: string | number },
  details?: Record<string, unknown>,
  ip?: string,
) {
  getDb()
    .insert(auditLog)
    .values({
      actorUserId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action,
      targetType: target?.type ?? null,
      targetId: target ? String(target.id) : null,
      details: details ?? null,
      ip: ip ?? null,
    })
    .run();
}

export type AuditFilter = { who?: string; action?: string; from?: string; to?: string };

export function listAudit(filter: AuditFilter, page: number, pageSize: number) {
  const where: SQL[] = [];
  if (filter.who) where.push(like(auditLog.actorEmail, `%${filter.who}%`));
  if (filter.action) where.push(like(auditLog.action, `${filter.action}%`));
  if (filter.from) where.push(gte(auditLog.at, filter.from));
  if (filter.to) where.push(lte(auditLog.at, `${filter.to}\uffff`));
  const cond = where.length ? and(...where) : undefined;
  const db = getDb();
  const rows = db
    .select()
    .from(auditLog)
    .where(cond)
    .orderBy(desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditLog)
      .where(cond)
      .get()?.n ?? 0;
  return { rows, total };
}

export function auditActions(action: string) {
  return getDb().select().from(auditLog).where(eq(auditLog.action, action)).all();
}
