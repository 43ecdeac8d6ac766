// The orders and filters of the supplier's month list (SPEC 6): the model's whitelist and the
// screen's choices.
export const MONTH_SORTS = [
  "month",
  "status",
  "version",
  "lines",
  "total",
  "warnings",
  "errors",
] as const;
export type MonthSort = (typeof MONTH_SORTS)[number];

/** What the month list can be narrowed to. */
export const MONTH_SHOWS = ["missing", "waiting", "counted", "refused"] as const;
export type MonthShow = (typeof MONTH_SHOWS)[number];
