import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "~/auth/authorize.server";
import { apiRoute } from "~/http/api.server";
import { trialBalance } from "~/models/ledger.server";

export const loader = apiRoute(async ({ request }: LoaderFunctionArgs) => {
  await authorize(request, { roles: ["admin"] });
  const accounts = trialBalance();
  const totals: Record<string, number> = {};
  for (const a of accounts) totals[a.currency] = (totals[a.currency] ?? 0) + a.balanceMinor;
  return Response.json({
    accounts,
    totals: Object.entries(totals).map(([currency, amountMinor]) => ({ currency, amountMinor })),
  });
});
