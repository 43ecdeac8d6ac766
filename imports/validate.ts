// Checks one data row of a report and turns it into a sales line (SPEC 4.4): errors reject
// the row (and the version), warnings let it through. Messages speak to a supplier, not a coder.
import { DATE_MAX, DATE_MIN } from "~/schemas/ranges";
import { FIELD_LABELS, type Columns, type Field } from "./headers";
import {
  cellText,
  currencyExponent,
  isEmptyCell,
  isKnownCurrency,
  normalizeCustomerKey,
  numberToDecimalString,
  parseAmount,
  parseInvoiceDate,
  parseQuantity,
} from "./values";
import type {
  Cell,
  DateOrder,
  DecimalSeparator,
  MonthKey,
  ParsedLine,
  Problem,
  RawRow,
  Severity,
} from "./types";

export interface ValidationContext {
  dateOrder: DateOrder;
  decimalSeparator: DecimalSeparator;
  /** The supplier's currency, for rows without a currency column or value. */
  defaultCurrency: string;
  /** The upload day, "YYYY-MM-DD": invoices after it are refused. */
  today: string;
  /** The month the report declares. */
  period: MonthKey;
  /** Header texts by column index, so that problems name columns as the supplier wrote them. */
  headers?: string[];
}

export interface RowResult {
  line?: ParsedLine;
  problems: Problem[];
}

/** Common ways of writing a currency other than its ISO code. */
const CURRENCY_ALIASES: Record<string, string> = {
  R$: "BRL",
  US$: "USD",
  U$S: "USD",
  USD$: "USD",
  MX$: "MXN",
  "€": "EUR",
  "£": "GBP",
};

/** A cell as the supplier sees it, quoted when it is text and shortened when long. */
export function displayCell(cell: Cell): string {
  if (cell instanceof Date)
    return Number.isNaN(cell.getTime()) ? "?" : cell.toISOString().slice(0, 10);
  if (typeof cell === "number") return numberToDecimalString(cell);
  if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
  const text = String(cell ?? "");
  return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`;
}

function isoMonth(date: string): MonthKey {
  return date.slice(0, 7);
}

class RowChecker {
  readonly problems: Problem[] = [];

  constructor(
    private readonly raw: RawRow,
    private readonly columns: Columns,
    private readonly ctx: ValidationContext,
  ) {}

  cell(field: Field): Cell {
    const column = this.columns[field];
    return column === undefined ? null : (this.raw.cells[column] ?? null);
  }

  report(field: Field, severity: Severity, code: string, what: string): void {
    const column = this.columns[field];
    const header = column === undefined ? "" : (this.ctx.headers?.[column] ?? "").trim();
    const label = header || FIELD_LABELS[field];
    this.problems.push({
      sheet: this.raw.sheet,
      row: this.raw.row,
      column: label,
      severity,
      code,
      message: `Row ${this.raw.row}, column "${label}": ${what}`,
    });
  }

  missing(field: Field): void {
    this.report(field, "error", "missing_value", `the ${FIELD_LABELS[field]} is missing.`);
  }

  get hasErrors(): boolean {
    return this.problems.some((problem) => problem.severity === "error");
  }
}

function checkCurrency(check: RowChecker, ctx: ValidationContext): string | null {
  const text = cellText(check.cell("currency"));
  if (text === null) return ctx.defaultCurrency;
  const code = CURRENCY_ALIASES[text.toUpperCase()] ?? text.toUpperCase();
  if (isKnownCurrency(code)) return code;
  check.report(
    "currency",
    "error",
    "unknown_currency",
    `${displayCell(text)} is not a currency we know. Use a 3-letter code such as USD, MXN or BRL.`,
  );
  return null;
}

function checkDate(check: RowChecker, ctx: ValidationContext): string | null {
  const cell = check.cell("invoiceDate");
  if (isEmptyCell(cell)) return (check.missing("invoiceDate"), null);
  const date = parseInvoiceDate(cell, ctx.dateOrder);
  if (date === null) {
    const hint = ctx.dateOrder === "dmy" ? "dd/mm/yyyy" : "mm/dd/yyyy";
    check.report(
      "invoiceDate",
      "error",
      "invalid_date",
      `${displayCell(cell)} is not a valid date (use ${hint} or yyyy-mm-dd).`,
    );
    return null;
  }
  if (date > ctx.today) {
    check.report(
      "invoiceDate",
      "error",
      "future_date",
      `the invoice date ${date} is after today (${ctx.today}).`,
    );
    return null;
  }
  if (date < DATE_MIN || date > DATE_MAX) {
    check.report(
      "invoiceDate",
      "error",
      "date_out_of_range",
      `the invoice date ${date} is outside the dates the portal takes (${DATE_MIN} to ${DATE_MAX}).`,
    );
    return null;
  }
  if (isoMonth(date) !== ctx.period) {
    check.report(
      "invoiceDate",
      "warning",
      "date_outside_period",
      `the invoice date ${date} is outside the report's month (${ctx.period}); it counts in its own month.`,
    );
  }
  return date;
}

