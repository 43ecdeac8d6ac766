// A failed form submission as data the page can show: the message in the reader's language,
// field errors and what was typed.
import { toAnswer } from "./errors.server";
import { readerLocale } from "./reader.server";

export function formFailure(request: Request, error: unknown, values: Record<string, unknown>) {
  const e = toAnswer(error, readerLocale(request));
  const details = Array.isArray(e.details) ? e.details : [{ path: "form", message: e.message }];
  const safeValues = Object.fromEntries(
    Object.entries(values).filter(([k, v]) => typeof v === "string" && !/password/i.test(k)),
  );
  return Response.json(
    { code: e.code, message: e.message, details, values: safeValues },
    { status: e.status },
  );
}
