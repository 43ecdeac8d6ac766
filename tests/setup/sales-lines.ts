// One sales line for the engine's tests: a USD camera sale, not held as a duplicate, unless the
// test says otherwise.
import type { ComponentLine } from "~/refunds/sales";

export function saleLine(
  invoiceDate: string,
  memberId: number | null,
  amountMinor: number,
  extra: Partial<ComponentLine> = {},
): ComponentLine {
  return {
    invoiceDate,
    memberId,
    amountMinor,
    currency: "USD",
    category: "Cameras",
    heldAsDuplicate: false,
    ...extra,
  };
}
