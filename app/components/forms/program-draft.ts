// The program editor's starting point: a stored program, or what the admin just sent, as the
// editor's rows (tiers, baselines, bonus cards). Both pass through the form's own field names
// (app/schemas/program-form.ts), so a refused form comes back exactly as it was typed.
import { nestFields } from "~/schemas/program-form";
import { readTierText } from "~/schemas/tier-text";

export type Basis = "volume" | "growth";
export type TierRow = { threshold: number | null; rateBps: number | null };
export type BaselineRow = { month: string; amountMinor: number | null };
export type RequirementRow = { category: string; minVolumeMinor: number | null };
export type BonusRow = {
  name: string;
  categories: string;
  skus: string;
  start: string;
  end: string;
  pays: "rate" | "perUnit";
  rateBps: number | null;
  perUnitMinor: number | null;
  requires: RequirementRow[];
};

export type ProgramDraft = {
  supplierId: string;
  name: string;
  currency: string;
  start: string;
  end: string;
  method: string;
  feeBps: number | null;
  basis: Basis;
  growthPays: string;
  tiers: TierRow[];
  volumeCapMinor: number | null;
  refundCapMinor: number | null;
  minimumRefundMinor: number | null;
  baselines: BaselineRow[];
  includeCategories: string;
  excludeCategories: string;
  bonuses: BonusRow[];
};

/** The stored program, as the fields the editor sends (what `programFromForm` reads back). */
export type StoredProgram = {
  supplierId: number;
  name: string;
  currency: string;
  start: string;
  end: string;
  method: string;
  feeBps: number;
  basis: string;
  growthPays: string | null;
  volumeCapMinor: number | null;
  refundCapMinor: number | null;
  minimumRefundMinor: number | null;
  includeCategories: string[];
  excludeCategories: string[];
  tiers: { thresholdMinor: number; rateBps: number }[];
  growthTiers: { thresholdBps: number; rateBps: number }[];
  baselines: { month: string; amountMinor: number }[];
  bonuses: {
    name: string;
    categories: string[];
    skus: string[];
    start: string | null;
    end: string | null;
    rateBps: number | null;
    perUnitMinor: number | null;
    requires: { category: string; minVolumeMinor: number }[];
  }[];
};

export function programFields(p: StoredProgram): Record<string, string> {
  const f: Record<string, string> = {
    supplierId: String(p.supplierId),
    name: p.name,
    currency: p.currency,
    start: p.start,
    end: p.end,
    method: p.method,
    feeBps: String(p.feeBps),
    basis: p.basis,
    growthPays: p.growthPays ?? "whole",
    volumeCapMinor: text(p.volumeCapMinor),
    refundCapMinor: text(p.refundCapMinor),
    minimumRefundMinor: text(p.minimumRefundMinor),
    includeCategories: p.includeCategories.join(", "),
    excludeCategories: p.excludeCategories.join(", "),
  };
  if (p.basis === "growth")
    p.growthTiers.forEach((t, i) => {
      f[`tiers.${i}.thresholdBps`] = String(t.thresholdBps);
      f[`tiers.${i}.rateBps`] = String(t.rateBps);
    });
  else
    p.tiers.forEach((t, i) => {
      f[`tiers.${i}.thresholdMinor`] = String(t.thresholdMinor);
      f[`tiers.${i}.rateBps`] = String(t.rateBps);
    });
  p.baselines.forEach((b, i) => {
    f[`baselines.${i}.month`] = b.month;
    f[`baselines.${i}.amountMinor`] = String(b.amountMinor);
  });
  p.bonuses.forEach((b, i) => {
    const at = `bonuses.${i}`;
    f[`${at}.name`] = b.name;
    f[`${at}.categories`] = b.categories.join(", ");
    f[`${at}.skus`] = b.skus.join(", ");
    f[`${at}.start`] = b.start ?? "";
    f[`${at}.end`] = b.end ?? "";
    if (b.rateBps !== null) f[`${at}.rateBps`] = String(b.rateBps);
    if (b.perUnitMinor !== null) f[`${at}.perUnitMinor`] = String(b.perUnitMinor);
    b.requires.forEach((r, j) => {
      f[`${at}.requires.${j}.category`] = r.category;
      f[`${at}.requires.${j}.minVolumeMinor`] = String(r.minVolumeMinor);
    });
  });
  return f;
}

const text = (n: number | null) => (n === null ? "" : String(n));

/** A whole number the editor sent back ("1200"), or null for a blank or anything else. */
function whole(v: unknown): number | null {
  return typeof v === "string" && /^-?\d{1,16}$/.test(v.trim()) ? Number(v) : null;
}
const str = (v: unknown) => (typeof v === "string" ? v : "");
const list = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

/** The editor's rows from its fields (a stored program's, or a refused form's as sent). */
export function draftFromFields(
  fields: Partial<Record<string, string>>,
  defaultFeeBps: number,
): ProgramDraft {
  const f = nestFields(fields as Record<string, string>);
  const basis: Basis = f.basis === "growth" ? "growth" : "volume";
  const tiers: TierRow[] =
    typeof f.tiers === "string"
      ? readTierText(f.tiers).tiers.map((t) => ({
          threshold: t.thresholdMinor,
          rateBps: t.rateBps,
        }))
      : list(f.tiers).map((t) => ({
          threshold: whole(basis === "growth" ? t.thresholdBps : t.thresholdMinor),
          rateBps: whole(t.rateBps),
        }));
  return {
    supplierId: str(f.supplierId),
    name: str(f.name),
    currency: str(f.currency),
    start: str(f.start),
    end: str(f.end),
    method: str(f.method) || "all-units",
    feeBps: f.feeBps === undefined ? defaultFeeBps : whole(f.feeBps),
    basis,
    growthPays: str(f.growthPays) || "whole",
    tiers: tiers.length > 0 ? tiers : [{ threshold: 0, rateBps: null }],
    volumeCapMinor: whole(f.volumeCapMinor),
    refundCapMinor: whole(f.refundCapMinor),
    minimumRefundMinor: whole(f.minimumRefundMinor),
    baselines: list(f.baselines).map((b) => ({
      month: str(b.month),
      amountMinor: whole(b.amountMinor),
    })),
    includeCategories: str(f.includeCategories),
    excludeCategories: str(f.excludeCategories),
    bonuses: list(f.bonuses).map((b) => ({
      name: str(b.name),
      categories: str(b.categories),
      skus: str(b.skus),
      start: str(b.start),
      end: str(b.end),
      pays: b.perUnitMinor !== undefined && b.rateBps === undefined ? "perUnit" : "rate",
      rateBps: whole(b.rateBps),
      perUnitMinor: whole(b.perUnitMinor),
      requires: list(b.requires).map((r) => ({
        category: str(r.category),
        minVolumeMinor: whole(r.minVolumeMinor),
      })),
    })),
  };
}

/** A new bonus card: a rate bonus on every line of the program, for the whole program. */
export const NEW_BONUS: BonusRow = {
  name: "",
  categories: "",
  skus: "",
  start: "",
  end: "",
  pays: "rate",
  rateBps: null,
  perUnitMinor: null,
  requires: [],
};
