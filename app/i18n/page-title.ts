// A page's <title> in the reader's language ("Refund programs · tierpool"), from the root
// loader's locale, for a route's Remix `meta`.
import { translate, type Locale, type MessageKey } from "./locale";

type Match = { id: string; data: unknown };

export function pageTitle(
  matches: readonly Match[],
  key: MessageKey,
  vars?: Record<string, string | number>,
) {
  const root = matches.find((m) => m.id === "root")?.data as { locale?: Locale } | undefined;
  const locale = root?.locale ?? "es";
  return [{ title: translate(locale, "shell.title", { page: translate(locale, key, vars) }) }];
}
