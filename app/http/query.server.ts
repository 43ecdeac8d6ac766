// Reading list parameters (page, sort, direction, filters) from a URL, with safe bounds.

export function pageParams(request: Request, pageSize = 50) {
  const url = new URL(request.url);
  const page = Math.max(
    1,
    Math.min(1_000_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1),
  );
  return {
    url,
    page,
    pageSize,
    dir: url.searchParams.get("dir") === "desc" ? ("desc" as const) : ("asc" as const),
  };
}

/** `value` if it is one of `allowed`, else undefined. */
export function oneOf<T extends string>(
  value: string | null,
  allowed: readonly T[],
): T | undefined {
  return allowed.includes(value as T) ? (value as T) : undefined;
}

/** A positive integer id from a route param; anything else is a 404, never a query. */
export function idParam(value: string | undefined): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new Response("Not found", { status: 404 });
  return id;
}
