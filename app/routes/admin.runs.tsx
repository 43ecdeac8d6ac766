import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { authorize } from "~/auth/authorize.server";
import { MemberComponentShares, RunComponents } from "~/components/runs/RunComponents";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import type { MessageKey } from "~/i18n/locale";
import { pageTitle } from "~/i18n/page-title";
import { memberNamesByIds } from "~/models/member-names.server";
import { getProgram, listPrograms } from "~/models/programs.server";
import { postRun, previewRun, type RunView } from "~/models/runs.server";
import { runPostInput, runPreviewInput } from "~/schemas/runs";
import programStyles from "~/styles/programs.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: programStyles }];
export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "runs.title");

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  return {
    programs: listPrograms().map((p) => ({ id: p.id, name: p.name, currency: p.currency })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    let run: RunView;
    if (form.intent === "post") {
      run = postRun(actor, runPostInput.parse(form).runId);
    } else {
      const input = runPreviewInput.parse(form);
      run = previewRun(actor, input.programId, input.month);
    }
    const program = getProgram(run.programId);
    return Response.json({
      run,
      program: program ? { id: program.id, name: program.name, currency: program.currency } : null,
      names: memberNamesByIds(run.members.map((m) => m.memberId)),
    });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

type ActionData = {
  run?: RunView;
  program?: { id: number; name: string; currency: string } | null;
  names?: Record<number, string>;
  message?: string;
  values?: Record<string, string>;
};

type SortKey = "name" | "volumeMinor" | "ytdMinor" | "postingMinor";

export default function Runs() {
  const { programs } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const { t } = useI18n();
  const run = result?.run;
  const currency = result?.program?.currency ?? "";
  const v = result?.values ?? {};
  const selectedProgram = run ? String(run.programId) : (v.programId ?? "");
  const selectedMonth = run ? run.month : (v.month ?? "");
  return (
    <div className="program-page">
      <h1>{t("runs.title")}</h1>
      <p>
        <a href="/admin/runs/history" data-testid="run-history-link">
          {t("history.title")}
        </a>
      </p>
      {programs.length === 0 ? <p>{t("common.none")}</p> : null}
      <Form method="post" className="toolbar">
        <input type="hidden" name="intent" value="preview" />
        <label className="field">
          <span>{t("runs.program")}</span>
          <select name="programId" defaultValue={selectedProgram} required key={selectedProgram}>
            <option value="" disabled>
              —
            </option>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.currency})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("runs.month")}</span>
          <input
            type="month"
            name="month"
            defaultValue={selectedMonth}
            key={selectedMonth}
            required
          />
        </label>
        <button type="submit">{t("runs.preview")}</button>
      </Form>
      {result?.message ? (
        <p className="alert" role="alert">
          {result.message}
        </p>
      ) : null}
      {run ? (
        <RunPreview
          key={run.id}
          run={run}
          programName={result?.program?.name ?? ""}
          currency={currency}
          names={result?.names ?? {}}
        />
      ) : null}
    </div>
  );
}

function RunPreview({
  run,
  programName,
  currency,
  names,
}: {
  run: RunView;
  programName: string;
  currency: string;
  names: Record<number, string>;
}) {
  const { t, money, bps } = useI18n();
  const posted = run.status === "posted";
  return (
    <section aria-label={t("runs.title")}>
      <h2>
        {programName} · {run.month}
      </h2>
      <p className={posted ? "notice" : undefined} role="status">
        {t(posted ? "runs.statusPosted" : "runs.statusPreview")}
      </p>
      <table className="summary">
        <tbody>
          <tr>
            <th scope="row">{t("runs.pooledVolume")}</th>
            <td className="num">{money(run.pooledVolumeMinor, currency)}</td>
          </tr>
          <tr>
            <th scope="row">{t("runs.tier")}</th>
            <td className="num">
              {run.tierIndex === null ? "—" : `${run.tierIndex + 1} · ${bps(run.rateBps)}`}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("runs.gross")}</th>
            <td className="num">{money(run.grossMinor, currency)}</td>
          </tr>
          <tr>
            <th scope="row">{t("runs.fee")}</th>
            <td className="num">{money(run.feeMinor, currency)}</td>
          </tr>
          <tr>
            <th scope="row">{t("runs.net")}</th>
            <td className="num">{money(run.netMinor, currency)}</td>
          </tr>
        </tbody>
      </table>
      <h3>{t("runs.toPost")}</h3>
      <table className="summary">
        <tbody>
          <tr>
            <th scope="row">{t("runs.gross")}</th>
            <td className="num">{money(run.posting.grossMinor, currency)}</td>
          </tr>
          <tr>
            <th scope="row">{t("runs.fee")}</th>
            <td className="num">{money(run.posting.feeMinor, currency)}</td>
          </tr>
          <tr>
            <th scope="row">{t("runs.net")}</th>
            <td className="num">{money(run.posting.netMinor, currency)}</td>
          </tr>
        </tbody>
      </table>
      {run.components ? <RunComponents components={run.components} currency={currency} /> : null}
      <MemberTable run={run} currency={currency} names={names} />
      {run.components ? (
        <MemberComponentShares
          members={run.members}
          components={run.components}
          names={names}
          currency={currency}
        />
      ) : null}
      {posted ? null : (
        <Form method="post">
          <input type="hidden" name="intent" value="post" />
          <input type="hidden" name="runId" value={run.id} />
          <input type="hidden" name="programId" value={run.programId} />
          <input type="hidden" name="month" value={run.month} />
          <button type="submit">{t("runs.post")}</button>
        </Form>
      )}
    </section>
  );
}

function MemberTable({
  run,
  currency,
  names,
}: {
  run: RunView;
  currency: string;
  names: Record<number, string>;
}) {
  const { t, money } = useI18n();
  const [sort, setSort] = useState<{ key: SortKey; dir: "asc" | "desc" }>({
    key: "name",
    dir: "asc",
  });
  const rows = run.members.map((m) => ({ ...m, name: names[m.memberId] ?? `#${m.memberId}` }));
  rows.sort((a, b) => {
    const c =
      sort.key === "name"
        ? a.name.localeCompare(b.name) || a.memberId - b.memberId
        : a[sort.key] - b[sort.key] || a.memberId - b.memberId;
    return sort.dir === "asc" ? c : -c;
  });
  const header = (key: SortKey, label: MessageKey) => {
    const active = sort.key === key;
    return (
      <th aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}>
        <button
          type="button"
          className="link"
          onClick={() => setSort({ key, dir: active && sort.dir === "asc" ? "desc" : "asc" })}
        >
          {t(label)}
          {active ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
        </button>
      </th>
    );
  };
  if (rows.length === 0) return <p>{t("common.none")}</p>;
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            {header("name", "runs.member")}
            {header("volumeMinor", "runs.volume")}
            {header("ytdMinor", "runs.ytdShare")}
            {header("postingMinor", "runs.posting")}
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.memberId} className={m.postingMinor < 0 ? "clawback" : undefined}>
              <td>{m.name}</td>
              <td className="num">{money(m.volumeMinor, currency)}</td>
              <td className="num">{money(m.ytdMinor, currency)}</td>
              <td className="num">
                {money(m.postingMinor, currency)}
                {m.postingMinor < 0 ? (
                  <>
                    {" "}
                    <strong className="clawback">{t("runs.clawback")}</strong>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
