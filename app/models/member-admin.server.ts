// Member changes made by an admin: validated, one transaction, audited.
import { z } from "zod";
import { inTransaction } from "@db/client.server";
import { normalizeCustomerKey } from "@imports/values";
import { conflict } from "./errors";
import { memberInput } from "~/schemas/parties";
import { findMemberByTaxId, updateMember, upsertMember, type Member } from "./members.server";
import { recordAudit, type AuditActor } from "./audit.server";
import { assertMemberBankAccount } from "./bank-details.server";

export function createMemberAsAdmin(actor: AuditActor, raw: unknown): Member {
  const input = memberInput.parse(raw);
  assertMemberBankAccount(input.country, input.bankAccount);
  if (findMemberByTaxId(input.taxId)) {
    throw conflict("member_exists", { taxId: input.taxId }, [
      { path: "taxId", reason: "tax_id_taken" },
    ]);
  }
  return inTransaction((db) => {
    const { member } = upsertMember(db, input);
    recordAudit(actor, "member.create", { type: "member", id: member.id }, { name: member.name });
    return member;
  });
}

export function editMemberAsAdmin(actor: AuditActor, id: number, raw: unknown): Member {
  const input = memberInput.parse(raw);
  assertMemberBankAccount(input.country, input.bankAccount);
  const other = findMemberByTaxId(input.taxId);
  if (other && other.id !== id) {
    throw conflict("member_exists", { taxId: input.taxId, otherName: other.name }, [
      { path: "taxId", reason: "tax_id_taken" },
    ]);
  }
  return inTransaction((db) => {
    const member = updateMember(db, id, input);
    recordAudit(actor, "member.update", { type: "member", id }, { ...input });
    return member;
  });
}

/** The API's upsert: one object or an array, all or nothing, results in the order given. */
export function upsertMembersAsAdmin(actor: AuditActor, raws: unknown[]) {
  const inputs = z
    .array(memberInput)
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((m, i) => {
        const key = normalizeCustomerKey(m.taxId);
        if (seen.has(key))
          ctx.addIssue({
            code: "custom",
            path: [i, "taxId"],
            message: "tax_id_repeated",
            params: { member: seen.get(key)! + 1 },
          });
        seen.set(key, i);
      });
    })
    .parse(raws);
  return inTransaction((db) =>
    inputs.map((input) => {
      const { member, created } = upsertMember(db, input);
      recordAudit(
        actor,
        created ? "member.create" : "member.update",
        { type: "member", id: member.id },
        { name: member.name },
      );
      return { member, created };
    }),
  );
}
