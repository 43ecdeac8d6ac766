import { describe, expect, it } from "vitest";
import { firstRunAt, nextRunAfter, reminderSlot } from "./schedule-times";

const at = (iso: string) => new Date(iso);

describe("nextRunAfter", () => {
  it("counts an interval from the run, so missed slots collapse into one", () => {
    expect(nextRunAfter({ every: 3600_000 }, at("2026-03-10T09:30:00Z")).toISOString()).toBe(
      "2026-03-10T10:30:00.000Z",
    );
  });

  it("runs a daily job at its hour today if still ahead, else tomorrow", () => {
    expect(nextRunAfter({ at: "08:00" }, at("2026-03-10T07:59:00Z")).toISOString()).toBe(
      "2026-03-10T08:00:00.000Z",
    );
    expect(nextRunAfter({ at: "08:00" }, at("2026-03-10T08:00:00Z")).toISOString()).toBe(
      "2026-03-11T08:00:00.000Z",
    );
    expect(nextRunAfter({ at: "08:00" }, at("2026-12-31T23:00:00Z")).toISOString()).toBe(
      "2027-01-01T08:00:00.000Z",
    );
  });

  it("starts an interval job at once and a daily job at its hour", () => {
    expect(firstRunAt({ every: 60_000 }, at("2026-03-10T09:30:00Z")).toISOString()).toBe(
      "2026-03-10T09:30:00.000Z",
    );
    expect(firstRunAt({ at: "06:15" }, at("2026-03-10T09:30:00Z")).toISOString()).toBe(
      "2026-03-11T06:15:00.000Z",
    );
  });
});

describe("reminderSlot", () => {
  const slot = (iso: string, dueDay = 10) => reminderSlot(at(iso), dueDay);

  it("reminds of the month before from its due day, one slot every 3 days", () => {
    expect(slot("2026-03-10T00:00:00Z")).toEqual({
      month: "2026-02",
      dueDate: "2026-03-10",
      slot: 0,
    });
    expect(slot("2026-03-12T23:59:00Z").slot).toBe(0);
    expect(slot("2026-03-13T00:00:00Z").slot).toBe(1);
    expect(slot("2026-03-16T12:00:00Z").slot).toBe(2);
  });

  it("keeps reminding of the older month until the next due day", () => {
    expect(slot("2026-03-09T12:00:00Z")).toEqual({
      month: "2026-01",
      dueDate: "2026-02-10",
      slot: 9,
    });
    expect(slot("2026-01-05T12:00:00Z")).toEqual({
      month: "2025-11",
      dueDate: "2025-12-10",
      slot: 8,
    });
  });

  it("takes a due day past a short month's end as its last day", () => {
    expect(slot("2026-02-28T12:00:00Z", 31)).toEqual({
      month: "2026-01",
      dueDate: "2026-02-28",
      slot: 0,
    });
    expect(slot("2026-02-27T12:00:00Z", 31).month).toBe("2025-12");
  });
});
