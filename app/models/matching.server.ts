// Member identification (SPEC 5): the queue of unmatched customer keys and their resolution to
// a member (an alias) or as "not a member". A resolution applies to every line with that key.
import { eq } from "drizzle-orm";
import { orderText, type ListSort } from "./list-order.server";
import { getDb, inTransaction, prepared } from "@db/client.server";
import { aliases, members, suppliers } from "@db/schema";
import { normalizeCustomerKey } from "@imports/values";
import { nameMatcher } from "~/matching/similarity";
import { conflict, invalid, notFound } from "./errors";
import type { Actor } from "~/auth/authorize.server";
import { recordAudit } from "./audit.server";
import { refreshLineTotals, reportsWithKey } from "./line-totals.server";
import { onKeyMatched } from "./claim-landing.server";

export interface UnmatchedKey {
  supplierId: number;
  supplierName: string;
  customerKey: string;
  names: string[];
  lines: number;
  amountMinor: number;
  currency: string;
  /** How many other suppliers' queues hold the same key. */
  alsoWaitingAt: number;
}

/** `%` and `_` typed by the admin are searched as themselves. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Keys of unmatched lines of active reports without a resolution, most lines first. Reads the
 * partial index `report_lines_unmatched` (unmatched lines only), so the cost follows what is
 * unmatched, not every line ever reported. A search matches the key or any name seen for it,
 * and a key found keeps all its lines in its figures.
 */
export const UNMATCHED_SORTS = ["lines", "amount", "supplier", "key"] as const;
export type UnmatchedSort = (typeof UNMATCHED_SORTS)[number];
const UNMATCHED_ORDER: Record<UnmatchedSort, string> = {
  lines: "lines",
  amount: "amountMinor",
  supplier: "s.name",
  key: "l.customer_key",
};

/** A page of unmatched keys (every one when `pageSize` is 0), most lines first unless sorted. */
export function listUnmatched(
  filter: { supplierId?: number; q?: string },
  page: number,
  pageSize: number,
  sorted: ListSort<UnmatchedSort> = { sort: "lines", dir: "desc" },
): { rows: UnmatchedKey[]; total: number } {
  const where: string[] = [];
  const having: string[] = [];
  const params: (string | number)[] = [];
  const havingParams: string[] = [];
  if (filter.supplierId) {
    where.push("l.supplier_id = ?");
    params.push(filter.supplierId);
  }
  const q = filter.q?.trim();
  if (q) {
    const key = normalizeCustomerKey(q);
    const found = ["max(l.customer_name LIKE ? ESCAPE '\\')"];
    havingParams.push(likePattern(q));
    if (key) {
      found.push("l.customer_key LIKE ? ESCAPE '\\'");
      havingParams.push(likePattern(key));
    }
    having.push(`(${found.join(" OR ")})`);
  }
  const sql = getDb().$client;
  const grouped = `
    FROM report_lines AS l INDEXED BY report_lines_unmatched
    JOIN reports r ON r.id = l.report_id
    JOIN suppliers s ON s.id = l.supplier_id
   WHERE l.member_id IS NULL AND r.status = 'active'
     AND NOT EXISTS (SELECT 1 FROM aliases a
                      WHERE a.supplier_id = l.supplier_id AND a.customer_key = l.customer_key)
     ${where.map((w) => `AND ${w}`).join(" ")}
   GROUP BY l.supplier_id, l.customer_key
   ${having.length ? `HAVING ${having.join(" AND ")}` : ""}`;
  const rows = sql
    .prepare(
      `SELECT l.supplier_id AS supplierId, s.name AS supplierName, l.customer_key AS customerKey,
              count(*) AS lines,
              sum(CASE WHEN l.currency = s.currency THEN l.amount_minor ELSE 0 END) AS amountMinor,
              s.currency AS currency, count(*) OVER () AS total
       ${grouped}
       ORDER BY ${orderText(UNMATCHED_ORDER, sorted, "l.supplier_id", "l.customer_key")}
       LIMIT ? OFFSET ?`,
    )
    .all(
      ...params,
      ...havingParams,
      pageSize > 0 ? pageSize : -1,
      pageSize > 0 ? (page - 1) * pageSize : 0,
    ) as (Omit<UnmatchedKey, "names" | "alsoWaitingAt"> & { total: number })[];
  // Past the last page there is no row to carry the total: count the groups instead.
  const total =
    rows[0]?.total ??
    (page > 1
      ? (
          sql
            .prepare(`SELECT count(*) AS n FROM (SELECT 1 ${grouped})`)
            .get(...params, ...havingParams) as { n: number }
        ).n
      : 0);
  const namesOf = sql.prepare(
    `SELECT l.customer_name AS name FROM report_lines l JOIN reports r ON r.id = l.report_id
      WHERE l.customer_key = ? AND l.supplier_id = ? AND l.member_id IS NULL
        AND r.status = 'active' AND l.customer_name IS NOT NULL AND l.customer_name <> ''
      GROUP BY l.customer_name ORDER BY count(*) DESC, l.customer_name LIMIT 5`,
  );
  return {
    rows: rows.map(({ total: _total, ...r }) => ({
      ...r,
      names: (namesOf.all(r.customerKey, r.supplierId) as { name: string }[]).map((n) => n.name),
      alsoWaitingAt: otherSuppliersWaiting(r.customerKey, r.supplierId).length,
    })),
    total,
  };
}

