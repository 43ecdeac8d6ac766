// Preferred suppliers and their saved column mappings.
import { asc, eq } from "drizzle-orm";
import { getDb, type Db } from "@db/client.server";
import { columnMappings, suppliers } from "@db/schema";
import type { SupplierInput } from "~/schemas/parties";

export type Supplier = typeof suppliers.$inferSelect;

export function listSuppliers(): Supplier[] {
  return getDb().select().from(suppliers).orderBy(asc(suppliers.name)).all();
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
