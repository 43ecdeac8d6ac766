// The program editor's fields as the program input `programInput` reads: the editor names each
// field by its path in that input ("tiers.1.rateBps", "bonuses.0.requires.2.minVolumeMinor"), so
// a form and the API pass one validation and every refusal comes back at the field that caused it.
// Pure: only the shape changes here, never a value's meaning.

/** The editor sends `terms=all`: every term is in the form, so one left out means none. */
export const ALL_TERMS = { name: "terms", value: "all" } as const;

type Tree = { [key: string]: Tree | string };

/** "a.0.b" keys as nested objects; numeric parts become arrays in the order of their indexes. */
export function nestFields(fields: Record<string, unknown>): Record<string, unknown> {
  const root: Tree = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value !== "string") continue;
    const parts = key.split(".");
    let node = root;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) {
        if (typeof node[part] !== "object") node[part] = value;
      } else {
        const next = node[part];
        node = node[part] = typeof next === "object" ? next : {};
      }
    });
  }
  return asArrays(root) as Record<string, unknown>;
}

function asArrays(node: Tree | string): unknown {
  if (typeof node === "string") return node;
  const keys = Object.keys(node);
  if (keys.length > 0 && keys.every((k) => /^\d{1,3}$/.test(k)))
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => asArrays(node[String(k)]));
  return Object.fromEntries(keys.map((k) => [k, asArrays(node[k])]));
}

/** "Cameras, Access" (commas or lines) as a list, blank entries left out. */
function listOf(text: unknown): unknown {
  if (typeof text !== "string") return text;
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const blankIsNull = (v: unknown) => (typeof v === "string" && v.trim() === "" ? null : v);
const listOrNone = (v: unknown) => (Array.isArray(v) ? v : []);

/**
 * The form's fields as the program input. A form with `terms=all` (the editor) states every
 * component: a limit left blank, no baseline or no bonus means none, and only a growth basis
 * sends how growth pays. Other forms (older clients, tests) pass through as they were, so an
 * edit that sends no components keeps the stored ones (`updateProgram`).
 */
export function programFromForm(fields: Record<string, unknown>): Record<string, unknown> {
  const { [ALL_TERMS.name]: terms, ...rest } = nestFields(fields);
  if (terms !== ALL_TERMS.value) return rest;
  const growth = rest.basis === "growth";
  const bonuses = listOrNone(rest.bonuses).map((raw) => {
    const b = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    return {
      name: b.name,
      categories: listOf(b.categories ?? ""),
      skus: listOf(b.skus ?? ""),
      start: blankIsNull(b.start ?? ""),
      end: blankIsNull(b.end ?? ""),
      rateBps: blankIsNull(b.rateBps ?? ""),
      perUnitMinor: blankIsNull(b.perUnitMinor ?? ""),
      requires: listOrNone(b.requires),
    };
  });
  return {
    ...rest,
    basis: growth ? "growth" : "volume",
    ...(growth ? { method: null } : { growthPays: null }),
    tiers: rest.tiers ?? [],
    volumeCapMinor: rest.volumeCapMinor ?? null,
    refundCapMinor: rest.refundCapMinor ?? null,
    minimumRefundMinor: rest.minimumRefundMinor ?? null,
    baselines: growth ? listOrNone(rest.baselines) : [],
    bonuses,
  };
}
