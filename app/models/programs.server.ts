// Refund programs, their tier schedules and components (SPEC 3.7): read, and created by an admin
// (validated, audited).
import { and, eq } from "drizzle-orm";
import { getDb, inTransaction, type Db, prepared } from "@db/client.server";
import {
  allocationRuns,
  growthTiers as growthTiersTable,
  programBaselines,
  programBonuses,
  programs,
  tiers as tiersTable,
} from "@db/schema";
import { inField } from "~/errors/coded";
import { conflict, invalid } from "./errors";
import {
  hasComponents,
  type Baseline,
  type ComponentProgram,
  type GrowthTier,
  type MixRequirement,
} from "~/refunds/components";
import { isDomainError } from "~/refunds/errors";
import { assertFeeBps } from "~/refunds/run";
import { assertTierSchedule, type Tier } from "~/refunds/tiers";
import { programInput, type ProgramInput } from "~/schemas/programs";
import { recordAudit, type AuditActor } from "./audit.server";
import { getSupplier } from "./suppliers.server";
import {
  likeContains,
  limitOf,
  offsetOf,
  orderText,
  type ListSort,
  type Paging,
} from "./list-order.server";

/** A bonus component as stored: lists empty and fields null when not given. */
export type ProgramBonus = {
  name: string;
  categories: string[];
  skus: string[];
  start: string | null;
  end: string | null;
  rateBps: number | null;
  perUnitMinor: number | null;
  requires: MixRequirement[];
};

/**
 * A program: its row (with the 3.7 limits, basis and growthPays), its tier schedule (`tiers` for
 * a volume basis, `growthTiers` for a growth one; the other is empty), its negotiated baselines
 * and its bonuses. `apiProgram` is how the API answers it.
 */
export type Program = typeof programs.$inferSelect & {
  tiers: Tier[];
  growthTiers: GrowthTier[];
  baselines: Baseline[];
  bonuses: ProgramBonus[];
};
/** A program with its supplier's name, as dashboards and statements list it. */
export type ListedProgram = Program & { supplierName: string };

/** Which programs `programsWithTiers` reads; every field left out matches every program. */
export type ProgramFilter = {
  ids?: readonly number[];
  supplierId?: number;
  /** Programs running at some point of this year. */
  year?: number;
  /** By name (the admin's lists, the default), or by supplier name then start (dashboards). */
  orderBy?: "name" | "supplier";
  /** Program or supplier name contains this text (the admin's list). */
  q?: string;
  /** The admin's list sort; wins over `orderBy`. */
  sorted?: ListSort<ProgramSort>;
  /** One page of the admin's list; every program when left out. */
  paging?: Paging;
};

const ORDER_BY = { name: "p.name, p.id", supplier: "s.name, p.start, p.id" } as const;

export const PROGRAM_SORTS = ["name", "supplier", "start", "end", "method", "feeBps"] as const;
export type ProgramSort = (typeof PROGRAM_SORTS)[number];
const SORT_COLUMNS: Record<ProgramSort, string> = {
  name: "p.name",
  supplier: "s.name",
  start: "p.start",
  end: 'p."end"',
  method: "p.method",
  feeBps: "p.fee_bps",
};
const PROGRAM_WHERE = `(@ids IS NULL OR p.id IN (SELECT value FROM json_each(@ids)))
        AND (@supplierId IS NULL OR p.supplier_id = @supplierId)
        AND (@yearEnd IS NULL OR (p.start <= @yearEnd AND p."end" >= @yearStart))
        AND (@q IS NULL OR p.name LIKE @q ESCAPE '\\' OR s.name LIKE @q ESCAPE '\\')`;

function programParams(filter: ProgramFilter) {
  return {
    ids: filter.ids ? JSON.stringify(filter.ids) : null,
    supplierId: filter.supplierId ?? null,
    yearStart: filter.year === undefined ? null : `${filter.year}-01-01`,
    yearEnd: filter.year === undefined ? null : `${filter.year}-12-31`,
    q: filter.q ? likeContains(filter.q) : null,
  };
}

/** How many programs the filter matches (the admin's list pager). */
export function countPrograms(filter: ProgramFilter = {}, db: Db = getDb()): number {
  const row = prepared(
    `SELECT count(*) n FROM programs p JOIN suppliers s ON s.id = p.supplier_id WHERE ${PROGRAM_WHERE}`,
    db,
  ).get(programParams(filter)) as { n: number };
  return row.n;
}

