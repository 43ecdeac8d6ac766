// API bearer tokens: random, shown once, stored as SHA-256.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@db/client.server";
import { apiTokens, users } from "@db/schema";

/** Secrets (API tokens, invitation links) are stored only as their SHA-256. */
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function issueToken(userId: number, name = ""): string {
  const token = `tp_${randomBytes(32).toString("base64url")}`;
  getDb()
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hashToken(token) })
    .run();
  return token;
}

export function userForToken(token: string) {
  const row = getDb()
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
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

export function listTokens(userId: number) {
  return getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .all();
}

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
