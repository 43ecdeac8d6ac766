// The audit log as people read it (issue 15 item 8): who did what to whom, the target named (a
// member, supplier, program, run, batch, report, user) and linkable, filters by person, action,
// name and dates; pages read newest first by id.
import { prepared } from "@db/client.server";

export type AuditBookFilter = {
  /** Part of the e-mail of who acted. */
  who?: string;
  /** An action (`run.post`) or its area (`payout_batch`). */
  action?: string;
  /** Part of the name of what was acted on (member, supplier, program). */
  q?: string;
  from?: string;
  to?: string;
};

export type AuditTarget = { type: string; id: string; name: string | null };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Targets whose name contains `q`: `[type, id]` pairs of members, suppliers and programs. */
function targetsNamed(q: string): [string, string][] {
  const like = `%${escapeLike(q)}%`;
  const of = (type: string, table: string) =>
    (
      prepared(`SELECT id FROM ${table} WHERE name LIKE ? ESCAPE '\\' LIMIT 500`).all(like) as {
        id: number;
      }[]
    ).map((r): [string, string] => [type, String(r.id)]);
  return [...of("member", "members"), ...of("supplier", "suppliers"), ...of("program", "programs")];
}

function whereOf(filter: AuditBookFilter) {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.who) {
    parts.push(`a.actor_email LIKE @who ESCAPE '\\'`);
    params.who = `%${escapeLike(filter.who)}%`;
  }
  if (filter.action) {
    parts.push(`(a.action = @action OR a.action LIKE @actionArea ESCAPE '\\')`);
    params.action = filter.action;
    params.actionArea = `${escapeLike(filter.action)}.%`;
  }
  if (filter.q) {
    // One lookup list, built once by SQLite, not a scan of the names for every row of the log.
    parts.push(`a.target_type || ':' || a.target_id IN (SELECT value FROM json_each(@targets))`);
    params.targets = JSON.stringify(targetsNamed(filter.q).map(([type, id]) => `${type}:${id}`));
  }
  if (filter.from) {
    parts.push(`a.at >= @from`);
    params.from = filter.from;
  }
  if (filter.to) {
    parts.push(`a.at <= @to`);
    params.to = `${filter.to}\uffff`;
  }
  return { sql: parts.length ? parts.join(" AND ") : "1", params };
}

type Row = {
  id: number;
  at: string;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: string | null;
  ip: string | null;
};

const NAMERS: Record<string, string> = {
  member: `SELECT id, name FROM members WHERE id IN (SELECT value FROM json_each(?))`,
  supplier: `SELECT id, name FROM suppliers WHERE id IN (SELECT value FROM json_each(?))`,
  program: `SELECT id, name FROM programs WHERE id IN (SELECT value FROM json_each(?))`,
  user: `SELECT id, email AS name FROM users WHERE id IN (SELECT value FROM json_each(?))`,
  payout_batch: `SELECT id, reference AS name FROM payout_batches
                  WHERE id IN (SELECT value FROM json_each(?))`,
  allocation_run: `SELECT r.id, p.name || ' · ' || r.month AS name FROM allocation_runs r
                     JOIN programs p ON p.id = r.program_id WHERE r.id IN (SELECT value FROM json_each(?))`,
  report: `SELECT r.id, s.name || ' · ' || r.period || ' v' || r.version AS name FROM reports r
             JOIN suppliers s ON s.id = r.supplier_id WHERE r.id IN (SELECT value FROM json_each(?))`,
  supplier_payment: `SELECT sp.id, s.name || ' · ' || sp.reference AS name FROM supplier_payments sp
                       JOIN suppliers s ON s.id = sp.supplier_id
                      WHERE sp.id IN (SELECT value FROM json_each(?))`,
};

/** Names of the targets on a page, one query per kind of target. */
function targetNames(rows: Row[]) {
  const ids = new Map<string, Set<number>>();
  for (const r of rows) {
    if (!r.targetType || !NAMERS[r.targetType]) continue;
    const id = Number(r.targetId);
    if (!Number.isSafeInteger(id)) continue;
    ids.set(r.targetType, (ids.get(r.targetType) ?? new Set()).add(id));
  }
  const names = new Map<string, string>();
  for (const [type, set] of ids) {
    for (const r of prepared(NAMERS[type]).all(JSON.stringify([...set])) as {
      id: number;
      name: string;
    }[])
      names.set(`${type}:${r.id}`, r.name);
  }
  return names;
}

function parseDetails(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** One page of the log, newest first; `pageSize` 0 reads every matching row (downloads). */
export function auditBook(filter: AuditBookFilter, page = 1, pageSize = 100) {
  const where = whereOf(filter);
  const rows = prepared(
    `SELECT a.id, a.at, a.actor_email AS actorEmail, a.action, a.target_type AS targetType,
            a.target_id AS targetId, a.details, a.ip
       FROM audit_log a WHERE ${where.sql} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
  ).all({
    ...where.params,
    limit: pageSize > 0 ? pageSize : -1,
    offset: pageSize > 0 ? (page - 1) * pageSize : 0,
  }) as Row[];
  const { n } = prepared(`SELECT count(*) AS n FROM audit_log a WHERE ${where.sql}`).get(
    where.params,
  ) as { n: number };
  const names = targetNames(rows);
  return {
    total: n,
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorEmail: r.actorEmail,
      action: r.action,
      target:
        r.targetType === null
          ? null
          : ({
              type: r.targetType,
              id: r.targetId ?? "",
              name: names.get(`${r.targetType}:${r.targetId}`) ?? null,
            } satisfies AuditTarget),
      details: parseDetails(r.details),
      ip: r.ip,
    })),
  };
}

export type AuditBookRow = ReturnType<typeof auditBook>["rows"][number];

/** The actions the log holds, for the filter's choices. */
export function auditActionsSeen(): string[] {
  return (
    prepared(`SELECT DISTINCT action FROM audit_log ORDER BY action`).all() as { action: string }[]
  ).map((r) => r.action);
}
