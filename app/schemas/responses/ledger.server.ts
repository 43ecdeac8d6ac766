// What the API answers about allocation runs, member balances and the trial balance.
import { amount, currency, id, minor, month, z } from "./zod.server";

const figures = { grossMinor: minor, feeMinor: minor, netMinor: minor };

export const runComponent = z
  .object({
    kind: z.enum(["tier", "bonus"]),
    name: z.string(),
    basisMinor: minor.describe("V for the tier component; the sum of the weights for a bonus."),
    baselineMinor: minor.optional().describe("B, for a growth basis."),
    paidVolumeMinor: minor.optional().describe("min(V, volumeCapMinor): what the tier pays on."),
    tierIndex: z.number().int().nullable().optional(),
    rateBps: z.number().int().optional(),
    perUnitMinor: minor.optional(),
    requirements: z
      .array(
        z.object({
          category: z.string(),
          minVolumeMinor: minor,
          volumeMinor: minor,
          met: z.boolean(),
        }),
      )
      .optional()
      .describe("A bonus's mix condition, as judged on the pooled year-to-date volume."),
    ...figures,
    limit: z.enum(["volume-cap", "refund-cap", "minimum"]).optional(),
  })
  .openapi("RunComponent");

const memberComponent = z.object({ name: z.string(), weightMinor: minor, amountMinor: minor });

const posting = z
  .object(figures)
  .describe("The figures less what earlier runs of the program posted.");

export const run = z
  .object({
    id,
    programId: id,
    month,
    status: z.enum(["preview", "posted"]),
    pooledVolumeMinor: minor,
    tierIndex: z.number().int().nullable().describe("Null when a growth program reaches no tier."),
    rateBps: z.number().int(),
    ...figures,
    posting,
    components: z
      .array(runComponent)
      .optional()
      .describe("SPEC 3.7, for a program with components: every component, in order."),
    members: z.array(
      z.object({
        memberId: id,
        volumeMinor: minor,
        ytdMinor: minor,
        postingMinor: minor,
        components: z.array(memberComponent).optional(),
      }),
    ),
  })
  .openapi("Run");

export const runListItem = z
  .object({
    id,
    programId: id,
    month,
    status: z.enum(["preview", "posted"]),
    postedAt: z.string().nullable(),
    postedBy: id.nullable(),
    pooledVolumeMinor: minor,
    tierIndex: z.number().int().nullable(),
    rateBps: z.number().int(),
    ...figures,
    posting,
    components: z.array(runComponent).optional(),
  })
  .openapi("RunListItem");

export const balance = z
  .object({
    memberId: id,
    balances: z.array(amount),
    byProgram: z.array(z.object({ programId: id, earnedMinor: minor })),
  })
  .openapi("Balance");

export const trialBalance = z
  .object({
    accounts: z.array(z.object({ account: z.string(), currency, balanceMinor: minor })),
    totals: z.array(amount),
  })
  .openapi("TrialBalance");
