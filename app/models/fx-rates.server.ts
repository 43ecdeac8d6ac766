// FX rates entered by an admin: 1 unit of `from` = `rate` units of `to` for invoices of `month`.
import { asc } from "drizzle-orm";
import { getDb, inTransaction } from "@db/client.server";
import { fxRates } from "@db/schema";
import { inField } from "~/errors/coded";
import { isDomainError } from "~/refunds/errors";
import { parseRate } from "~/refunds/fx";
import { fxRatesInput } from "~/schemas/programs";
import { recordAudit, type AuditActor } from "./audit.server";
import { refreshCellsInCurrency } from "./program-cells.server";

export type FxRate = {
  month: string;
  from: string;
  to: string;
  rate: string;
  updatedBy: number | null;
  updatedAt: string;
};

const toFxRate = (row: typeof fxRates.$inferSelect): FxRate => ({
  month: row.month,
  from: row.fromCurrency,
  to: row.toCurrency,
  rate: row.rate,
  updatedBy: row.updatedBy,
  updatedAt: row.updatedAt,
});

export function listFxRates(): FxRate[] {
  return getDb()
    .select()
    .from(fxRates)
    .orderBy(asc(fxRates.month), asc(fxRates.fromCurrency), asc(fxRates.toCurrency))
    .all()
    .map(toFxRate);
}

/** Inserts or replaces each rate (by month and currency pair), all or none. */
export function upsertFxRates(actor: AuditActor, raw: unknown): FxRate[] {
  const input = fxRatesInput.parse(raw);
  input.forEach((r, i) => {
    try {
      parseRate(r.rate);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      throw inField(error, `${i}.rate`, { named: true });
    }
  });
  return inTransaction((db) => {
    const saved = input.map((r) =>
      db
        .insert(fxRates)
        .values({
          month: r.month,
          fromCurrency: r.from,
          toCurrency: r.to,
          rate: r.rate,
          updatedBy: actor?.id ?? null,
        })
        .onConflictDoUpdate({
          target: [fxRates.month, fxRates.fromCurrency, fxRates.toCurrency],
          set: {
            rate: r.rate,
            updatedBy: actor?.id ?? null,
            updatedAt: new Date().toISOString(),
          },
        })
        .returning()
        .get(),
    );
    // Cells hold other-currency lines converted at these rates (decision 089).
    for (const currency of new Set(input.map((r) => r.to))) refreshCellsInCurrency(db, currency);
    const months = [...new Set(input.map((r) => r.month))].join(",");
    recordAudit(actor, "fx.upsert", { type: "fx_months", id: months }, { rates: input });
    return saved.map(toFxRate);
  });
}
