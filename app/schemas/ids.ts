// Ids as the API sends them (numbers) and as forms send them (digit text), under one rule.
import { z } from "zod";

/** "12" from a form becomes 12; anything else is left for zod to judge (so "1.5" or "" fail). */
const digitsToNumber = (v: unknown) =>
  typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : v;

export const positiveId = z.preprocess(digitsToNumber, z.number().int().positive().safe());
