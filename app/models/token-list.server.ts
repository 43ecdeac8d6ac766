// A user's own API tokens as a list that sorts, filters and downloads (SPEC 6, decision 081), with
// the shared list toolkit: whitelisted sorts, a name search and a status filter, in SQL. The
// columns read are those of `ListedToken`: never a token's hash.
import { and, count, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@db/client.server";
import { apiTokens } from "@db/schema";
import type { ListedToken } from "./api-tokens.server";
import { contains, orderFor, type ListSort } from "./list-order.server";

export const TOKEN_SORTS = ["name", "created", "lastUsed", "expires"] as const;
export type TokenSort = (typeof TOKEN_SORTS)[number];
export const TOKEN_STATUSES = ["active", "expired", "revoked"] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

export type TokenFilter = { q?: string; status?: TokenStatus };
export type TokenRow = ListedToken & { expired: boolean; status: TokenStatus };

function statusWhere(status: TokenStatus | undefined, now: string): SQL | undefined {
  switch (status) {
    case "revoked":
      return isNotNull(apiTokens.revokedAt);
    case "expired":
      return and(
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), lte(apiTokens.expiresAt, now)),
      );
    case "active":
      return and(isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now));
    default:
      return undefined;
  }
}

/** The user's own tokens matching `filter`, in the chosen order (then by id), and how many. */
export function listOwnTokenRows(
  userId: number,
  filter: TokenFilter,
  sorted: ListSort<TokenSort>,
  now = new Date().toISOString(),
): { rows: TokenRow[]; total: number } {
  const db = getDb();
  const where = and(
    eq(apiTokens.userId, userId),
    contains(apiTokens.name, filter.q),
    statusWhere(filter.status, now),
  );
  const rows = db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(where)
    .orderBy(
      ...orderFor(
        {
          name: sql`lower(${apiTokens.name})`,
          created: apiTokens.createdAt,
          // Never-used tokens sort as the oldest use.
          lastUsed: sql`coalesce(${apiTokens.lastUsedAt}, '')`,
          expires: sql`coalesce(${apiTokens.expiresAt}, '')`,
        },
        sorted,
        apiTokens.id,
      ),
    )
    .all()
    .map((t) => {
      const expired = !t.expiresAt || t.expiresAt <= now;
      const status: TokenStatus = t.revokedAt ? "revoked" : expired ? "expired" : "active";
      return { ...t, expired, status };
    });
  const total = db.select({ n: count() }).from(apiTokens).where(where).get()?.n ?? 0;
  return { rows, total };
}
