// Reads one uploaded report end to end, streaming: checks the file, finds the header, detects
// the decimal separator, validates every row and hands each good line to the caller.
import { ImportError } from "./errors";
import { HeaderSearch, type FoundHeader } from "./header-search";
import type { ColumnMapping, Columns } from "./headers";
import { LIMITS, checkFileBeforeParsing } from "./limits";
import { readCsvRows } from "./read-csv";
import { readXlsxRowsInThread } from "./sheet-reader-thread";
import { validateRow, type ValidationContext } from "./validate";
import { detectDecimalSeparator, decimalSeparatorHint, isBlankRow, isTotalsRow } from "./values";
import type {
  DateOrder,
  DecimalSeparator,
  MonthKey,
  ParsedLine,
  Problem,
  RawRow,
  ReadProgress,
  ReportFormat,
} from "./types";

/** Problems kept in full; past this only the counts grow (a broken 1M-row file stays small). */
export const MAX_STORED_PROBLEMS = 1000;
/** Data rows held back at most while the decimal separator is still undecided. */
const DECIMAL_SAMPLE_ROWS = 200;
/** Amount texts that say which separator they use needed to decide before that. */
const DECIMAL_DECISIVE_SAMPLES = 20;
const PROGRESS_EVERY_ROWS = 1000;

export interface ReadReportOptions {
  originalName: string;
  dateOrder: DateOrder;
  defaultCurrency: string;
  mapping?: ColumnMapping;
  /** The upload day, "YYYY-MM-DD". */
  today: string;
  period: MonthKey;
  /** Used only when no amount text in the file shows its decimal separator. Default ".". */
  decimalSeparator?: DecimalSeparator;
  onProgress?(rowsRead: number, fraction: number): void;
  onLine(line: ParsedLine): void | Promise<void>;
}

export interface ReportSummary {
  format: ReportFormat;
  sheet: string;
  /** 1-based row number of the header in its sheet. */
  headerRow: number;
  headers: string[];
  columns: Columns;
  /** Data rows: every row below the header except blank and totals rows. */
  rows: number;
  /** Lines handed to onLine (rows without errors). */
  lines: number;
  /** The first MAX_STORED_PROBLEMS problems; the counts below cover all of them. */
  problems: Problem[];
  problemCount: number;
  errorCount: number;
  warningCount: number;
  totalsByCurrency: Record<string, number>;
  decimalSeparator: DecimalSeparator;
  /** The first rows of the chosen sheet, as a preview for the mapping screen. */
  firstRows?: RawRow[];
}

class ProblemLog {
  readonly stored: Problem[] = [];
  errors = 0;
  warnings = 0;

  add(problem: Problem): void {
    if (problem.severity === "error") this.errors += 1;
    else this.warnings += 1;
    if (this.stored.length < MAX_STORED_PROBLEMS) this.stored.push(problem);
  }
}

/** The data rows of the chosen sheet: skips, separator detection, validation, totals. */
class ReportBody {
  rows = 0;
  lines = 0;
  readonly totals: Record<string, number> = {};
  private decimal: DecimalSeparator | null = null;
  private held: RawRow[] = [];
  private samples: string[] = [];
  private readonly columns: Columns;
  /** Built once the decimal separator is known: rows are validated only after that. */
  private ctx: ValidationContext | null = null;

  constructor(
    readonly found: FoundHeader,
    private readonly opts: ReadReportOptions,
    private readonly log: ProblemLog,
  ) {
    this.columns = found.match.columns;
  }

  async push(raw: RawRow): Promise<void> {
    if (isBlankRow(raw.cells, this.columns) || isTotalsRow(raw.cells)) return;
    if (++this.rows > LIMITS.maxRows) throw tooManyRows(raw.sheet);
    if (this.decimal !== null) return this.accept(raw);
    this.held.push(raw);
    const amount = this.columns.netAmount === undefined ? null : raw.cells[this.columns.netAmount];
    if (typeof amount === "string" && decimalSeparatorHint(amount) !== null)
      this.samples.push(amount);
    if (
      this.held.length >= DECIMAL_SAMPLE_ROWS ||
      this.samples.length >= DECIMAL_DECISIVE_SAMPLES
    ) {
      await this.decide();
    }
  }

  async finish(): Promise<DecimalSeparator> {
    if (this.decimal === null) await this.decide();
    return this.decimal ?? ".";
  }

