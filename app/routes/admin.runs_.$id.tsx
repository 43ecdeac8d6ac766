import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { RunStatus } from "~/components/books/RunStatus";
import { RunWhy } from "~/components/books/RunWhy";
import { idParam } from "~/http/query.server";
import { orRefusal } from "~/http/refusals.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import { runWithReasons } from "~/models/run-history.server";
import booksStyles from "~/styles/books.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: booksStyles }];
export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  pageTitle(matches, "history.runTitle", {
    program: data?.run.programName ?? "",
    month: data?.run.month ?? "",
  });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const id = idParam(params.id);
  return orRefusal(request, () => runWithReasons(id));
}

export default function RunDetail() {
  const data = useLoaderData<typeof loader>();
  const { run } = data;
  const { t, money, month, dateTime, bps } = useI18n();
  const c = run.currency;
  return (
    <>
      <p>
        <Link to="/admin/runs/history">{t("history.back")}</Link>
      </p>
      <h1>
        {run.programName} · {month(run.month)}
      </h1>
      <p data-testid="run-status">
        <RunStatus status={run.status} trueUp={run.trueUp} />{" "}
        {run.postedAt
          ? t("history.postedByOn", { who: run.postedBy ?? "—", when: dateTime(run.postedAt) })
          : t("history.previewedBy", { who: run.createdBy ?? "—", when: dateTime(run.createdAt) })}
      </p>
      <div className="table-scroll">
        <table data-testid="run-figures">
          <thead>
            <tr>
              <th scope="col"></th>
              <th scope="col" className="num">
                {t("history.gross")}
              </th>
              <th scope="col" className="num">
                {t("history.fee")}
              </th>
              <th scope="col" className="num">
                {t("history.toMembers")}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr data-row="ytd">
              <th scope="row">{t("history.yearToDate", { month: month(run.month) })}</th>
              <td className="num nowrap">{money(data.grossMinor, c)}</td>
              <td className="num nowrap">{money(data.feeMinor, c)}</td>
              <td className="num nowrap">{money(data.netMinor, c)}</td>
            </tr>
            <tr data-row="before">
              <th scope="row">{t("history.postedBefore")}</th>
              <td className="num nowrap">{money(data.grossMinor - run.grossMinor, c)}</td>
              <td className="num nowrap">{money(data.feeMinor - run.feeMinor, c)}</td>
              <td className="num nowrap">{money(data.netMinor - run.netMinor, c)}</td>
            </tr>
            <tr data-row="posting">
              <th scope="row">{t("history.thisPosting")}</th>
              <td className="num nowrap" data-posting-gross>
                {money(run.grossMinor, c)}
              </td>
              <td className="num nowrap">{money(run.feeMinor, c)}</td>
              <td className="num nowrap">{money(run.netMinor, c)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        {t("history.poolAndTier", {
          volume: money(run.pooledVolumeMinor, c),
          tier: data.tierIndex === null ? "—" : data.tierIndex + 1,
          rate: bps(run.rateBps),
        })}
      </p>
      <RunWhy data={data} />
      <h2>{t("history.members")}</h2>
      <div className="table-scroll">
        <table data-testid="run-members">
          <thead>
            <tr>
              <th scope="col">{t("history.member")}</th>
              <th scope="col" className="num">
                {t("history.memberVolume")}
              </th>
              <th scope="col" className="num">
                {t("history.earnedBefore")}
              </th>
              <th scope="col" className="num">
                {t("history.earnedNow")}
              </th>
              <th scope="col" className="num">
                {t("history.thisPosting")}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => (
              <tr key={m.memberId} data-member={m.memberId}>
                <th scope="row">
                  <Link to={`/admin/members/${m.memberId}`}>{m.name}</Link>
                </th>
                <td className="num nowrap">{money(m.volumeMinor, c)}</td>
                <td className="num nowrap">{money(m.previousYtdMinor, c)}</td>
                <td className="num nowrap">{money(m.ytdMinor, c)}</td>
                <td className="num nowrap" data-posting>
                  {money(m.postingMinor, c)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {run.status === "posted" ? (
        <p>
          <Link to={`/admin/ledger?runId=${run.id}`}>{t("history.ledgerEntry")}</Link>
        </p>
      ) : null}
    </>
  );
}
