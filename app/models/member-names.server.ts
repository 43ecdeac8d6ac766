// Member names by id, for screens that show ids from other tables (runs, ledger).
import { inArray } from "drizzle-orm";
import { getDb } from "@db/client.server";
import { members } from "@db/schema";

/** `{ id: name }` for the given ids; unknown ids are left out. Chunked to stay under SQLite's variable limit. */
export function memberNamesByIds(ids: number[]): Record<number, string> {
  const unique = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))];
  const names: Record<number, string> = {};
  const db = getDb();
  for (let i = 0; i < unique.length; i += 500) {
    const rows = db
      .select({ id: members.id, name: members.name })
      .from(members)
      .where(inArray(members.id, unique.slice(i, i + 500)))
      .all();
    for (const r of rows) names[r.id] = r.name;
  }
  return names;
}
