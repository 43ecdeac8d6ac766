// Access-matrix cases for the admin reports and matching screens.
import type { ApiCase, PageCase } from "./cases";

export const pages: PageCase[] = [];

export const api: ApiCase[] = [];
