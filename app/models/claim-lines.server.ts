// Accepted claims count (SPEC 5.2): their lines are eligible-candidate lines of their supplier in
// their invoice month, from the next run on. They are few, so runs read them one by one beside
// the report totals, and the engine judges each (category, window, membership, FX) as it judges
// a report line. A claim counts only while `accepted`: a later report holding the invoice turns
// it `reported_later` in the landing transaction, so a purchase is counted once (decision 055).

/** Only the raw connection is used, like line-totals.server.ts. */
type Sql = { $client: import("better-sqlite3").Database };

/** A claim line as the engine reads a line, with its SKU and quantity for components. */
export type ClaimCandidate = {
  memberId: number;
  category: string | null;
  invoiceDate: string;
  amountMinor: number;
  currency: string;
  heldAsDuplicate: false;
  sku: string | null;
  quantity: number | null;
  lineCount: number;
  /** Negative: a claim line's id never meets a report line's in the run's fingerprint. */
  idSum: number;
};

export function acceptedClaimLines(
  db: Sql,
  supplierId: number,
  start: string,
  end: string,
): ClaimCandidate[] {
  const rows = db.$client
    .prepare(
      `SELECT c.member_id AS memberId, l.category, c.invoice_date AS invoiceDate,
              l.amount_minor AS amountMinor, c.currency, l.sku, l.quantity, l.id
         FROM claims c INDEXED BY claims_accepted JOIN claim_lines l ON l.claim_id = c.id
        WHERE c.supplier_id = ? AND c.status = 'accepted' AND c.invoice_date BETWEEN ? AND ?
        ORDER BY l.id`,
    )
    .all(supplierId, start, end) as (Omit<
    ClaimCandidate,
    "heldAsDuplicate" | "lineCount" | "idSum"
  > & {
    id: number;
  })[];
  return rows.map(({ id, ...r }) => ({
    ...r,
    heldAsDuplicate: false,
    lineCount: 1,
    idSum: -id,
  }));
}
