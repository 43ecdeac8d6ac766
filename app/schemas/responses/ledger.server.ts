// What the API answers about allocation runs, member balances and the trial balance.
import { amount, currency, id, minor, month, z } from "./zod.server";

const figures = { grossMinor: minor, feeMinor: minor, netMinor: minor };

export const run = z
  .object({
    id,
    programId: id,
    month,
    status: z.enum(["preview", "posted"]),
    pooledVolumeMinor: minor,
    tierIndex: z.number().int(),
    rateBps: z.number().int(),
    ...figures,
    posting: z
      .object(figures)
      .describe("The figures less what earlier runs of the program posted."),
    members: z.array(
      z.object({ memberId: id, volumeMinor: minor, ytdMinor: minor, postingMinor: minor }),
    ),
  })
  .openapi("Run");

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
