import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { authorize } from "~/auth/authorize.server";
import { TierChart } from "~/components/charts/TierEditor";
import { OfferComparisonView, SimulatorControls } from "~/components/forms/OfferComparison";
import { ProgramForm, programErrors } from "~/components/forms/ProgramForm";
import { programFields } from "~/components/forms/program-draft";
import { formFailure } from "~/http/forms.server";
import { idParam } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import { compareOffers, type OfferComparison } from "~/models/offer-simulator.server";
import { getProgram, updateProgram } from "~/models/programs.server";
import { simulateSchedule } from "~/models/simulator.server";
import { listSuppliers } from "~/models/suppliers.server";
import { programFromForm } from "~/schemas/program-form";
import { monthKey, tierSchedule } from "~/schemas/programs";
import programStyles from "~/styles/programs.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: programStyles }];
export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "title.program", { name: data?.program.name ?? "" });

function loadProgram(id: string | undefined) {
  const program = getProgram(idParam(id));
  if (!program) throw new Response("Not found", { status: 404 });
  return program;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return {
    program: loadProgram(params.id),
    suppliers: listSuppliers().map((s) => ({ id: s.id, name: s.name, currency: s.currency })),
  };
}

/** A schedule alone on the program's volume (the simulator before components; still answered). */
const scheduleSimulation = z.object({ tiers: tierSchedule, through: monthKey });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const program = loadProgram(params.id);
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "edit") {
      updateProgram(actor, program.id, programFromForm(form));
      return Response.json({ saved: true });
    }
    if (form.intent === "simulate") {
      const through = monthKey.parse(form.through);
      return Response.json({ offers: compareOffers(program.id, programFromForm(form), through) });
    }
    const input = scheduleSimulation.parse(form);
    return Response.json({ rows: simulateSchedule(program.id, input.tiers, input.through) });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

export default function ProgramDetail() {
  const { program, suppliers } = useLoaderData<typeof loader>();
  const result = useActionData<{
    offers?: OfferComparison;
    saved?: boolean;
    details?: unknown;
    values?: Record<string, string>;
  }>();
  const { t, bps, date } = useI18n();
  const growth = program.basis === "growth";
  return (
    <div className="program-page">
      <h1>{program.name}</h1>
      <p>
        {date(program.start)} – {date(program.end)} ·{" "}
        {growth
          ? t("editor.basisGrowth")
          : program.method === "all-units"
            ? t("programs.allUnits")
            : t("programs.incremental")}{" "}
        · {t("editor.fee")}: {bps(program.feeBps)}
      </p>
      <TierChart
        tiers={
          growth
            ? program.growthTiers.map((g) => ({
                thresholdMinor: g.thresholdBps,
                rateBps: g.rateBps,
              }))
            : program.tiers
        }
        currency={program.currency}
        growth={growth}
      />
      <h2>{t("common.edit")}</h2>
      {result?.saved ? (
        <p className="notice" role="status">
          {t("editor.saved", { name: program.name })}
        </p>
      ) : null}
      <ProgramForm
        key={program.updatedAt}
        intent="edit"
        suppliers={suppliers}
        values={result?.values ?? programFields(program)}
        errors={programErrors(result?.details)}
        defaultFeeBps={program.feeBps}
      >
        <SimulatorControls defaultThrough={program.end.slice(0, 7)} />
      </ProgramForm>
      {result?.offers ? <OfferComparisonView offers={result.offers} /> : null}
    </div>
  );
}
