// Suppliers' tax ids (SPEC 5.2): an invoice's issuer finds its supplier by the normalized id.
import type { Db } from "@db/client.server";
import { getDb } from "@db/client.server";
import { normalizeTaxId } from "~/schemas/tax-ids";
import { conflict } from "./errors";

/** The supplier's tax ids as typed, in the order given. */
export function supplierTaxIdsOf(supplierId: number, db: Db = getDb()): string[] {
  return db.$client
    .prepare(`SELECT tax_id FROM supplier_tax_ids WHERE supplier_id = ? ORDER BY rowid`)
    .pluck()
    .all(supplierId) as string[];
}

/** Every supplier's tax ids, by supplier id (lists of suppliers). */
export function taxIdsBySupplier(db: Db = getDb()): Map<number, string[]> {
  const rows = db.$client
    .prepare(`SELECT supplier_id AS s, tax_id AS t FROM supplier_tax_ids ORDER BY rowid`)
    .all() as { s: number; t: string }[];
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.s, [...(out.get(r.s) ?? []), r.t]);
  return out;
}

/** The supplier whose tax id this is (normalized here), if any. */
export function supplierIdForTaxId(taxId: string, db: Db = getDb()): number | undefined {
  const id = db.$client
    .prepare(`SELECT supplier_id FROM supplier_tax_ids WHERE tax_id_normalized = ?`)
    .pluck()
    .get(normalizeTaxId(taxId)) as number | undefined;
  return id;
}

/**
 * Replaces the supplier's tax ids (inside the caller's transaction). A tax id of another supplier
 * is a 409 naming it: one issuer, one supplier.
 */
export function setSupplierTaxIds(db: Db, supplierId: number, taxIds: readonly string[]): void {
  const sql = db.$client;
  const owner = sql.prepare(
    `SELECT s.id, s.name FROM supplier_tax_ids t JOIN suppliers s ON s.id = t.supplier_id
      WHERE t.tax_id_normalized = ?`,
  );
  for (const taxId of taxIds) {
    const other = owner.get(normalizeTaxId(taxId)) as { id: number; name: string } | undefined;
    if (other && other.id !== supplierId)
      throw conflict("tax_id_taken", { taxId, otherName: other.name }, [
        { path: "taxIds", reason: "name_taken" },
      ]);
  }
  sql.prepare(`DELETE FROM supplier_tax_ids WHERE supplier_id = ?`).run(supplierId);
  const insert = sql.prepare(
    `INSERT INTO supplier_tax_ids (tax_id_normalized, supplier_id, tax_id) VALUES (?, ?, ?)`,
  );
  for (const taxId of taxIds) insert.run(normalizeTaxId(taxId), supplierId, taxId);
}
