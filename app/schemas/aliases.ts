// Resolving a supplier's customer key to a member or as "not a member": the API's two bodies,
// and the matching screen's form, whose intent says which of the two it sends.
import { z } from "zod";
import { positiveId } from "./ids";

const key = { supplierId: positiveId, customerKey: z.string().trim().min(1).max(100) };
const toMember = z.object({ ...key, memberId: positiveId });
const asNotMember = z.object({ ...key, notMember: z.literal(true) });

export const aliasResolution = z.union([toMember, asNotMember]);

/** `everySupplier`: resolve the key at every supplier whose queue holds it (decision 082). */
const everySupplier = { everySupplier: z.literal("1").optional() };

export const aliasResolutionForm = z.discriminatedUnion("intent", [
  toMember.extend({ intent: z.literal("member"), ...everySupplier }),
  z.object({ ...key, intent: z.literal("notMember"), ...everySupplier }),
]);
