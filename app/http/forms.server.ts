// A failed form submission as data the page can show: the message, field errors and what was typed.
import { toHttpError } from "./errors.server";

export function formFailure(error: unknown, values: Record<string, unknown>) {
  const e = toHttpError(error);
  const details = Array.isArray(e.details) ? e.details : [{ path: "form", message: e.message }];
  const safeValues = Object.fromEntries(
    Object.entries(values).filter(([k, v]) => typeof v === "string" && !/password/i.test(k)),
  );
  return Response.json(
    { code: e.code, message: e.message, details, values: safeValues },
    { status: e.status },
  );
}
