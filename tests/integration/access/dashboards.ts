// Access-matrix cases for the dashboards and their data.
import type { ApiCase, PageCase } from "./cases";

export const pages: PageCase[] = [];

export const api: ApiCase[] = [];
