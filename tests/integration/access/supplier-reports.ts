// Access-matrix cases for the supplier report screens.
import type { ApiCase, PageCase } from "./cases";

export const pages: PageCase[] = [];

export const api: ApiCase[] = [];
