// Access-matrix cases for money out: receivables, payouts, statements, month close.
import type { ApiCase, PageCase } from "./cases";

export const pages: PageCase[] = [];

export const api: ApiCase[] = [];