/**
 * SPEC 8: the most characters a text field may have (keys and invoice numbers about 64, names,
 * SKUs and categories 500). Longer is a row error, never a stored string.
 */
export const FIELD_MAX_CHARS: Readonly<Partial<Record<Field, number>>> = {
  invoiceNumber: 64,
  customerKey: 64,
  customerName: 500,
  sku: 500,
  category: 500,
};

/** The text, or null with a value_too_long error when it is longer than its field takes. */
function withinCap(check: RowChecker, field: Field, text: string | null): string | null {
  const max = FIELD_MAX_CHARS[field];
  if (text === null || max === undefined || text.length <= max) return text;
  let characters = 0;
  for (const _ of text) characters += 1; // code points: an emoji is one character
  if (characters <= max) return text;
  check.report(
    field,
    "error",
    "value_too_long",
    `${displayCell(text)} is longer than ${max} characters, the most we accept for the ${FIELD_LABELS[field]}.`,
  );
  return null;
}

function checkRequiredText(check: RowChecker, field: Field): string | null {
  const text = cellText(check.cell(field));
  if (text === null) check.missing(field);
  return withinCap(check, field, text);
}

function checkOptionalText(check: RowChecker, field: Field): string | null {
  return withinCap(check, field, cellText(check.cell(field)));
}

function checkAmount(
  check: RowChecker,
  ctx: ValidationContext,
  currency: string | null,
): number | null {
  const cell = check.cell("netAmount");
  if (isEmptyCell(cell)) return (check.missing("netAmount"), null);
  const exponent = currencyExponent(currency ?? ctx.defaultCurrency);
  const amount = parseAmount(cell, ctx.decimalSeparator, exponent);
  if (amount === null) {
    const example = ctx.decimalSeparator === "," ? "1.234,56" : "1,234.56";
    check.report(
      "netAmount",
      "error",
      "invalid_amount",
      `${displayCell(cell)} is not a valid amount (write it like ${example}).`,
    );
  }
  return amount;
}

function checkQuantity(check: RowChecker, columns: Columns, ctx: ValidationContext): number | null {
  if (columns.quantity === undefined) return null; // reported once per file, not per row
  const cell = check.cell("quantity");
  if (isEmptyCell(cell)) {
    check.report("quantity", "warning", "quantity_missing", "the quantity is missing.");
    return null;
  }
  const quantity = parseQuantity(cell, ctx.decimalSeparator);
  if (quantity === null) {
    check.report(
      "quantity",
      "warning",
      "invalid_quantity",
      `${displayCell(cell)} is not a number; the quantity is left empty.`,
    );
  }
  return quantity;
}

/** Validates one data row; `line` is present only when the row has no error. */
export function validateRow(raw: RawRow, columns: Columns, ctx: ValidationContext): RowResult {
  const check = new RowChecker(raw, columns, ctx);
  const invoiceDate = checkDate(check, ctx);
  const invoiceNumber = checkRequiredText(check, "invoiceNumber");
  const customerKeyRaw = checkRequiredText(check, "customerKey");
  const customerKey = customerKeyRaw === null ? "" : normalizeCustomerKey(customerKeyRaw);
  if (customerKeyRaw !== null && customerKey === "") check.missing("customerKey");
  const currency = checkCurrency(check, ctx);
  const amountMinor = checkAmount(check, ctx, currency);
  const quantity = checkQuantity(check, columns, ctx);
  const customerName = checkOptionalText(check, "customerName");
  const sku = checkOptionalText(check, "sku");
  const category = checkOptionalText(check, "category");
  if (
    check.hasErrors ||
    invoiceDate === null ||
    invoiceNumber === null ||
    currency === null ||
    amountMinor === null
  ) {
    return { problems: check.problems };
  }
  const line: ParsedLine = {
    sheet: raw.sheet,
    row: raw.row,
    invoiceDate,
    invoiceNumber,
    customerKey,
    customerKeyRaw: customerKeyRaw ?? "",
    customerName,
    sku,
    category,
    quantity,
    amountMinor,
    currency,
  };
  return { line, problems: check.problems };
}
