// What suppliers owe per program (posted gross less payments), and supplier payments recorded
// as ledger entries (SPEC 3.4: Dr cash, Cr supplier_receivable) in one transaction each.
import { getDb, inTransaction, type Db } from "@db/client.server";
import { supplierPayments } from "@db/schema";
import { invalid, notFound } from "./errors";
import { supplierPaymentEntry } from "~/refunds/journal";
import { checkSupplierPayment } from "~/refunds/payouts";
import { appendEntry } from "./ledger.server";
import { recordAudit, type AuditActor } from "./audit.server";

export type Receivable = {
  supplierId: number;
  supplierName: string;
  programId: number;
  programName: string;
  currency: string;
  pooledVolumeMinor: number;
  tierIndex: number | null;
  rateBps: number | null;
  lastPostedMonth: string | null;
  postedMinor: number;
  paidMinor: number;
  owedMinor: number;
};

/** Every program (of one supplier, or all), with its posted gross, payments and what is owed. */
export function listReceivables(filter: { supplierId?: number } = {}, db: Db = getDb()) {
  const rows = db.$client
    .prepare(
      `SELECT p.id programId, p.name programName, p.currency, s.id supplierId, s.name supplierName,
         COALESCE((SELECT sum(l.amount_minor) FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
            WHERE l.program_id = p.id AND l.account = 'supplier_receivable:' || s.id AND e.kind = 'allocation'), 0) postedMinor,
         COALESCE((SELECT -sum(l.amount_minor) FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
            WHERE l.program_id = p.id AND l.account = 'supplier_receivable:' || s.id AND e.kind = 'supplier_payment'), 0) paidMinor,
         r.pooled_volume_minor pooledVolumeMinor, r.tier_index tierIndex, r.rate_bps rateBps, r.month lastPostedMonth
       FROM programs p JOIN suppliers s ON s.id = p.supplier_id
       LEFT JOIN allocation_runs r ON r.id = (SELECT max(id) FROM allocation_runs
            WHERE program_id = p.id AND status = 'posted')
       WHERE (@supplierId IS NULL OR s.id = @supplierId)
       ORDER BY s.name, p.start, p.id`,
    )
    .all({ supplierId: filter.supplierId ?? null }) as Omit<Receivable, "owedMinor">[];
  return rows.map((r) => ({
    ...r,
    pooledVolumeMinor: r.pooledVolumeMinor ?? 0,
    owedMinor: r.postedMinor - r.paidMinor,
  }));
}

export type SupplierPaymentInput = {
  programId: number;
  amountMinor: number;
  receivedOn: string;
  reference: string;
  currency?: string;
  overpaymentNote?: string | null;
};

/** Records a payment for a program; more than is owed needs an overpayment note. */
export function recordSupplierPayment(actor: AuditActor, input: SupplierPaymentInput) {
  const id = inTransaction((db) => {
    const owed = listReceivables({}, db).find((r) => r.programId === input.programId);
    if (!owed) throw notFound("program");
    if (input.currency && input.currency !== owed.currency) {
      throw invalid(
        "program_paid_in",
        {
          field: "currency",
          program: owed.programName,
          currency: owed.currency,
          given: input.currency,
        },
        [{ path: "currency", reason: "must_be_currency", params: { currency: owed.currency } }],
      );
    }
    const note = input.overpaymentNote?.trim() || null;
    checkSupplierPayment({
      amountMinor: input.amountMinor,
      owedMinor: owed.owedMinor,
      overpaymentNote: note,
    });
    const payment = db
      .insert(supplierPayments)
      .values({
        supplierId: owed.supplierId,
        programId: owed.programId,
        currency: owed.currency,
        amountMinor: input.amountMinor,
        receivedOn: input.receivedOn,
        reference: input.reference,
        overpaymentNote: note,
        createdBy: actor?.id ?? null,
      })
      .returning({ id: supplierPayments.id })
      .get();
    appendEntry(db, supplierPaymentEntry(owed.supplierId, owed.currency, input.amountMinor), {
      kind: "supplier_payment",
      memo: `Payment ${input.reference} from ${owed.supplierName} for ${owed.programName}`,
      supplierPaymentId: payment.id,
      createdBy: actor?.id ?? null,
      programId: owed.programId,
      supplierId: owed.supplierId,
      month: input.receivedOn.slice(0, 7),
    });
    recordAudit(
      actor,
      "supplier_payment.record",
      { type: "supplier_payment", id: payment.id },
      {
        supplierId: owed.supplierId,
        programId: owed.programId,
        currency: owed.currency,
        amountMinor: input.amountMinor,
        owedBeforeMinor: owed.owedMinor,
        overpaymentNote: note,
      },
    );
    return payment.id;
  });
  return getSupplierPayment(id)!;
}

const PAYMENT_COLUMNS = `sp.id, sp.supplier_id supplierId, s.name supplierName, sp.program_id programId,
  p.name programName, sp.currency, sp.amount_minor amountMinor, sp.received_on receivedOn, sp.reference,
  sp.overpayment_note overpaymentNote, sp.created_at createdAt,
  (SELECT id FROM journal_entries WHERE supplier_payment_id = sp.id) entryId
  FROM supplier_payments sp JOIN suppliers s ON s.id = sp.supplier_id LEFT JOIN programs p ON p.id = sp.program_id`;

export type SupplierPayment = {
  id: number;
  supplierId: number;
  supplierName: string;
  programId: number | null;
  programName: string | null;
  currency: string;
  amountMinor: number;
  receivedOn: string;
  reference: string;
  overpaymentNote: string | null;
  createdAt: string;
  entryId: number | null;
};

export function getSupplierPayment(id: number): SupplierPayment | undefined {
  return getDb().$client.prepare(`SELECT ${PAYMENT_COLUMNS} WHERE sp.id = ?`).get(id) as
    SupplierPayment | undefined;
}

export function listSupplierPayments(filter: { supplierId?: number } = {}): SupplierPayment[] {
  return getDb()
    .$client.prepare(
      `SELECT ${PAYMENT_COLUMNS} WHERE (@supplierId IS NULL OR sp.supplier_id = @supplierId) ORDER BY sp.id DESC LIMIT 500`,
    )
    .all({ supplierId: filter.supplierId ?? null }) as SupplierPayment[];
}
