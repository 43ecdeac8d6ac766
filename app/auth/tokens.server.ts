// API bearer tokens: random, shown once, stored as SHA-256.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "../../db/client.server";
import { apiTokens, users } from "../../db/schema";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export function issueToken(userId: number, name = ""): string {
  const token = `tp_${randomBytes(32).toString("base64url")}`;
  getDb()
    .insert(apiTokens)
    .values({ userId, name, tokenHash: hash(token) })
    .run();
  return token;
}

export function userForToken(token: string) {
  const row = getDb()
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        eq(apiTokens.tokenHash, hash(token)),
        isNull(apiTokens.revokedAt),
        isNull(users.disabledAt),
      ),
    )
    .get();
  return row?.user ?? null;
}

export function listTokens(userId: number) {
  return getDb()
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
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
