import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { authorize } from "~/auth/authorize.server";
import { TierChart, TierEditor } from "~/components/charts/TierEditor";
import { formFailure } from "~/http/forms.server";
import { idParam } from "~/http/query.server";
import { useI18n } from "~/i18n/context";
import { getProgram, updateProgram } from "~/models/programs.server";
import { listSuppliers } from "~/models/suppliers.server";
import { ProgramForm, programErrors } from "~/components/forms/ProgramForm";
import { simulateSchedule, type SimulationRow } from "~/models/simulator.server";
import { monthKey, tierSchedule } from "~/schemas/programs";

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

const simulation = z.object({ tiers: tierSchedule, through: monthKey });

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const program = loadProgram(params.id);
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "edit") {
      updateProgram(actor, program.id, form);
      return Response.json({ saved: true });
    }
    const input = simulation.parse(form);
    return Response.json({
      rows: simulateSchedule(program.id, input.tiers, input.through),
    });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

function programValues(
  p: {
    supplierId: number;
    name: string;
    currency: string;
    start: string;
    end: string;
    method: string;
    feeBps: number;
    includeCategories: string[];
    excludeCategories: string[];
  },
  tiers: string,
) {
  return {
    supplierId: String(p.supplierId),
    name: p.name,
    currency: p.currency,
    start: p.start,
    end: p.end,
    method: p.method,
    feeBps: String(p.feeBps),
    tiers,
    includeCategories: p.includeCategories.join(", "),
    excludeCategories: p.excludeCategories.join(", "),
  };
}

export default function ProgramDetail() {
  const { program, suppliers } = useLoaderData<typeof loader>();
  const result = useActionData<{
    rows?: SimulationRow[];
    message?: string;
    saved?: boolean;
    details?: unknown;
    values?: Record<string, string>;
  }>();
  const { t, money, month, bps } = useI18n();
  const c = program.currency;
  const draftText = program.tiers
    .map((tier) => `${tier.thresholdMinor};${tier.rateBps}`)
    .join("\n");
  return (
    <>
      <h1>{program.name}</h1>
      <p>
        {program.start} → {program.end} ·{" "}
        {program.method === "all-units" ? t("programs.allUnits") : t("programs.incremental")} ·{" "}
        {t("programs.feeBps")}: {bps(program.feeBps)}
      </p>
      <TierChart tiers={program.tiers} currency={c} />
      <h2>{t("common.edit")}</h2>
      {result?.saved ? (
        <p className="notice" role="status">
          {t("common.saved")}
        </p>
      ) : null}
      <ProgramForm
        key={program.updatedAt}
        intent="edit"
        suppliers={suppliers}
        values={result?.values ?? programValues(program, draftText)}
        errors={programErrors(result?.details)}
        defaultFeeBps={program.feeBps}
      />
      <h2>{t("programs.simulator")}</h2>
      <Form method="post">
        <TierEditor defaultValue={draftText} currency={c} />
        <label className="field">
          <span>{t("programs.simulateThrough")}</span>
          <input type="month" name="through" defaultValue={program.end.slice(0, 7)} required />
        </label>
        <button type="submit">{t("programs.simulate")}</button>
      </Form>
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      {result?.rows ? (
        <table data-testid="simulation">
          <thead>
            <tr>
              <th>{t("programs.period")}</th>
              <th className="num">{t("programs.pooledVolume")}</th>
              <th className="num">{t("programs.currentSchedule")}</th>
              <th className="num">{t("programs.allUnits")}</th>
              <th className="num">{t("programs.incremental")}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((r) => (
              <tr key={r.month}>
                <td>{month(r.month)}</td>
                <td className="num">{money(r.pooledVolumeMinor, c)}</td>
                <td className="num">{money(r.currentMinor, c)}</td>
                <td className="num">{money(r.draftAllUnitsMinor, c)}</td>
                <td className="num">{money(r.draftIncrementalMinor, c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}