/**
 * The other suppliers whose matching queue holds the same key: a tax id names one firm at every
 * supplier, so the admin may resolve it at all of them at once (issue 15, decision 082).
 */
export function otherSuppliersWaiting(customerKey: string, supplierId: number): number[] {
  return prepared(
    `SELECT DISTINCT l.supplier_id FROM report_lines l JOIN reports r ON r.id = l.report_id
      WHERE l.member_id IS NULL AND r.status = 'active' AND l.customer_key = ?
        AND l.supplier_id <> ?
        AND NOT EXISTS (SELECT 1 FROM aliases a
                         WHERE a.supplier_id = l.supplier_id AND a.customer_key = l.customer_key)
      ORDER BY l.supplier_id`,
  )
    .pluck()
    .all(customerKey, supplierId) as number[];
}

let matcher: { stamp: string; match: ReturnType<typeof nameMatcher<{ id: number; name: string }>> };

/** The name matcher over all members, rebuilt only when a member is added or changed. */
function memberMatcher() {
  const sql = getDb().$client;
  const { stamp } = sql
    .prepare(`SELECT count(*) || ':' || max(id) || ':' || max(updated_at) AS stamp FROM members`)
    .get() as { stamp: string | null };
  if (matcher?.stamp !== (stamp ?? "")) {
    const all = getDb().select({ id: members.id, name: members.name }).from(members).all();
    matcher = { stamp: stamp ?? "", match: nameMatcher(all) };
  }
  return matcher.match;
}

/** Members whose names look like the names seen for a key: shown, never applied on their own. */
export function suggestionsFor(keys: UnmatchedKey[]) {
  const match = memberMatcher();
  return new Map(keys.map((k) => [`${k.supplierId}:${k.customerKey}`, match(k.names)]));
}

export type Resolution = { supplierId: number; customerKey: string } & (
  { memberId: number; notMember?: false } | { memberId?: undefined; notMember: true }
);

/**
 * Records the resolution and applies it to every line of that key (unless the key is some
 * member's tax id, which always wins: SPEC 5 rule 1). In the same transaction, claims those
 * lines now hold turn `reported_later` (SPEC 5.2: the line counts, once; the audit row counts
 * them). Returns the key as stored (normalized) and the number of lines matched to the member.
 */
export function resolveCustomerKey(
  actor: Actor,
  input: Resolution,
  ip?: string,
): { customerKey: string; linesMatched: number } {
  const customerKey = normalizeCustomerKey(input.customerKey);
  if (!customerKey) throw invalid("customer_key_empty");
  const { matched, claimsReportedLater } = inTransaction((db) => {
    if (!db.select().from(suppliers).where(eq(suppliers.id, input.supplierId)).get())
      throw notFound("supplier");
    if (input.memberId !== undefined) {
      if (!db.select().from(members).where(eq(members.id, input.memberId)).get())
        throw notFound("member");
    }
    const owner = db
      .select({ id: members.id })
      .from(members)
      .where(eq(members.taxIdNormalized, customerKey))
      .get();
    if (owner && owner.id !== input.memberId) {
      throw conflict("key_is_member_tax_id", { customerKey, memberId: owner.id });
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
    let claimsReportedLater = 0;
    if (changed > 0) {
      const reports = reportsWithKey(db, input.supplierId, customerKey);
      refreshLineTotals(db, reports);
      claimsReportedLater = onKeyMatched(db, input.supplierId, reports);
    }
    return { matched: input.memberId !== undefined ? changed : 0, claimsReportedLater };
  });
  recordAudit(
    actor,
    "alias.resolve",
    { type: "supplier", id: input.supplierId },
    {
      customerKey,
      memberId: input.memberId ?? null,
      notMember: input.notMember === true,
      ...(claimsReportedLater > 0 ? { claimsReportedLater } : {}),
    },
    ip,
  );
  return { customerKey, linesMatched: matched };
}

export function listAliases(supplierId: number) {
  return getDb().select().from(aliases).where(eq(aliases.supplierId, supplierId)).all();
}
