// Member firms: listing at scale, upsert by normalized tax id, and keeping line matches current.
import { and, asc, eq, isNotNull, isNull, like, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@db/client.server";
import { preparedQuery } from "@db/read-cache.server";
import { members, reportLines } from "@db/schema";
import { normalizeCustomerKey } from "@imports/values";
import { refreshLineTotals } from "./line-totals.server";
import {
  contains,
  likeEscaped,
  limitOf,
  offsetOf,
  orderFor,
  type SortDir,
} from "./list-order.server";
import type { MemberInput } from "~/schemas/parties";

export type Member = typeof members.$inferSelect;

export const MEMBER_SORTS = ["name", "taxId", "country", "joinedOn", "leftOn", "id"] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
/** Members still in the consortium, or those who left. */
export const MEMBER_STATES = ["active", "left"] as const;
export type MemberQuery = {
  q?: string;
  country?: string;
  state?: (typeof MEMBER_STATES)[number];
  sort?: MemberSort;
  dir?: SortDir;
  /** Left out: every matching member (a download). */
  page?: number;
  pageSize?: number;
};

export function listMembers(query: MemberQuery) {
  const db = getDb();
  const q = query.q?.trim();
  const cond = and(
    q
      ? or(
          contains(members.name, q),
          like(members.taxIdNormalized, `%${likeEscaped(normalizeCustomerKey(q))}%`),
        )
      : undefined,
    query.country ? eq(members.country, query.country.toUpperCase()) : undefined,
    query.state === "active" ? isNull(members.leftOn) : undefined,
    query.state === "left" ? isNotNull(members.leftOn) : undefined,
  );
  const paging =
    query.page && query.pageSize ? { page: query.page, pageSize: query.pageSize } : undefined;
  const rows = db
    .select()
    .from(members)
    .where(cond)
    .orderBy(
      ...orderFor(
        {
          name: members.name,
          taxId: members.taxIdNormalized,
          country: members.country,
          joinedOn: members.joinedOn,
          leftOn: members.leftOn,
          id: members.id,
        },
        { sort: query.sort ?? "name", dir: query.dir ?? "asc" },
        members.id,
      ),
    )
    .limit(limitOf(paging))
    .offset(offsetOf(paging))
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(members)
      .where(cond)
      .get()?.n ?? 0;
  return { rows, total };
}

const memberById = preparedQuery((db) =>
  db
    .select()
    .from(members)
    .where(eq(members.id, sql.placeholder("id")))
    .prepare(),
);

export function getMember(id: number): Member | undefined {
  return memberById().get({ id });
}

export function allMemberNames(limit = 500) {
  return getDb()
    .select({ id: members.id, name: members.name })
    .from(members)
    .orderBy(asc(members.name))
    .limit(limit)
    .all();
}

export function findMemberByTaxId(taxId: string): Member | undefined {
  return getDb()
    .select()
    .from(members)
    .where(eq(members.taxIdNormalized, normalizeCustomerKey(taxId)))
    .get();
}

/** Creates or updates the member with this tax id; returns it and whether it was new. */
export function upsertMember(db: Db, input: MemberInput): { member: Member; created: boolean } {
  const taxIdNormalized = normalizeCustomerKey(input.taxId);
  const existing = db
    .select()
    .from(members)
    .where(eq(members.taxIdNormalized, taxIdNormalized))
    .get();
  const values = { ...input, taxIdNormalized, updatedAt: new Date().toISOString() };
  const member = existing
    ? db.update(members).set(values).where(eq(members.id, existing.id)).returning().get()
    : db.insert(members).values(values).returning().get();
  if (!existing) matchLinesToNewMember(db, member);
  return { member, created: !existing };
}

/** Updates a member by id; the tax id may change only to one no other member has. */
export function updateMember(db: Db, id: number, input: MemberInput): Member {
  const taxIdNormalized = normalizeCustomerKey(input.taxId);
  const member = db
    .update(members)
    .set({ ...input, taxIdNormalized, updatedAt: new Date().toISOString() })
    .where(eq(members.id, id))
    .returning()
    .get();
  matchLinesToNewMember(db, member);
  return member;
}

/** Lines carrying this member's tax id that were unmatched now count for it (SPEC 5, rule 1). */
function matchLinesToNewMember(db: Db, member: Member) {
  const changed = db
    .update(reportLines)
    .set({ memberId: member.id })
    .where(and(eq(reportLines.customerKey, member.taxIdNormalized), isNull(reportLines.memberId)))
    .returning({ reportId: reportLines.reportId })
    .all();
  if (changed.length > 0)
    refreshLineTotals(
      db,
      changed.map((c) => c.reportId),
    );
}
