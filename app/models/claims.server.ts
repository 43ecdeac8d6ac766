// Member claims (SPEC 5.2): judging each invoice of an upload (the first rule that applies
// decides), writing claims with their lines, and reading them back for members, suppliers and
// admins. Decisions live in claim-decisions.server.ts, uploads in claim-uploads.server.ts.
import type { Db } from "@db/client.server";
import { getDb, prepared } from "@db/client.server";
import type { ClaimOutcome, ClaimReason, ClaimStatus } from "@db/schema";
import { normalizeInvoiceNumber as invoiceKey } from "@imports/claims";
import { normalizeTaxId } from "~/schemas/tax-ids";
import type { ModelErrorCode } from "./errors";
import { claimDeadlineDays } from "./settings.server";

/** What an invoice of an upload became: an outcome, a claim when one was made, a note. */
export type Judged = {
  file: string;
  outcome: ClaimOutcome;
  claimId?: number;
  code?: string;
  params?: Record<string, unknown>;
  supplierId?: number;
  invoiceNumber?: string;
  invoiceDate?: string;
  currency?: string;
  amountMinor?: number;
};

/** An invoice to judge, read from XML or typed by the member. */
export type ClaimCandidate = {
  file: string;
  format: "cfdi" | "nfe" | "typed";
  /** Sale or credit note; anything else is skipped. */
  kind: string;
  issuerTaxId?: string;
  /** The supplier when typed (no issuer tax id). */
  supplierId?: number;
  receiverTaxId?: string;
  invoiceNumber: string;
  /** Every normalized number a report line may carry for it, the claim's own first. */
  numberKeys?: string[];
  documentKey?: string | null;
  invoiceDate: string;
  currency: string;
  amountMinor: number;
  lines: {
    sku?: string | null;
    description?: string | null;
    quantity: number | null;
    amountMinor: number;
  }[];
};

export const addDays = (isoDate: string, days: number) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const SALE_KINDS = new Set(["sale", "credit_note"]);

/** The supplier whose tax id issued an invoice (one look-up on the table's primary key). */
export function supplierOfIssuer(db: Db, issuerTaxId: string): number | undefined {
  return prepared(`SELECT supplier_id FROM supplier_tax_ids WHERE tax_id_normalized = ?`, db)
    .pluck()
    .get(normalizeTaxId(issuerTaxId)) as number | undefined;
}

/**
 * Judges one invoice for `memberId` and writes its claim when it makes one (inside the caller's
 * write transaction). Every statement is prepared once per connection (`prepared`): an upload
 * of 10,000 invoices runs the same dozen statements, never compiles 80,000 (SPEC 9).
 */
