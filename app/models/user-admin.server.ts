// User administration: creating users, invitations and role changes, each validated and audited.
import { z } from "zod";
import { getDb, inTransaction } from "@db/client.server";
import { hashPassword } from "~/crypto/passwords.server";
import { conflict, invalid, notFound } from "./errors";
import { email as emailSchema, userInput } from "~/schemas/parties";
import { deleteSessionsOfUser } from "./sessions.server";
import { getMember } from "./members.server";
import { getSupplier } from "./suppliers.server";
import {
  changeRole,
  consumeInvitation,
  createInvitation,
  createUser,
  findUserByEmail,
  getUser,
  openInvitation,
  setDisabled,
} from "./users.server";
import { recordAudit, type AuditActor } from "./audit.server";
import { mailInvitation } from "./invitation-mail.server";

function assertScopeExists(role: string, supplierId?: number | null, memberId?: number | null) {
  if (role === "supplier" && !getSupplier(supplierId ?? 0))
    throw invalid("supplier_missing", {}, [{ path: "supplierId", reason: "does_not_exist" }]);
  if (role === "member" && !getMember(memberId ?? 0))
    throw invalid("member_missing", {}, [{ path: "memberId", reason: "does_not_exist" }]);
}

export async function createUserAsAdmin(actor: AuditActor, raw: unknown) {
  const input = userInput.parse(raw);
  assertScopeExists(input.role, input.supplierId, input.memberId);
  if (findUserByEmail(input.email)) throw conflict("user_exists", { email: input.email });
  const user = await createUser(getDb(), input);
  recordAudit(
    actor,
    "user.create",
    { type: "user", id: user.id },
    { email: user.email, role: user.role, supplierId: user.supplierId, memberId: user.memberId },
  );
  return user;
}

const invitationInput = z.object({
  email: emailSchema,
  role: z.enum(["admin", "supplier", "member"]),
  supplierId: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().positive().optional(),
  ),
  memberId: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().positive().optional(),
  ),
});

export function inviteUser(actor: AuditActor & object, raw: unknown): string {
  const input = invitationInput.parse(raw);
  assertScopeExists(input.role, input.supplierId, input.memberId);
  if (findUserByEmail(input.email)) throw conflict("user_exists", { email: input.email });
  const token = createInvitation(
    {
      email: input.email,
      role: input.role,
      supplierId: input.role === "supplier" ? input.supplierId! : null,
      memberId: input.role === "member" ? input.memberId! : null,
    },
    actor.id,
  );
  mailInvitation({ token, email: input.email, role: input.role, invitedBy: actor.id });
  recordAudit(
    actor,
    "invitation.create",
    { type: "invitation", id: input.email },
    { role: input.role },
  );
  return token;
}

const acceptInput = z.object({
  name: z.string().trim().max(200).default(""),
  password: userInput.innerType().shape.password,
});

/** Creates the invited user; a used, expired or unknown token is refused and changes nothing. */
export async function acceptInvitation(token: string, raw: unknown) {
  const input = acceptInput.parse(raw);
  const invitation = openInvitation(token);
  if (!invitation) throw conflict("invitation_invalid");
  const hash = await hashPassword(input.password);
  return inTransaction((db) => {
    if (!consumeInvitation(db, invitation.id)) throw conflict("invitation_used");
    if (findUserByEmail(invitation.email))
      throw conflict("user_exists", { email: invitation.email });
    const user = db.$client
      .prepare(
        "INSERT INTO users (email, name, password_hash, role, supplier_id, member_id) VALUES (?, ?, ?, ?, ?, ?) RETURNING id, role, email",
      )
      .get(
        invitation.email,
        input.name,
        hash,
        invitation.role,
        invitation.supplierId,
        invitation.memberId,
      ) as { id: number; role: string; email: string };
    recordAudit(
      { id: user.id, email: user.email },
      "invitation.accept",
      { type: "user", id: user.id },
      { role: user.role },
    );
    return user;
  });
}

const roleInput = z.object({
  role: z.enum(["admin", "supplier", "member"]),
  supplierId: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().positive().optional(),
  ),
  memberId: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int().positive().optional(),
  ),
});

/** Changing a role ends the user's sessions, so the new rights apply at once. */
export function changeUserRole(actor: AuditActor & object, userId: number, raw: unknown) {
  const input = roleInput.parse(raw);
  const user = getUser(userId);
  if (!user) throw notFound("user");
  if (user.id === actor.id && input.role !== "admin") throw invalid("own_admin_role");
  assertScopeExists(input.role, input.supplierId, input.memberId);
  return inTransaction((db) => {
    const updated = changeRole(
      db,
      userId,
      input.role,
      input.role === "supplier" ? input.supplierId! : null,
      input.role === "member" ? input.memberId! : null,
    );
    deleteSessionsOfUser(userId);
    recordAudit(
      actor,
      "user.role_change",
      { type: "user", id: userId },
      {
        from: user.role,
        to: input.role,
        supplierId: updated.supplierId,
        memberId: updated.memberId,
      },
    );
    return updated;
  });
}

/**
 * Disabling a user ends every session and token they have; they cannot sign in until enabled
 * again (their old tokens stay revoked). An admin cannot disable themself.
 */
export function setUserDisabled(actor: AuditActor & object, userId: number, disabled: boolean) {
  const user = getUser(userId);
  if (!user) throw notFound("user");
  if (user.id === actor.id) throw invalid("own_account_disable");
  return inTransaction((db) => {
    const ended = setDisabled(db, userId, disabled);
    recordAudit(
      actor,
      disabled ? "user.disable" : "user.enable",
      { type: "user", id: userId },
      disabled
        ? { email: user.email, sessionsEnded: ended.sessions, tokensRevoked: ended.tokens }
        : { email: user.email },
    );
    return { email: user.email, disabled };
  });
}
