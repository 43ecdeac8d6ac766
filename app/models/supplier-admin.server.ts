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
import { setSupplierTaxIds } from "./supplier-tax-ids.server";
import { supplierPatch } from "~/schemas/claims";
import { getSupplier } from "./suppliers.server";
import { notFound } from "./errors";

export function createSupplierAsAdmin(actor: AuditActor, raw: unknown): Supplier {
  const input = supplierInput.parse(raw);
  if (findSupplierByName(input.name)) {
    throw conflict("supplier_exists", { name: input.name }, [
      { path: "name", reason: "name_taken" },
    ]);
  }
  return inTransaction((db) => {
    const { taxIds, ...row } = input;
    const supplier = createSupplier(db, row);
    if (taxIds) setSupplierTaxIds(db, supplier.id, taxIds);
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
    const { taxIds, ...row } = input;
    const supplier = updateSupplier(db, id, row);
    if (taxIds) setSupplierTaxIds(db, id, taxIds);
    recordAudit(actor, "supplier.update", { type: "supplier", id }, input);
    return supplier;
  });
}

/** PATCH /api/v1/suppliers/:id (SPEC 7): name, date order, language, tax ids; currency stays. */
export function patchSupplierAsAdmin(actor: AuditActor, id: number, raw: unknown): Supplier {
  const current = getSupplier(id);
  if (!current) throw notFound("supplier");
  const patch = supplierPatch.parse(raw);
  if (patch.name) {
    const other = findSupplierByName(patch.name);
    if (other && other.id !== id)
      throw conflict("supplier_exists", { name: patch.name }, [
        { path: "name", reason: "name_taken" },
      ]);
  }
  return inTransaction((db) => {
    const { taxIds, ...fields } = patch;
    const supplier = updateSupplier(db, id, {
      name: fields.name ?? current.name,
      currency: current.currency,
      dateOrder: fields.dateOrder ?? current.dateOrder,
      language: fields.language ?? current.language,
    });
    if (taxIds) setSupplierTaxIds(db, id, taxIds);
    recordAudit(actor, "supplier.update", { type: "supplier", id }, patch);
    return supplier;
  });
}
