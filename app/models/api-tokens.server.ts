// API bearer tokens: random, shown once, stored as SHA-256, each with an expiry (decision 041).
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { getDb } from "@db/client.server";
import { apiTokens, users } from "@db/schema";

/** Secrets (API tokens, invitation links) are stored only as their SHA-256. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new token for the user, working until `expiresAt`; the secret is returned only here. */
export function issueToken(userId: number, name: string, expiresAt: string) {
  const token = `tp_${randomBytes(32).toString("base64url")}`;
  const row = getDb()
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hashToken(token), expiresAt })
    .returning({ id: apiTokens.id, expiresAt: apiTokens.expiresAt })
    .get();
  return { id: row.id, token, expiresAt: row.expiresAt! };
}

/** The token's (enabled) user, while the token is neither revoked nor expired. */
export function userForToken(token: string, nowIso = new Date().toISOString()) {
  const row = getDb()
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, nowIso),
        isNull(users.disabledAt),
      ),
    )
    .get();
  if (row) touchToken(row.tokenId, row.lastUsedAt);
  return row?.user ?? null;
}

/** Notes when a token was last used, at most once a minute (a write per API call is waste). */
function touchToken(tokenId: number, lastUsedAt: string | null) {
  const now = new Date();
  if (lastUsedAt && now.getTime() - Date.parse(lastUsedAt) < 60_000) return;
  getDb()
    .update(apiTokens)
    .set({ lastUsedAt: now.toISOString() })
    .where(eq(apiTokens.id, tokenId))
    .run();
}

const listed = {
  id: apiTokens.id,
  name: apiTokens.name,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
};

export type ListedToken = {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

/** The user's own tokens, newest first (never their secrets). */
export function listTokens(userId: number): ListedToken[] {
  return getDb()
    .select(listed)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.id))
    .all();
}

/** One of the user's own tokens; someone else's is as good as missing. */
export function getOwnToken(userId: number, tokenId: number): ListedToken | undefined {
  return getDb()
    .select(listed)
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .get();
}

/** Revokes one of the user's own tokens; false when it is not theirs or already revoked. */
export function revokeToken(userId: number, tokenId: number): boolean {
  const result = getDb()
    .update(apiTokens)
    .set({ revokedAt: new Date().toISOString() })
    .where(
      and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)),
    )
    .run();
  return result.changes === 1;
}
