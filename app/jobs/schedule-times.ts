// Pure times of scheduled work: when a job runs next, and which report-due reminder a day is in.

/** Every `every` milliseconds, or daily at `at` ("HH:MM", UTC). */
export type Cadence = { every: number } | { at: string };

/**
 * The next run after a run at `now`. It counts from now, not from the slot that was due: after
 * downtime the missed slots collapse into the one run that just happened (decision 050).
 */
export function nextRunAfter(cadence: Cadence, now: Date): Date {
  if ("every" in cadence) return new Date(now.getTime() + cadence.every);
  const [hours, minutes] = cadence.at.split(":").map(Number);
  const next = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hours, minutes),
  );
  if (next.getTime() <= now.getTime()) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

/** When a newly registered job first runs: an interval job at once, a daily one at its hour. */
export function firstRunAt(cadence: Cadence, now: Date): Date {
  return "every" in cadence ? now : nextRunAfter(cadence, now);
}

const DAY_MS = 24 * 3600 * 1000;
const monthKey = (year: number, month0: number) => {
  const d = new Date(Date.UTC(year, month0, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};

/** The due date of a month's report: day `dueDay` of the month after (the month's last day at most). */
function dueDateOf(year: number, month0: number, dueDay: number): Date {
  const lastDay = new Date(Date.UTC(year, month0 + 2, 0)).getUTCDate();
  return new Date(Date.UTC(year, month0 + 1, Math.min(dueDay, lastDay)));
}

export type ReminderSlot = {
  /** The month whose report is due: the latest one whose due date has come. */
  month: string;
  /** Its due date, YYYY-MM-DD. */
  dueDate: string;
  /** 0 on the due day and the two days after, then 1, 2…: one reminder per slot. */
  slot: number;
};

/**
 * Which reminder `now` (UTC day) is in: the report of the month before is due on `dueDay`, and
 * is reminded then and every 3 days after, until the next month's due day takes over.
 */
export function reminderSlot(now: Date, dueDay: number): ReminderSlot {
  const year = now.getUTCFullYear();
  const month0 = now.getUTCMonth();
  const today = Date.UTC(year, month0, now.getUTCDate());
  let due = dueDateOf(year, month0 - 1, dueDay);
  let month = monthKey(year, month0 - 1);
  if (due.getTime() > today) {
    due = dueDateOf(year, month0 - 2, dueDay);
    month = monthKey(year, month0 - 2);
  }
  return {
    month,
    dueDate: due.toISOString().slice(0, 10),
    slot: Math.floor((today - due.getTime()) / DAY_MS / 3),
  };
}
