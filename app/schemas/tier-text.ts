// The one reading of a tier schedule typed as text ("threshold;rateBps", one tier a line): the
// editor's live preview and the program schema both use it, so the preview shows a schedule
// exactly when the server reads one (decision 036). Pure: the browser bundle imports it.
import type { Tier } from "~/refunds/tiers";

/**
 * What may stand between a threshold and its rate: `;` (what the help text shows), a tab (cells
 * pasted from a spreadsheet) or `,` (CSV). A line holds exactly one of them.
 */
export const TIER_SEPARATOR = /[;,\t]/;

/**
 * A whole number as typed: digits with an optional minus, spaces around it allowed. No grouping
 * separators and no decimals: thresholds are minor units and rates basis points, both whole, and
 * "1.000" or "1,000" mean different numbers in en and in es / pt-BR.
 */
export const WHOLE_TEXT = /^\s*-?\d+\s*$/;

/** The whole number a field reads as, or null when the schema would refuse it too. */
export function wholeFromText(text: string): number | null {
  if (!WHOLE_TEXT.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/** The non-blank lines of the text, trimmed, with their line numbers (1-based, blanks counted). */
export function tierTextLines(text: string): { line: number; text: string }[] {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, text: raw.trim() }))
    .filter((l) => l.text !== "");
}

/** The threshold and rate fields of one line, as typed; null unless there are exactly two. */
export function splitTierLine(line: string): { thresholdMinor: string; rateBps: string } | null {
  const fields = line.split(TIER_SEPARATOR);
  return fields.length === 2 ? { thresholdMinor: fields[0], rateBps: fields[1] } : null;
}

/** One line as a tier, or null when the schema refuses it (not two fields of whole numbers). */
export function readTierLine(line: string): Tier | null {
  const fields = splitTierLine(line);
  if (!fields) return null;
  const thresholdMinor = wholeFromText(fields.thresholdMinor);
  const rateBps = wholeFromText(fields.rateBps);
  return thresholdMinor === null || rateBps === null ? null : { thresholdMinor, rateBps };
}

export type TierText = {
  /** The tiers of the readable lines, in the order typed. */
  tiers: Tier[];
  /** The lines that are not a tier: the server refuses the whole text while there is one. */
  unreadable: { line: number; text: string }[];
};

export function readTierText(text: string): TierText {
  const tiers: Tier[] = [];
  const unreadable: TierText["unreadable"] = [];
  for (const l of tierTextLines(text)) {
    const tier = readTierLine(l.text);
    if (tier) tiers.push(tier);
    else unreadable.push(l);
  }
  return { tiers, unreadable };
}

/** The tiers of the readable lines; unreadable lines are skipped (see `readTierText`). */
export function parseTierLines(text: string): Tier[] {
  return readTierText(text).tiers;
}