  private async decide(): Promise<void> {
    this.decimal = detectDecimalSeparator(this.samples, this.opts.decimalSeparator ?? ".");
    const held = this.held;
    this.held = [];
    for (const raw of held) await this.accept(raw);
  }

  private async accept(raw: RawRow): Promise<void> {
    const { line, problems } = validateRow(raw, this.columns, this.context());
    for (const problem of problems) this.log.add(problem);
    if (!line) return;
    this.lines += 1;
    this.totals[line.currency] = (this.totals[line.currency] ?? 0) + line.amountMinor;
    const pending = this.opts.onLine(line);
    if (pending) await pending;
  }

  private context(): ValidationContext {
    this.ctx ??= {
      dateOrder: this.opts.dateOrder,
      decimalSeparator: this.decimal ?? ".",
      defaultCurrency: this.opts.defaultCurrency,
      today: this.opts.today,
      period: this.opts.period,
      headers: this.found.match.headers,
    };
    return this.ctx;
  }
}

function tooManyRows(sheet: string): ImportError {
  return new ImportError(
    "too_many_rows",
    { scope: "report", maxRows: LIMITS.maxRows },
    { sheet, limit: LIMITS.maxRows },
  );
}

function fileLevelWarnings(found: FoundHeader, body: ReportBody, log: ProblemLog): void {
  const { sheet } = found;
  const row = found.match.headerRow;
  if (found.match.columns.quantity === undefined) {
    log.add({
      sheet,
      row,
      column: "quantity",
      severity: "warning",
      code: "quantity_missing",
      message: "The report has no quantity column; quantities are left empty.",
    });
  }
  if (body.rows === 0) {
    log.add({
      sheet,
      row,
      column: "",
      severity: "warning",
      code: "nil_report",
      message: "The report has no sales lines: it is recorded as a nil report for the month.",
    });
  }
}

function progressReporter(opts: ReadReportOptions, progress: ReadProgress) {
  return (rowsRead: number, done = false) => {
    if (!opts.onProgress) return;
    if (!done && rowsRead % PROGRESS_EVERY_ROWS !== 0) return;
    opts.onProgress(rowsRead, done ? 1 : Math.min(0.99, progress.fraction));
  };
}

/** Reads the report at `path`; throws ImportError when the file as a whole is refused. */
export async function readReport(path: string, opts: ReadReportOptions): Promise<ReportSummary> {
  // The reader counts what it inflates against the same budgets: no need to inflate twice.
  const { format, sheetBytes } = await checkFileBeforeParsing(path, opts.originalName, {
    measureInflated: false,
  });
  const progress: ReadProgress = { fraction: 0 };
  const source =
    format === "xlsx"
      ? readXlsxRowsInThread(path, progress, sheetBytes)
      : readCsvRows(path, progress);
  const report = progressReporter(opts, progress);
  const search = new HeaderSearch(opts.mapping);
  const log = new ProblemLog();
  let body: ReportBody | null = null;
  let rowsRead = 0;
  for await (const raw of source) {
    report(++rowsRead);
    if (body) {
      if (raw.sheet !== body.found.sheet) break; // the chosen sheet is over
      await body.push(raw);
      continue;
    }
    const outcome = search.push(raw);
    if (!outcome) continue;
    body = await startBody(outcome.found, opts, log);
    if (outcome.previousSheet) break;
  }
  if (!body) {
    const found = search.finish();
    if (!found) throw search.failure();
    body = await startBody(found, opts, log);
  }
  const decimalSeparator = await body.finish();
  fileLevelWarnings(body.found, body, log);
  report(rowsRead, true);
  return summarize(format, body, log, decimalSeparator);
}

async function startBody(
  found: FoundHeader,
  opts: ReadReportOptions,
  log: ProblemLog,
): Promise<ReportBody> {
  const body = new ReportBody(found, opts, log);
  for (const raw of found.rowsBelow) await body.push(raw);
  return body;
}

function summarize(
  format: ReportFormat,
  body: ReportBody,
  log: ProblemLog,
  decimalSeparator: DecimalSeparator,
): ReportSummary {
  const { found } = body;
  return {
    format,
    sheet: found.sheet,
    headerRow: found.match.headerRow,
    headers: found.match.headers,
    columns: found.match.columns,
    rows: body.rows,
    lines: body.lines,
    problems: log.stored,
    problemCount: log.errors + log.warnings,
    errorCount: log.errors,
    warningCount: log.warnings,
    totalsByCurrency: body.totals,
    decimalSeparator,
    firstRows: found.firstRows,
  };
}
