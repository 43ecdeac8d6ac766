// Format regions: the country whose way of writing numbers, money, percentages and dates a reader
// sees, kept apart from the language of the messages (decision 058). Mexico writes 1,234.56 and
// Colombia 1.234,56 though both read Spanish.
import type { Locale } from "./locale";

export const REGIONS = ["en-US", "es-MX", "es-CO", "es-AR", "es-CL", "pt-BR"] as const;
export type Region = (typeof REGIONS)[number];

/** Each region's name in its own language, for the selects (a reader looks for their own). */
export const REGION_NAMES: Record<Region, string> = {
  "en-US": "English (United States)",
  "es-MX": "Español (México)",
  "es-CO": "Español (Colombia)",
  "es-AR": "Español (Argentina)",
  "es-CL": "Español (Chile)",
  "pt-BR": "Português (Brasil)",
};

/** The region a language's reader gets when nothing else says: Mexico is the first market. */
const DEFAULT_REGION: Record<Locale, Region> = { en: "en-US", es: "es-MX", "pt-BR": "pt-BR" };

/** The language of the messages a region's reader reads. */
export function regionLanguage(region: Region): Locale {
  return region === "en-US" ? "en" : region === "pt-BR" ? "pt-BR" : "es";
}

export function defaultRegion(locale: Locale): Region {
  return DEFAULT_REGION[locale];
}

export function isRegion(value: unknown): value is Region {
  return typeof value === "string" && (REGIONS as readonly string[]).includes(value);
}

/** A format tag (a region, or a bare language that stands for its default region) as a region. */
export function toRegion(tag: Region | Locale): Region {
  return isRegion(tag) ? tag : defaultRegion(tag);
}

/**
 * The region one language tag of a browser stands for: itself when it is one of ours; plain
 * `es` and `es-419` are Mexico's; another Spanish-speaking country gets Colombia's way when it
 * writes a decimal comma (Spain, Uruguay, Venezuela...), else Mexico's (Peru, the US...);
 * any Portuguese is Brazil's, any English the United States'. Null for other languages.
 */
export function regionOfTag(rawTag: string): Region | null {
  const tag = rawTag.trim().toLowerCase();
  const exact = REGIONS.find((r) => r.toLowerCase() === tag);
  if (exact) return exact;
  const language = tag.split("-")[0];
  if (language === "pt") return "pt-BR";
  if (language === "en") return "en-US";
  if (language !== "es") return null;
  if (tag === "es" || tag === "es-419") return "es-MX";
  return writesDecimalComma(tag) ? "es-CO" : "es-MX";
}

function writesDecimalComma(tag: string): boolean {
  try {
    const parts = new Intl.NumberFormat(tag).formatToParts(1.5);
    return parts.find((p) => p.type === "decimal")?.value === ",";
  } catch {
    return false; // not a well-formed tag
  }
}

/**
 * The region of the first tag of an Accept-Language header that is a region of `language` (or,
 * without a language, of any language of the portal), if any.
 */
export function acceptedRegion(acceptLanguage: string | null, language?: Locale): Region | null {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const region = regionOfTag(part.split(";")[0]);
    if (region && (!language || regionLanguage(region) === language)) return region;
  }
  return null;
}

/**
 * The user's setting wins; else the browser's first region of the language being read (an
 * es-CO browser reading Spanish gets Colombia's formats); else that language's default region.
 */
export function pickRegion(
  setting: string | null | undefined,
  acceptLanguage: string | null,
  locale: Locale,
): Region {
  if (isRegion(setting)) return setting;
  return acceptedRegion(acceptLanguage, locale) ?? defaultRegion(locale);
}

/**
 * The region whose dates a reader sees: their format region when it speaks their language, else
 * their language's default region, so an English reader set to Colombia reads "March 2026" and
 * not "marzo de 2026" (numbers still follow Colombia).
 */
export function dateRegion(locale: Locale, region: Region): Region {
  return regionLanguage(region) === locale ? region : defaultRegion(locale);
}
