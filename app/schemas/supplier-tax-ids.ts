// A supplier's tax ids (SPEC 5.2): normalized like customer keys, so an invoice's issuer finds
// its supplier. Shared by the supplier input (forms, POST) and the PATCH of SPEC 7.
import { z } from "zod";
import { normalizeTaxId, taxId } from "./tax-ids";

/** At most this many tax ids per supplier. */
export const MAX_SUPPLIER_TAX_IDS = 20;

/**
 * A supplier's tax ids: a list (API) or text with one per line or comma (form); each refused
 * like a member's, kept as typed (NFKC), once per normalized key.
 */
export const supplierTaxIds = z.preprocess(
  (v) =>
    typeof v === "string"
      ? v
          .split(/[\n,;]+/)
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z
    .array(taxId)
    .max(MAX_SUPPLIER_TAX_IDS, "too_many_items")
    .transform((ids) => {
      const seen = new Map<string, string>();
      for (const id of ids) if (!seen.has(normalizeTaxId(id))) seen.set(normalizeTaxId(id), id);
      return [...seen.values()];
    }),
);