/** A program row as read, before its category lists are parsed and its schedules added. */
type ProgramRow = Omit<
  ListedProgram,
  "includeCategories" | "excludeCategories" | "tiers" | "growthTiers" | "baselines" | "bonuses"
> & {
  includeCategories: string;
  excludeCategories: string;
};

/**
 * The one reader of programs with their tier schedules and components: one query for the
 * programs, then one per part (tiers, growth tiers, baselines, bonuses) for all of them, each
 * prepared once per connection (the dashboards call it on every load).
 */
export function programsWithTiers(filter: ProgramFilter = {}, db: Db = getDb()): ListedProgram[] {
  const rows = prepared(
    `SELECT p.id, p.supplier_id AS supplierId, p.name, p.currency, p.start, p."end" AS "end",
            p.method, p.fee_bps AS feeBps, p.include_categories AS includeCategories,
            p.exclude_categories AS excludeCategories, p.basis, p.growth_pays AS growthPays,
            p.volume_cap_minor AS volumeCapMinor, p.refund_cap_minor AS refundCapMinor,
            p.minimum_refund_minor AS minimumRefundMinor, p.created_at AS createdAt,
            p.updated_at AS updatedAt, s.name AS supplierName
       FROM programs p JOIN suppliers s ON s.id = p.supplier_id
      WHERE ${PROGRAM_WHERE}
      ORDER BY ${filter.sorted ? orderText(SORT_COLUMNS, filter.sorted, "p.id") : ORDER_BY[filter.orderBy ?? "name"]}
      LIMIT @limit OFFSET @offset`,
    db,
  ).all({
    ...programParams(filter),
    limit: limitOf(filter.paging),
    offset: offsetOf(filter.paging),
  }) as ProgramRow[];
  const ids = rows.map((p) => p.id);
  const tiers = tiersOf(ids, db);
  const parts = componentsOf(ids, db);
  return rows.map((row) => ({
    ...row,
    includeCategories: JSON.parse(row.includeCategories) as string[],
    excludeCategories: JSON.parse(row.excludeCategories) as string[],
    tiers: tiers.get(row.id) ?? [],
    growthTiers: parts.growthTiers.get(row.id) ?? [],
    baselines: parts.baselines.get(row.id) ?? [],
    bonuses: parts.bonuses.get(row.id) ?? [],
  }));
}

function grouped<T>(rows: ({ programId: number } & T)[]): Map<number, T[]> {
  const byProgram = new Map<number, T[]>();
  for (const { programId, ...rest } of rows) {
    const list = byProgram.get(programId) ?? [];
    list.push(rest as T);
    byProgram.set(programId, list);
  }
  return byProgram;
}

type BonusRow = Omit<ProgramBonus, "categories" | "skus" | "requires"> & {
  programId: number;
  categories: string;
  skus: string;
  requires: string;
};

/** Growth tiers, negotiated baselines and bonuses of these programs (SPEC 3.7). */
function componentsOf(programIds: number[], db: Db) {
  const ids = JSON.stringify(programIds);
  const read = <T>(sql: string) =>
    programIds.length === 0 ? [] : (prepared(sql, db).all(ids) as T[]);
  const growthTiers = grouped<GrowthTier>(
    read(`SELECT program_id AS programId, threshold_bps AS thresholdBps, rate_bps AS rateBps
            FROM growth_tiers WHERE program_id IN (SELECT value FROM json_each(?))
           ORDER BY program_id, position`),
  );
  const baselines = grouped<Baseline>(
    read(`SELECT program_id AS programId, month, amount_minor AS amountMinor
            FROM program_baselines WHERE program_id IN (SELECT value FROM json_each(?))
           ORDER BY program_id, month`),
  );
  const bonuses = grouped<ProgramBonus>(
    read<BonusRow>(
      `SELECT program_id AS programId, name, categories, skus, start, "end" AS "end",
              rate_bps AS rateBps, per_unit_minor AS perUnitMinor, requires
         FROM program_bonuses WHERE program_id IN (SELECT value FROM json_each(?))
        ORDER BY program_id, position`,
    ).map((b) => ({
      ...b,
      categories: JSON.parse(b.categories) as string[],
      skus: JSON.parse(b.skus) as string[],
      requires: JSON.parse(b.requires) as MixRequirement[],
    })),
  );
  return { growthTiers, baselines, bonuses };
}

