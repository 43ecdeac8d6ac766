// Users of the portal and the invitations that bring them in.
import { randomBytes } from "node:crypto";
import { and, asc, eq, gt, isNull } from "drizzle-orm";
import { countRows, getDb, inTransaction, type Db } from "@db/client.server";
import { invitations, users, type Role } from "@db/schema";
import { hashPassword } from "~/crypto/passwords.server";
import { hashToken } from "~/models/api-tokens.server";
import { endAccessOfUser } from "~/models/sessions.server";

export type User = typeof users.$inferSelect;
export type PublicUser = Omit<User, "passwordHash">;

/** SPEC 11: an invitation link is single-use and valid 24 hours. */
const INVITATION_DAYS = 1;

export function findUserByEmail(email: string): User | undefined {
  return getDb().select().from(users).where(eq(users.email, email.trim().toLowerCase())).get();
}

export function getUser(id: number): User | undefined {
  return getDb().select().from(users).where(eq(users.id, id)).get();
}

export function listUsers(): PublicUser[] {
  return getDb()
    .select()
    .from(users)
    .orderBy(asc(users.email))
    .all()
    .map(({ passwordHash: _hidden, ...u }) => u);
}

export type NewUser = {
  email: string;
  password: string;
  name?: string;
  role: Role;
  supplierId?: number | null;
  memberId?: number | null;
};

export async function createUser(db: Db, input: NewUser): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return db
    .insert(users)
    .values({
      email: input.email.trim().toLowerCase(),
      name: input.name ?? "",
      passwordHash,
      role: input.role,
      supplierId: input.role === "supplier" ? input.supplierId : null,
      memberId: input.role === "member" ? input.memberId : null,
    })
    .returning()
    .get();
}

/**
 * A new password ends every session and token of the user, in the same transaction; the session
 * doing the change (`shorten`) ends seconds later instead (the caller re-issues it). Returns how
 * many of each ended.
 */
export async function setPassword(
  userId: number,
  password: string,
  shorten?: { sessionId: string; untilIso: string },
) {
  const passwordHash = await hashPassword(password);
  const nowIso = new Date().toISOString();
  return inTransaction((db) => {
    db.update(users).set({ passwordHash, updatedAt: nowIso }).where(eq(users.id, userId)).run();
    return endAccessOfUser(db, userId, nowIso, shorten);
  });
}

export function setLocale(userId: number, locale: string) {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}

export function changeRole(
  db: Db,
  userId: number,
  role: Role,
  supplierId: number | null,
  memberId: number | null,
) {
  return db
    .update(users)
    .set({ role, supplierId, memberId, updatedAt: new Date().toISOString() })
    .where(eq(users.id, userId))
    .returning()
    .get();
}

/** Disables (ending every session and token) or enables a user; returns how many ended. */
export function setDisabled(db: Db, userId: number, disabled: boolean) {
  const nowIso = new Date().toISOString();
  db.update(users)
    .set({ disabledAt: disabled ? nowIso : null, updatedAt: nowIso })
    .where(eq(users.id, userId))
    .run();
  return disabled ? endAccessOfUser(db, userId, nowIso) : { sessions: 0, tokens: 0 };
}

export type InvitationInput = {
  email: string;
  role: Role;
  supplierId: number | null;
  memberId: number | null;
};

/** Returns the one-time token; only its hash is kept. */
export function createInvitation(input: InvitationInput, invitedBy: number): string {
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000).toISOString();
  getDb()
    .insert(invitations)
    .values({
      ...input,
      email: input.email.toLowerCase(),
      tokenHash: hashToken(token),
      invitedBy,
      expiresAt,
    })
    .run();
  return token;
}

export function openInvitation(token: string) {
  return getDb()
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.tokenHash, hashToken(token)),
        isNull(invitations.usedAt),
        gt(invitations.expiresAt, new Date().toISOString()),
      ),
    )
    .get();
}

export function listInvitations() {
  return getDb().select().from(invitations).orderBy(asc(invitations.id)).all();
}

/** Marks the invitation used; false when someone used it first (a second click). */
export function consumeInvitation(db: Db, id: number): boolean {
  const result = db
    .update(invitations)
    .set({ usedAt: new Date().toISOString() })
    .where(and(eq(invitations.id, id), isNull(invitations.usedAt)))
    .run();
  return result.changes === 1;
}

export function countUsers(): number {
  return countRows(users);
}
