// Preferred suppliers and their saved column mappings.
import { and, asc, count, eq } from "drizzle-orm";
import { getDb, type Db } from "@db/client.server";
import { columnMappings, suppliers } from "@db/schema";
import type { SupplierInput } from "~/schemas/parties";
import {
  contains,
  limitOf,
  offsetOf,
  orderFor,
  type ListSort,
  type Paging,
} from "./list-order.server";

export type Supplier = typeof suppliers.$inferSelect;

export function listSuppliers(): Supplier[] {
  return getDb().select().from(suppliers).orderBy(asc(suppliers.name)).all();
}

export const SUPPLIER_SORTS = ["name", "currency", "dateOrder", "language", "createdAt"] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];
export type SupplierFilter = { q?: string; currency?: string };

/** The admin's suppliers list: filtered, sorted and paged in SQL (every row without `paging`). */
export function findSuppliers(
  filter: SupplierFilter,
  sorted: ListSort<SupplierSort>,
  paging?: Paging,
) {
  const db = getDb();
  const where = and(
    contains(suppliers.name, filter.q),
    filter.currency ? eq(suppliers.currency, filter.currency) : undefined,
  );
  const rows = db
    .select()
    .from(suppliers)
    .where(where)
    .orderBy(...orderFor(suppliers, sorted, suppliers.id))
    .limit(limitOf(paging))
    .offset(offsetOf(paging))
    .all();
  const total = db.select({ n: count() }).from(suppliers).where(where).get()?.n ?? 0;
  return { rows, total };
}

export function getSupplier(id: number): Supplier | undefined {
  return getDb().select().from(suppliers).where(eq(suppliers.id, id)).get();
}

export function findSupplierByName(name: string): Supplier | undefined {
  return getDb().select().from(suppliers).where(eq(suppliers.name, name)).get();
}

export function createSupplier(db: Db, input: SupplierInput): Supplier {
  return db.insert(suppliers).values(input).returning().get();
}

export function updateSupplier(db: Db, id: number, input: SupplierInput): Supplier {
  return db
    .update(suppliers)
    .set({ ...input, updatedAt: new Date().toISOString() })
    .where(eq(suppliers.id, id))
    .returning()
    .get();
}

export function getColumnMapping(supplierId: number): Record<string, string> {
  const rows = getDb()
    .select()
    .from(columnMappings)
    .where(eq(columnMappings.supplierId, supplierId))
    .all();
  return Object.fromEntries(rows.map((r) => [r.header, r.field]));
}

export function saveColumnMapping(db: Db, supplierId: number, mapping: Record<string, string>) {
  db.delete(columnMappings).where(eq(columnMappings.supplierId, supplierId)).run();
  for (const [header, field] of Object.entries(mapping)) {
    db.insert(columnMappings).values({ supplierId, header, field }).run();
  }
}
