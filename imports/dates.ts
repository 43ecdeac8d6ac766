// Reads invoice dates as suppliers write them (SPEC 4.3): Excel date cells and serial numbers,
// ISO text, day-first or month-first text, and a few spelled-out month forms. Pure.
import type { Cell, DateOrder } from "./types";

const MS_PER_DAY = 86_400_000;
/** Excel's day 0 is 1899-12-30 for every serial after its phantom 1900-02-29 (serial 60). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const MAX_EXCEL_SERIAL = 2_958_465; // 9999-12-31
/** Smaller serials (before 1927-05-18) are taken for stray numbers, not invoice dates. */
const MIN_EXCEL_SERIAL = 10_000;

const MONTHS: Record<string, number> = {
  jan: 1,
  ene: 1,
  feb: 2,
  fev: 2,
  mar: 3,
  apr: 4,
  abr: 4,
  may: 5,
  mai: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  ago: 8,
  sep: 9,
  set: 9,
  oct: 10,
  out: 10,
  nov: 11,
  dec: 12,
  dic: 12,
  dez: 12,
};

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** "YYYY-MM-DD" when the parts make a real calendar day (years 1900–9999), else null. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * exceljs turns a date cell's serial into a Date at that instant in UTC (Excel dates carry no
 * time zone), so the calendar day is read with the UTC getters, never the local ones.
 */
function fromDateCell(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** Excel serial day numbers (time of day ignored); 8-digit integers are read as yyyymmdd. */
function fromNumber(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  if (Number.isInteger(value) && value >= 19000101 && value <= 99991231) {
    return isoDate(Math.floor(value / 10000), Math.floor(value / 100) % 100, value % 100);
  }
  if (value < MIN_EXCEL_SERIAL || value >= MAX_EXCEL_SERIAL + 1) return null;
  return fromDateCell(new Date(EXCEL_EPOCH + Math.floor(value) * MS_PER_DAY));
}

/** Two-digit years are this century: a sales report never carries 20th-century invoices. */
function fullYear(text: string): number {
  const year = Number(text);
  return text.length === 2 ? 2000 + year : year;
}

const ISO_TEXT = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[T\s].*)?$/;
const NUMERIC_TEXT = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?:[T\s]+\d{1,2}:\d{2}.*)?$/;
const COMPACT_TEXT = /^(\d{4})(\d{2})(\d{2})$/;

function fromNumericText(
  first: number,
  second: number,
  year: number,
  order: DateOrder,
): string | null {
  // A part over 12 can only be the day: 25/01/2026 is day-first whatever the setting.
  if (first > 12 && second <= 12) return isoDate(year, second, first);
  if (second > 12 && first <= 12) return isoDate(year, first, second);
  return order === "dmy" ? isoDate(year, second, first) : isoDate(year, first, second);
}

function monthNumber(word: string): number | undefined {
  const key = word.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().slice(0, 3);
  return MONTHS[key];
}

/** "25-Jan-2026", "25 de enero de 2026", "Jan 25, 2026", "25/fev/26". */
function fromSpelledText(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[\s\-/.,]+/)
    .filter((word) => word !== "" && word !== "de");
  if (words.length !== 3) return null;
  const monthAt = words.findIndex((word) => /^\p{L}+$/u.test(word));
  if (monthAt < 0) return null;
  const month = monthNumber(words[monthAt]);
  const numbers = words.filter((_, i) => i !== monthAt);
  if (month === undefined || !numbers.every((word) => /^\d+$/.test(word))) return null;
  const [day, year] = numbers[0].length <= 2 ? numbers : [numbers[1], numbers[0]];
  if (day.length > 2 || (year.length !== 2 && year.length !== 4)) return null;
  return isoDate(fullYear(year), month, Number(day));
}

function fromText(raw: string, order: DateOrder): string | null {
  const text = raw.trim();
  let match = ISO_TEXT.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[3]), Number(match[4]));
  match = NUMERIC_TEXT.exec(text);
  if (match) return fromNumericText(Number(match[1]), Number(match[3]), fullYear(match[4]), order);
  match = COMPACT_TEXT.exec(text);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  if (/^\d{5}(\.\d+)?$/.test(text)) return fromNumber(Number(text));
  return fromSpelledText(text);
}

/** The invoice date as "YYYY-MM-DD", or null when the cell does not hold a real date. */
export function parseInvoiceDate(cell: Cell, dateOrder: DateOrder): string | null {
  if (cell instanceof Date) return fromDateCell(cell);
  if (typeof cell === "number") return fromNumber(cell);
  if (typeof cell === "string") return fromText(cell, dateOrder);
  return null;
}
