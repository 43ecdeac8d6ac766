// Aggregates for the dashboards.
import { countRows } from "../../db/client.server";
import { members, suppliers, users } from "../../db/schema";

export function consortiumCounts() {
  return { members: countRows(members), suppliers: countRows(suppliers), users: countRows(users) };
}
