// Who reads an answer, so refusals come in their language: the signed-in user's setting, else
// the language the client asks for, else the default of the channel (English for the API,
// Spanish for pages, as the pages themselves).
import { acceptedLocale, settingLocale, type Locale } from "~/i18n/locale";

const readers = new WeakMap<Request, string | null>();

/** Called once the request's user is known (by authorize). */
export function rememberReader(request: Request, user: { locale: string | null }) {
  readers.set(request, user.locale);
}

export function readerLocale(request: Request): Locale {
  const fallback: Locale = new URL(request.url).pathname.startsWith("/api/") ? "en" : "es";
  return (
    settingLocale(readers.get(request)) ??
    acceptedLocale(request.headers.get("Accept-Language")) ??
    fallback
  );
}
