// Tax ids and customer keys (SPEC 4.3, 5.1, 8): the one normalizer, shared by members' tax ids
// (forms, API, XLSX import) and report lines' customer keys (imports/values re-exports it), and
// the schema that refuses a tax id with anything but A–Z and 0–9 left (decision 042). Pure.
import { z } from "zod";

/**
 * Characters that show nothing: format characters (zero-width space, joiners, BOM, bidi marks,
 * soft hyphen, …), the other default-ignorable code points (variation selectors, Hangul fillers)
 * and control characters other than whitespace.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]|(?![\t\n\v\f\r])\p{Cc}/gu;

/**
 * What people put between the groups of a tax id, and what normalizing drops: whitespace (a
 * no-break or narrow space is a plain space after NFKC), dots, hyphens and other dashes, the minus
 * sign, slashes (`12.345.678/0001-90` → `12345678000190`).
 */
const SEPARATORS = /[\s.\-\u2010-\u2015\u2212/\\]/gu;

/** Printable ASCII: NFKC leaves it alone and it holds nothing invisible (the fast path). */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** A normalized key that can be a tax id: letters A–Z and digits 0–9, nothing else. */
const TAX_ID_KEY = /^[A-Z0-9]+$/;

/**
 * Uppercase, except that a character outside ASCII never becomes ASCII (`ß` → `SS`, dotless `ı`
 * → `I` would make look-alikes of real tax ids): it stays as it is, and the key stays invalid.
 */
function upperWithoutLookAlikes(text: string): string {
  let out = "";
  for (const c of text) {
    const upper = c.toUpperCase();
    out += c > "\x7f" && PRINTABLE_ASCII.test(upper) ? c : upper;
  }
  return out;
}

/**
 * The normalized form of a tax id or customer key: NFKC (full-width letters, ligatures), without
 * invisible characters and separators, uppercase. Total: text with other characters left (a
 * Cyrillic `Х`, an emoji) keeps them, so its key can never equal a valid one (`isTaxIdKey`).
 */
export function normalizeTaxId(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text.replace(SEPARATORS, "").toUpperCase();
  return upperWithoutLookAlikes(
    text.normalize("NFKC").replace(INVISIBLE, "").replace(SEPARATORS, ""),
  );
}

/** A normalized key that a member's tax id may have (only those are ever matched by tax id). */
export function isTaxIdKey(key: string): boolean {
  return TAX_ID_KEY.test(key);
}

/** `"Х" (U+0425)`: a character as it shows, with its code point (invisible ones show nothing). */
function described(c: string, shown = true): string {
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return shown ? `"${c}" (${code})` : code;
}

/** The distinct characters of `chars`, described, at most five. */
function listed(chars: Iterable<string>, shown: boolean): string {
  const distinct = [...new Set(chars)];
  const named = distinct.slice(0, 5).map((c) => described(c, shown));
  return distinct.length > 5 ? `${named.join(", ")}, …` : named.join(", ");
}

/** The characters of a normalized key that no tax id may have, described (`"Х" (U+0425)`). */
export function strayCharacters(key: string): string {
  return listed(key.replace(/[A-Z0-9]/g, ""), true);
}

export type TaxIdProblem = {
  reason: "tax_id_empty" | "tax_id_invisible" | "tax_id_characters";
  /** The characters at fault, described (for the reason's text). */
  text?: string;
};

/**
 * Why a typed tax id is refused, or null: it has no letter or digit; it hides invisible
 * characters (refused rather than dropped, so what is stored is what is shown); or something
 * other than A–Z, 0–9 and separators is left after NFKC (look-alike letters, emoji).
 */
export function taxIdProblem(text: string): TaxIdProblem | null {
  const key = normalizeTaxId(text);
  if (key === "") return { reason: "tax_id_empty" };
  const hidden = text.normalize("NFKC").match(INVISIBLE);
  if (hidden) return { reason: "tax_id_invisible", text: listed(hidden, false) };
  if (!isTaxIdKey(key)) return { reason: "tax_id_characters", text: strayCharacters(key) };
  return null;
}

/** Longest tax id accepted as typed, separators included. */
export const TAX_ID_MAX_LENGTH = 40;

/**
 * A member's tax id on a form, in the API or in an XLSX import: stored and shown NFKC-normalized,
 * trimmed, each run of whitespace one space (`ＸＰＹ…` is kept as `XPY…`); refused for the reasons
 * of `taxIdProblem`.
 */
export const taxId = z
  .string()
  .trim()
  .min(1, "required")
  .max(TAX_ID_MAX_LENGTH)
  .superRefine((text, ctx) => {
    if (text === "" || text.length > TAX_ID_MAX_LENGTH) return; // said already
    const problem = taxIdProblem(text);
    if (problem)
      ctx.addIssue({ code: "custom", message: problem.reason, params: { text: problem.text } });
  })
  .transform((text) => text.normalize("NFKC").replace(/\s+/g, " ").trim());
