// Member identification (SPEC 5): the queue of unmatched customer keys and their resolution to
// a member (an alias) or as "not a member". A resolution applies to every line with that key.
import { eq } from "drizzle-orm";
import { getDb, inTransaction } from "../../db/client.server";
import { aliases, members, suppliers } from "../../db/schema";
import { normalizeCustomerKey } from "../../imports/values";
import { suggestMatches } from "~/matching/similarity";
import { badRequest, conflict, notFound } from "~/http/errors.server";
import type { Actor } from "~/auth/authorize.server";
import { recordAudit } from "./audit.server";
import { refreshLineTotals, reportsWithKey } from "./line-totals.server";

export interface UnmatchedKey {
  supplierId: number;
  supplierName: string;
  customerKey: string;
  names: string[];
  lines: number;
  amountMinor: number;
  currency: string;
}

/** Lines of active reports that match no member and carry no "not a member" resolution. */
const UNMATCHED_FROM = `
  FROM report_lines l JOIN reports r ON r.id = l.report_id
  JOIN suppliers s ON s.id = l.supplier_id
 WHERE r.status = 'active' AND l.member_id IS NULL
   AND NOT EXISTS (SELECT 1 FROM aliases a
                    WHERE a.supplier_id = l.supplier_id AND a.customer_key = l.customer_key)`;

export function listUnmatched(
  filter: { supplierId?: number; q?: string },
  page: number,
  pageSize: number,
): { rows: UnmatchedKey[]; total: number } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.supplierId) {
    where.push("l.supplier_id = ?");
    params.push(filter.supplierId);
  }
  if (filter.q) {
    where.push("(l.customer_key LIKE ? OR l.customer_name LIKE ?)");
    params.push(`%${normalizeCustomerKey(filter.q)}%`, `%${filter.q}%`);
  }
  const extra = where.map((w) => ` AND ${w}`).join("");
  const sql = getDb().$client;
  const rows = sql
    .prepare(
      `SELECT l.supplier_id AS supplierId, s.name AS supplierName, l.customer_key AS customerKey,
              group_concat(DISTINCT l.customer_name) AS names, count(*) AS lines,
              sum(CASE WHEN l.currency = s.currency THEN l.amount_minor ELSE 0 END) AS amountMinor,
              s.currency AS currency
       ${UNMATCHED_FROM} ${extra}
        GROUP BY l.supplier_id, l.customer_key
        ORDER BY lines DESC, l.supplier_id, l.customer_key
        LIMIT ? OFFSET ?`,
    )
    .all(...params, pageSize, (page - 1) * pageSize) as (Omit<UnmatchedKey, "names"> & {
    names: string | null;
  })[];
  const total = (
    sql
      .prepare(
        `SELECT count(*) AS n FROM (SELECT 1 ${UNMATCHED_FROM} ${extra}
          GROUP BY l.supplier_id, l.customer_key)`,
      )
      .get(...params) as { n: number }
  ).n;
  return {
    rows: rows.map((r) => ({ ...r, names: r.names ? r.names.split(",").slice(0, 5) : [] })),
    total,
  };
}

/** Members whose names look like the names seen for a key: shown, never applied on their own. */
export function suggestionsFor(keys: UnmatchedKey[]) {
  const all = getDb().select({ id: members.id, name: members.name }).from(members).all();
  return new Map(
    keys.map((k) => [`${k.supplierId}:${k.customerKey}`, suggestMatches(k.names, all)]),
  );
}

export type Resolution = { supplierId: number; customerKey: string } & (
  { memberId: number; notMember?: false } | { memberId?: undefined; notMember: true }
);

/**
 * Records the resolution and applies it to every line of that key (unless the key is some
 * member's tax id, which always wins: SPEC 5 rule 1). Returns the key as stored (normalized)
 * and the number of lines matched to the member.
 */
export function resolveCustomerKey(
  actor: Actor,
  input: Resolution,
  ip?: string,
): { customerKey: string; linesMatched: number } {
  const customerKey = normalizeCustomerKey(input.customerKey);
  if (!customerKey) throw badRequest("The customer key is empty.");
  const matched = inTransaction((db) => {
    if (!db.select().from(suppliers).where(eq(suppliers.id, input.supplierId)).get())
      throw notFound("That supplier");
    if (input.memberId !== undefined) {
      if (!db.select().from(members).where(eq(members.id, input.memberId)).get())
        throw notFound("That member");
    }
    const owner = db
      .select({ id: members.id })
      .from(members)
      .where(eq(members.taxIdNormalized, customerKey))
      .get();
    if (owner && owner.id !== input.memberId) {
      throw conflict(
        "key_is_member_tax_id",
        `${customerKey} is the tax id of member #${owner.id}; its lines already count for that member.`,
      );
    }
    const values = {
      supplierId: input.supplierId,
      customerKey,
      memberId: input.memberId ?? null,
      notMember: input.notMember === true,
      createdBy: actor.id,
      createdAt: new Date().toISOString(),
    };
    db.insert(aliases)
      .values(values)
      .onConflictDoUpdate({ target: [aliases.supplierId, aliases.customerKey], set: values })
      .run();
    const changed = db.$client
      .prepare(
        `UPDATE report_lines SET member_id = ? WHERE supplier_id = ? AND customer_key = ?
            AND member_id IS NOT ?`,
      )
      .run(
        owner?.id ?? input.memberId ?? null,
        input.supplierId,
        customerKey,
        owner?.id ?? input.memberId ?? null,
      ).changes;
    if (changed > 0) refreshLineTotals(db, reportsWithKey(db, input.supplierId, customerKey));
    return input.memberId !== undefined ? changed : 0;
  });
  recordAudit(
    actor,
    "alias.resolve",
    { type: "supplier", id: input.supplierId },
    { customerKey, memberId: input.memberId ?? null, notMember: input.notMember === true },
    ip,
  );
  return { customerKey, linesMatched: matched };
}

export function listAliases(supplierId: number) {
  return getDb().select().from(aliases).where(eq(aliases.supplierId, supplierId)).all();
}