/** The program's refund terms as the engine reads them (SPEC 3.2, 3.3 and 3.7). */
export function componentProgram(program: Program): ComponentProgram {
  const common = {
    start: program.start,
    end: program.end,
    feeBps: program.feeBps,
    volumeCapMinor: program.volumeCapMinor,
    refundCapMinor: program.refundCapMinor,
    minimumRefundMinor: program.minimumRefundMinor,
    growthPays: program.growthPays,
    baselines: program.baselines,
    bonuses: program.bonuses,
  };
  return program.basis === "growth"
    ? { ...common, basis: "growth", method: program.method, tiers: program.growthTiers }
    : { ...common, basis: "volume", method: program.method, tiers: program.tiers };
}

/** Whether the program has anything of SPEC 3.7 (otherwise runs are 3.2–3.3's, unchanged). */
export function programHasComponents(program: Program): boolean {
  return hasComponents(componentProgram(program));
}

/**
 * The program as the API answers it: the fields of SPEC 7 and, when the program has them, its
 * components (`basis` and `growthPays` for a growth basis, whose `tiers` are
 * `{thresholdBps, rateBps}`; the limits that are set; baselines and bonuses when there are any).
 * A program without components answers exactly as before them.
 */
export function apiProgram(program: Program) {
  const {
    basis,
    growthPays,
    volumeCapMinor,
    refundCapMinor,
    minimumRefundMinor,
    growthTiers,
    baselines,
    bonuses,
    tiers,
    ...fields
  } = program;
  const growth = basis === "growth";
  return {
    ...fields,
    tiers: growth ? growthTiers : tiers,
    ...(growth ? { basis, growthPays: growthPays ?? "whole" } : {}),
    ...(volumeCapMinor === null ? {} : { volumeCapMinor }),
    ...(refundCapMinor === null ? {} : { refundCapMinor }),
    ...(minimumRefundMinor === null ? {} : { minimumRefundMinor }),
    ...(baselines.length > 0 ? { baselines } : {}),
    ...(bonuses.length > 0 ? { bonuses } : {}),
  };
}
export type ApiProgram = ReturnType<typeof apiProgram>;

function tiersOf(programIds: number[], db: Db): Map<number, Tier[]> {
  const byProgram = new Map<number, Tier[]>();
  if (programIds.length === 0) return byProgram;
  const rows = prepared(
    `SELECT program_id AS programId, threshold_minor AS thresholdMinor, rate_bps AS rateBps
       FROM tiers WHERE program_id IN (SELECT value FROM json_each(?))
      ORDER BY program_id, position`,
    db,
  ).all(JSON.stringify(programIds)) as ({ programId: number } & Tier)[];
  for (const { programId, thresholdMinor, rateBps } of rows) {
    const list = byProgram.get(programId) ?? [];
    list.push({ thresholdMinor, rateBps });
    byProgram.set(programId, list);
  }
  return byProgram;
}

/** The program as the API and the admin's screens show it: without its supplier's name. */
function withoutSupplierName({ supplierName: _supplierName, ...program }: ListedProgram): Program {
  return program;
}

export function listPrograms(): Program[] {
  return programsWithTiers().map(withoutSupplierName);
}

export function getProgram(id: number, db: Db = getDb()): Program | undefined {
  const [program] = programsWithTiers({ ids: [id] }, db);
  return program && withoutSupplierName(program);
}

/** Runs an engine check; its DomainError becomes a 400 naming the field, with the engine's code. */
function checkField(path: string, check: () => void) {
  try {
    check();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const problems = Array.isArray(error.details?.problems)
      ? (error.details.problems as string[]).map((message) => ({ path, message }))
      : undefined;
    throw inField(error, path, { named: false, details: problems });
  }
}

/** The checks of the engine that the schema leaves to it, and the supplier's existence. */
function checkProgram(input: ProgramInput): void {
  if (input.basis !== "growth") checkField("tiers", () => assertTierSchedule(input.tiers));
  checkField("feeBps", () => assertFeeBps(input.feeBps));
  if (!getSupplier(input.supplierId)) {
    throw invalid("supplier_unknown", { field: "supplierId", id: input.supplierId }, [
      { path: "supplierId", reason: "supplier_not_known" },
    ]);
  }
}