export function judgeAndWrite(
  db: Db,
  ctx: { memberId: number; memberTaxKey: string; uploadId: number; today: string },
  c: ClaimCandidate,
): Judged {
  const sql = (text: string) => prepared(text, db);
  const base = {
    file: c.file,
    invoiceNumber: c.invoiceNumber,
    invoiceDate: c.invoiceDate,
    currency: c.currency,
  };
  const refuse = (code: ModelErrorCode, params: Record<string, unknown>, supplierId?: number) =>
    ({ ...base, outcome: "refused", code, params, supplierId }) as Judged;
  if (!SALE_KINDS.has(c.kind))
    return { ...base, outcome: "skipped", code: "invoice_not_a_sale", params: { type: c.kind } };
  const supplierId = c.supplierId ?? supplierOfIssuer(db, c.issuerTaxId ?? "");
  if (!supplierId)
    return {
      ...base,
      outcome: "not_preferred",
      code: "invoice_issuer_not_preferred",
      params: { issuer: c.issuerTaxId ?? "" },
    };
  if (c.receiverTaxId !== undefined && normalizeTaxId(c.receiverTaxId) !== ctx.memberTaxKey)
    return refuse("invoice_addressed_elsewhere", { receiver: c.receiverTaxId }, supplierId);
  const key = c.numberKeys?.[0] ?? invoiceKey(c.invoiceNumber);
  // An invoice is claimed once (SPEC 5.2): by its UUID or access key; a typed claim (no key) by
  // its supplier and normalized number, against every claim and every claim against it.
  const byKey = sql(`SELECT id FROM claims WHERE document_key = ?`).pluck();
  const byNumber = sql(
    `SELECT id FROM claims WHERE supplier_id = ? AND invoice_key = ?
        AND (? OR document_key IS NULL) ORDER BY id LIMIT 1`,
  ).pluck();
  const earlier = (
    c.documentKey
      ? (byKey.get(c.documentKey) ?? byNumber.get(supplierId, key, 0))
      : byNumber.get(supplierId, key, 1)
  ) as number | undefined;
  if (earlier) return refuse("invoice_already_claimed", { claimId: earlier }, supplierId);
  if (c.invoiceDate > ctx.today)
    return refuse("invoice_in_future", { date: c.invoiceDate }, supplierId);
  const inProgram = sql(
    `SELECT 1 FROM programs WHERE supplier_id = ? AND start <= ? AND "end" >= ?`,
  ).get(supplierId, c.invoiceDate, c.invoiceDate);
  if (!inProgram) {
    const supplier = sql(`SELECT name FROM suppliers WHERE id = ?`).pluck().get(supplierId);
    return refuse("invoice_outside_programs", { date: c.invoiceDate, supplier }, supplierId);
  }
  const keys = c.numberKeys?.length ? c.numberKeys : [key];
  let reported: ReturnType<typeof reportedLine>;
  for (const k of keys) if ((reported = reportedLine(db, supplierId, k, ctx.memberId))) break;
  const status: ClaimStatus = reported ? "reported" : "pending";
  const claimId = Number(
    sql(
      `INSERT INTO claims (upload_id, member_id, supplier_id, format, kind, invoice_number,
                           invoice_key, document_key, invoice_date, currency, amount_minor,
                           status, reported_line_id, reported_amount_minor, due_on)
       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ).run(
      ctx.uploadId,
      ctx.memberId,
      supplierId,
      c.format,
      c.kind,
      c.invoiceNumber,
      key,
      c.documentKey ?? null,
      c.invoiceDate,
      c.currency,
      c.amountMinor,
      status,
      reported?.lineId ?? null,
      reported?.amountMinor ?? null,
      // The consortium's deadline for a supplier's answer (settings, SPEC 5.2).
      addDays(ctx.today, claimDeadlineDays(db)),
    ).lastInsertRowid,
  );
  const category = sql(
    `SELECT category FROM supplier_sku_categories WHERE supplier_id = ? AND sku = ?`,
  ).pluck();
  const insertLine = sql(
    `INSERT INTO claim_lines (claim_id, sku, description, category, quantity, amount_minor)
     VALUES (?,?,?,?,?,?)`,
  );
  for (const line of c.lines) {
    const sku = line.sku || null;
    const cat = sku ? ((category.get(supplierId, sku) as string | null | undefined) ?? null) : null;
    insertLine.run(claimId, sku, line.description ?? null, cat, line.quantity, line.amountMinor);
  }
  return {
    ...base,
    outcome: status,
    claimId,
    supplierId,
    amountMinor: c.amountMinor,
  };
}

/**
 * SPEC 5.2's `reported` rule: a line of the supplier's active reports, matched to the member, with
 * the same normalized invoice number. One look-up on report_lines_invoice_key.
 */
export function reportedLine(db: Db, supplierId: number, key: string, memberId: number) {
  const row = prepared(
    `SELECT min(l.id) AS lineId, sum(l.amount_minor) AS amountMinor
       FROM report_lines l INDEXED BY report_lines_invoice_key
       JOIN reports r ON r.id = l.report_id AND r.status = 'active'
      WHERE l.supplier_id = ? AND l.invoice_key = ? AND l.member_id = ?`,
    db,
  ).get(supplierId, key, memberId) as { lineId: number | null; amountMinor: number | null };
  return row.lineId === null ? undefined : { lineId: row.lineId, amountMinor: row.amountMinor! };
}

// ── Reading claims ──

export type ClaimLine = {
  id: number;
  sku: string | null;
  description: string | null;
  category: string | null;
  quantity: number | null;
  amountMinor: number;
};

export type Claim = {
  id: number;
  uploadId: number | null;
  memberId: number;
  memberName: string;
  supplierId: number;
  supplierName: string;
  format: "cfdi" | "nfe" | "typed";
  kind: string;
  invoiceNumber: string;
  documentKey: string | null;
  invoiceDate: string;
  currency: string;
  amountMinor: number;
  status: ClaimStatus;
  reason: ClaimReason | null;
  comment: string | null;
  reportedAmountMinor: number | null;
  dueOn: string;
  decidedAt: string | null;
  createdAt: string;
  hasProof: boolean;
  lines: ClaimLine[];
};

const CLAIM_COLUMNS = `c.id, c.upload_id AS uploadId, c.member_id AS memberId, m.name AS memberName,
  c.supplier_id AS supplierId, s.name AS supplierName, c.format, c.kind,
  c.invoice_number AS invoiceNumber, c.document_key AS documentKey, c.invoice_date AS invoiceDate,
  c.currency, c.amount_minor AS amountMinor, c.status, c.reason, c.comment,
  c.reported_amount_minor AS reportedAmountMinor, c.due_on AS dueOn, c.decided_at AS decidedAt,
  c.created_at AS createdAt,
  EXISTS (SELECT 1 FROM claim_proofs p WHERE p.claim_id = c.id) AS hasProof`;

const CLAIM_FROM = `FROM claims c JOIN members m ON m.id = c.member_id
  JOIN suppliers s ON s.id = c.supplier_id`;

type ClaimRow = Omit<Claim, "lines" | "hasProof"> & { hasProof: number };

function withLines(db: Db, rows: ClaimRow[]): Claim[] {
  if (rows.length === 0) return [];
  const lines = db.$client
    .prepare(
      `SELECT claim_id AS claimId, id, sku, description, category, quantity,
              amount_minor AS amountMinor
         FROM claim_lines WHERE claim_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    )
    .all(JSON.stringify(rows.map((r) => r.id))) as (ClaimLine & { claimId: number })[];
  const byClaim = new Map<number, ClaimLine[]>();
  for (const { claimId, ...line } of lines)
    byClaim.set(claimId, [...(byClaim.get(claimId) ?? []), line]);
  return rows.map((r) => ({ ...r, hasProof: r.hasProof === 1, lines: byClaim.get(r.id) ?? [] }));
}

export function getClaim(id: number, db: Db = getDb()): Claim | undefined {
  const row = db.$client.prepare(`SELECT ${CLAIM_COLUMNS} ${CLAIM_FROM} WHERE c.id = ?`).get(id) as
    ClaimRow | undefined;
  return row ? withLines(db, [row])[0] : undefined;
}

export type ClaimFilter = {
  status?: ClaimStatus;
  statuses?: readonly ClaimStatus[];
  supplierId?: number;
  memberId?: number;
  /** Invoice month, YYYY-MM. */
  month?: string;
};

export const CLAIMS_PAGE_SIZE = 50;

/**
 * A page of claims, newest first, with the total found. Each filter goes through an index
 * (supplier and status, member, status), and the page is read by id, so a page of 100,000
 * claims costs what a page costs.
 */
export function listClaims(
  filter: ClaimFilter,
  page = 1,
  pageSize = CLAIMS_PAGE_SIZE,
  db: Db = getDb(),
): { rows: Claim[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  const statuses = filter.status ? [filter.status] : filter.statuses;
  if (statuses?.length) {
    where.push(`c.status IN (${statuses.map(() => "?").join(",")})`);
    params.push(...statuses);
  }
  if (filter.supplierId) {
    where.push(`c.supplier_id = ?`);
    params.push(filter.supplierId);
  }
  if (filter.memberId) {
    where.push(`c.member_id = ?`);
    params.push(filter.memberId);
  }
  if (filter.month) {
    where.push(`c.invoice_date BETWEEN ? AND ?`);
    params.push(`${filter.month}-01`, `${filter.month}-31`);
  }
  const cond = where.length ? `WHERE ${where.join(" AND ")}` : "";
  const total = db.$client
    .prepare(`SELECT count(*) FROM claims c ${cond}`)
    .pluck()
    .get(...params) as number;
  const rows = db.$client
    .prepare(
      `SELECT ${CLAIM_COLUMNS} ${CLAIM_FROM}
        WHERE c.id IN (SELECT c.id FROM claims c ${cond} ORDER BY c.id DESC LIMIT ? OFFSET ?)
        ORDER BY c.id DESC`,
    )
    .all(...params, pageSize, (page - 1) * pageSize) as ClaimRow[];
  return { rows: withLines(db, rows), total };
}

/** Pending claims of a supplier (its dashboard). */
export function pendingClaimCount(supplierId: number, db: Db = getDb()): number {
  return db.$client
    .prepare(`SELECT count(*) FROM claims WHERE supplier_id = ? AND status = 'pending'`)
    .pluck()
    .get(supplierId) as number;
}

/** A claim as SPEC 7 answers it. */
export function claimForApi(c: Claim) {
  return {
    id: c.id,
    memberId: c.memberId,
    supplierId: c.supplierId,
    invoiceNumber: c.invoiceNumber,
    ...(c.format === "cfdi" && c.documentKey ? { uuid: c.documentKey } : {}),
    ...(c.format === "nfe" && c.documentKey ? { accessKey: c.documentKey } : {}),
    invoiceDate: c.invoiceDate,
    currency: c.currency,
    amountMinor: c.amountMinor,
    status: c.status,
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.comment ? { comment: c.comment } : {}),
    ...(c.reportedAmountMinor !== null ? { reportedAmountMinor: c.reportedAmountMinor } : {}),
    lines: c.lines.map((l) => ({
      sku: l.sku ?? "",
      category: l.category ?? "",
      quantity: l.quantity ?? 0,
      amountMinor: l.amountMinor,
    })),
  };
}

/** A member's accepted claims invoiced in a month range: the statement marks them "claimed". */
export type ClaimedPurchase = {
  id: number;
  supplierName: string;
  invoiceNumber: string;
  invoiceDate: string;
  currency: string;
  amountMinor: number;
};

export function claimedPurchases(
  memberId: number,
  from: string,
  to: string,
  db: Db = getDb(),
): ClaimedPurchase[] {
  return db.$client
    .prepare(
      `SELECT c.id, s.name AS supplierName, c.invoice_number AS invoiceNumber,
              c.invoice_date AS invoiceDate, c.currency, c.amount_minor AS amountMinor
         FROM claims c INDEXED BY claims_member JOIN suppliers s ON s.id = c.supplier_id
        WHERE c.member_id = ? AND c.status = 'accepted' AND c.invoice_date BETWEEN ? AND ?
        ORDER BY c.invoice_date, c.id`,
    )
    .all(memberId, `${from}-01`, `${to}-31`) as ClaimedPurchase[];
}
