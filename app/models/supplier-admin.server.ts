// Supplier changes made by an admin: validated, audited.
import { inTransaction } from "@db/client.server";
import { conflict } from "./errors";
import { supplierInput } from "~/schemas/parties";
import {
  createSupplier,
  findSupplierByName,
  updateSupplier,
  type Supplier,
} from "./suppliers.server";
import { recordAudit, type AuditActor } from "./audit.server";

export function createSupplierAsAdmin(actor: AuditActor, raw: unknown): Supplier {
  const input = supplierInput.parse(raw);
  if (findSupplierByName(input.name)) {
    throw conflict("supplier_exists", { name: input.name }, [
      { path: "name", reason: "name_taken" },
    ]);
  }
  return inTransaction((db) => {
    const supplier = createSupplier(db, input);
    recordAudit(actor, "supplier.create", { type: "supplier", id: supplier.id }, input);
    return supplier;
  });
}

export function editSupplierAsAdmin(actor: AuditActor, id: number, raw: unknown): Supplier {
  const input = supplierInput.parse(raw);
  const other = findSupplierByName(input.name);
  if (other && other.id !== id) {
    throw conflict("supplier_exists", { name: input.name }, [
      { path: "name", reason: "name_taken" },
    ]);
  }
  return inTransaction((db) => {
    const supplier = updateSupplier(db, id, input);
    recordAudit(actor, "supplier.update", { type: "supplier", id }, input);
    return supplier;
  });
}