/** The program's row as parsed: a growth program is paid all-units (its method is not read). */
function programRow(input: ProgramInput) {
  const {
    tiers: _tiers,
    baselines: _baselines,
    bonuses: _bonuses,
    basis,
    method,
    growthPays,
    volumeCapMinor,
    refundCapMinor,
    minimumRefundMinor,
    ...fields
  } = input;
  const growth = basis === "growth";
  return {
    ...fields,
    basis: growth ? ("growth" as const) : ("volume" as const),
    method: method ?? "all-units",
    growthPays: growth ? (growthPays ?? "whole") : null,
    volumeCapMinor: volumeCapMinor ?? null,
    refundCapMinor: refundCapMinor ?? null,
    minimumRefundMinor: minimumRefundMinor ?? null,
  };
}

/** Writes the program's schedule and components (the rows of a new or emptied program). */
function insertTerms(db: Db, programId: number, input: ProgramInput): void {
  if (input.basis === "growth") {
    input.tiers.forEach((tier, position) => {
      db.insert(growthTiersTable)
        .values({ programId, position, ...tier })
        .run();
    });
  } else {
    input.tiers.forEach((tier, position) => {
      db.insert(tiersTable)
        .values({ programId, position, ...tier })
        .run();
    });
  }
  for (const { month, amountMinor } of input.baselines ?? [])
    db.insert(programBaselines).values({ programId, month, amountMinor }).run();
  (input.bonuses ?? []).forEach((b, position) => {
    db.insert(programBonuses)
      .values({
        programId,
        position,
        name: b.name,
        categories: b.categories ?? [],
        skus: b.skus ?? [],
        start: b.start ?? null,
        end: b.end ?? null,
        rateBps: b.rateBps ?? null,
        perUnitMinor: b.perUnitMinor ?? null,
        requires: b.requires ?? [],
      })
      .run();
  });
}

function deleteTerms(db: Db, programId: number): void {
  for (const table of [tiersTable, growthTiersTable, programBaselines, programBonuses])
    db.delete(table).where(eq(table.programId, programId)).run();
}

export function createProgram(actor: AuditActor, raw: unknown): Program {
  const input = programInput.parse(raw);
  checkProgram(input);
  const id = inTransaction((db) => {
    const program = db.insert(programs).values(programRow(input)).returning().get();
    insertTerms(db, program.id, input);
    recordAudit(actor, "program.create", { type: "program", id: program.id }, input);
    return program.id;
  });
  return getProgram(id)!;
}

/** The stored components in the input's shape, for an edit that does not send them. */
function storedTerms(program: Program): Record<string, unknown> {
  return {
    basis: program.basis,
    growthPays: program.growthPays,
    volumeCapMinor: program.volumeCapMinor,
    refundCapMinor: program.refundCapMinor,
    minimumRefundMinor: program.minimumRefundMinor,
    baselines: program.baselines,
    bonuses: program.bonuses,
  };
}

/**
 * Edits a program while nothing of it is posted; after the first posting its terms are history.
 * The components (SPEC 3.7) that the edit does not send keep their stored value, so the admin's
 * form, which edits the tier schedule and the program's fields, leaves them as they are.
 */
export function updateProgram(actor: AuditActor, id: number, raw: unknown): Program {
  const stored = getProgram(id);
  const merged =
    stored && typeof raw === "object" && raw !== null && !Array.isArray(raw)
      ? { ...storedTerms(stored), ...raw }
      : raw;
  const input = programInput.parse(merged);
  checkProgram(input);
  inTransaction((db) => {
    const posted = db
      .select({ id: allocationRuns.id })
      .from(allocationRuns)
      .where(and(eq(allocationRuns.programId, id), eq(allocationRuns.status, "posted")))
      .get();
    if (posted) {
      throw conflict("program_locked");
    }
    db.update(programs)
      .set({ ...programRow(input), updatedAt: new Date().toISOString() })
      .where(eq(programs.id, id))
      .run();
    deleteTerms(db, id);
    insertTerms(db, id, input);
    recordAudit(actor, "program.update", { type: "program", id }, input);
  });
  return getProgram(id)!;
}
