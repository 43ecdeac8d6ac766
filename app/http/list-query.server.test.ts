import { describe, expect, it } from "vitest";
import { likeContains, orderText } from "~/models/list-order.server";
import { formatParam, listQuery, sortParam } from "./list-query.server";

const url = (q: string) => new URL(`http://x/admin/list?${q}`);
const SPEC = { sorts: ["name", "joinedOn"] as const, sort: "name" as const };

describe("sortParam", () => {
  it("takes a whitelisted column and its direction", () => {
    expect(sortParam(url("sort=joinedOn&dir=desc"), SPEC)).toEqual({
      sort: "joinedOn",
      dir: "desc",
    });
    expect(sortParam(url("sort=joinedOn&dir=DESC"), SPEC)).toEqual({
      sort: "joinedOn",
      dir: "asc",
    });
  });

  it("answers anything else with the list's default, never with the text", () => {
    for (const sort of ["name;DROP TABLE members", "__proto__", "toString", "", "NAME"])
      expect(
        sortParam(url(`sort=${encodeURIComponent(sort)}&dir=desc`), { ...SPEC, dir: "desc" }),
      ).toEqual({ sort: "name", dir: "desc" });
    expect(sortParam(url(""), SPEC)).toEqual({ sort: "name", dir: "asc" });
  });

  it("reads a second list's prefixed parameters", () => {
    const list = listQuery(new Request(url("rsort=joinedOn&rdir=desc&rpage=3&sort=name")), {
      ...SPEC,
      prefix: "r",
    });
    expect(list.state).toEqual({
      page: 3,
      pageSize: 50,
      sorted: { sort: "joinedOn", dir: "desc" },
    });
  });
});

describe("listQuery", () => {
  it("bounds the page and the texts, and filters to known values", () => {
    const list = listQuery(
      new Request(url(`page=-4&q=${"x".repeat(300)}&status=paid&other=1&id=12abc&format=xlsx`)),
      SPEC,
    );
    expect(list.paging).toEqual({ page: 1, pageSize: 50 });
    expect(list.q).toHaveLength(100);
    expect(list.oneOf("status", ["draft", "paid"] as const)).toBe("paid");
    expect(list.oneOf("other", ["draft"] as const)).toBeUndefined();
    expect(list.id("id")).toBeUndefined();
    expect(list.format).toBe("xlsx");
    expect(formatParam(url("format=pdf"))).toBe("csv");
  });
});

describe("orderText and likeContains", () => {
  it("orders by the list's own columns, then the tie-breakers ascending", () => {
    const columns = { name: "m.name", scope: ["COALESCE(s.name, m.name)", "u.email"] };
    expect(orderText(columns, { sort: "name", dir: "desc" }, "m.id")).toBe("m.name DESC, m.id ASC");
    expect(orderText(columns, { sort: "scope", dir: "asc" }, "u.id")).toBe(
      "COALESCE(s.name, m.name) ASC, u.email ASC, u.id ASC",
    );
  });

  it("escapes LIKE's wildcards", () => {
    expect(likeContains("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });
});
