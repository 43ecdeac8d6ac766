import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { SupplierFilter } from "~/components/forms/SupplierFilter";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { authorize } from "~/auth/authorize.server";
import { Downloads } from "~/components/tables/Downloads";
import { Pager } from "~/components/tables/Pager";
import { SortHeader } from "~/components/tables/SortHeader";
import { matchingList } from "~/http/admin-lists.server";
import { formFailure } from "~/http/forms.server";
import { useI18n } from "~/i18n/context";
import {
  listUnmatched,
  otherSuppliersWaiting,
  resolveCustomerKey,
  suggestionsFor,
} from "~/models/matching.server";
import { getMember, listMembers } from "~/models/members.server";
import { listSuppliers } from "~/models/suppliers.server";
import { aliasResolutionForm } from "~/schemas/aliases";
import { pageTitle } from "~/i18n/page-title";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "matching.title");

const PICKER_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await authorize(request, { roles: ["admin"] });
  const { list, filter } = matchingList(request);
  const { url, sorted } = list;
  const { page, pageSize } = list.paging;
  const { rows, total } = listUnmatched(filter, page, pageSize, sorted);
  const suggestions = suggestionsFor(rows);
  // The member picker of one row: a search by name or tax id, at most 50 results.
  const pick = url.searchParams.get("pick") ?? "";
  const memberQ = url.searchParams.get("memberQ")?.trim().slice(0, 100) ?? "";
  const found = memberQ
    ? listMembers({ q: memberQ, page: 1, pageSize: PICKER_SIZE })
    : { rows: [], total: 0 };
  return {
    rows: rows.map((r) => ({
      ...r,
      suggestions: (suggestions.get(`${r.supplierId}:${r.customerKey}`) ?? []).map((m) => ({
        id: m.id,
        name: m.name,
        score: Math.round(m.score * 100) / 100,
      })),
    })),
    total,
    page,
    pageSize,
    sorted,
    suppliers: listSuppliers().map((s) => ({ id: s.id, name: s.name })),
    picker: {
      for: pick,
      q: memberQ,
      total: found.total,
      members: found.rows.map((m) => ({ id: m.id, name: m.name, taxId: m.taxId })),
    },
  };
}

/** Resolves a key to a member (an alias) or as "not a member", for all its lines. */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["admin"] });
  const form = Object.fromEntries(await request.formData());
  try {
    const input = aliasResolutionForm.parse(form);
    const { supplierId, customerKey } = input;
    const others = input.everySupplier ? otherSuppliersWaiting(customerKey, supplierId) : [];
    const resolveAt = (at: number) =>
      input.intent === "member"
        ? resolveCustomerKey(
            actor,
            { supplierId: at, customerKey, memberId: input.memberId },
            context.ip,
          )
        : resolveCustomerKey(actor, { supplierId: at, customerKey, notMember: true }, context.ip);
    const resolved = resolveAt(supplierId);
    for (const at of others) resolved.linesMatched += resolveAt(at).linesMatched;
    return Response.json({
      resolved: {
        ...resolved,
        suppliers: 1 + others.length,
        supplierId,
        notMember: input.intent === "notMember",
        memberName: input.intent === "member" ? (getMember(input.memberId)?.name ?? null) : null,
      },
    });
  } catch (error) {
    return formFailure(request, error, form);
  }
}

type ActionData = {
  resolved?: {
    customerKey: string;
    linesMatched: number;
    suppliers: number;
    supplierId: number;
    notMember: boolean;
    memberName: string | null;
  };
  code?: string;
  message?: string;
  values?: Record<string, string>;
};

type Row = ReturnType<typeof useLoaderData<typeof loader>>["rows"][number];

export default function MatchingQueue() {
  const { rows, total, page, pageSize, sorted, suppliers } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const [params] = useSearchParams();
  const { t, money } = useI18n();
  return (
    <>
      <h1>{t("matching.title")}</h1>
      <p>{t("matching.help")}</p>
      <Outcome result={result} />
      <Form method="get" className="toolbar">
        <SupplierFilter suppliers={suppliers} />
        <label className="field">
          <span>{t("matching.search")}</span>
          <input type="search" name="q" defaultValue={params.get("q") ?? ""} />
        </label>
        {["sort", "dir"].map((k) =>
          params.get(k) ? <input key={k} type="hidden" name={k} value={params.get(k)!} /> : null,
        )}
        <div className="field">
          <button type="submit">{t("adminReports.filter")}</button>
        </div>
        {params.get("supplierId") || params.get("q") ? (
          <div className="field">
            <Link to="/admin/matching">{t("adminReports.clearFilters")}</Link>
          </div>
        ) : null}
      </Form>
      <Downloads path="/admin/matching/export" />
      <table data-testid="matching-queue">
        <thead>
          <tr>
            <SortHeader column="supplier" label={t("adminReports.supplier")} sorted={sorted} />
            <SortHeader column="key" label={t("matching.key")} sorted={sorted} />
            <th scope="col">{t("matching.names")}</th>
            <SortHeader
              column="lines"
              label={t("matching.lines")}
              sorted={sorted}
              className="num"
              first="desc"
            />
            <SortHeader
              column="amount"
              label={t("matching.amount")}
              sorted={sorted}
              className="num"
              first="desc"
            />
            <th scope="col">{t("matching.resolve")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.supplierId}:${row.customerKey}`}>
              <td>{row.supplierName}</td>
              <td>
                <code>{row.customerKey}</code>
              </td>
              <td>
                {row.names.map((name) => (
                  <div key={name}>{name}</div>
                ))}
              </td>
              <td className="num">{row.lines}</td>
              <td className="num">{money(row.amountMinor, row.currency)}</td>
              <td>
                <Resolve row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p>{t("matching.empty")}</p> : null}
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}

function Outcome({ result }: { result: ActionData | undefined }) {
  const { t, plural } = useI18n();
  if (result?.resolved) {
    const r = result.resolved;
    return (
      <p className="notice" role="status">
        {r.notMember
          ? t("matching.resolvedNotMember", { key: r.customerKey })
          : plural("lists.resolvedMember", r.linesMatched, {
              key: r.customerKey,
              member: r.memberName ?? "",
            })}
        {r.suppliers > 1 ? ` ${plural("matching.atSuppliers", r.suppliers)}` : null}
      </p>
    );
  }
  if (!result?.message) return null;
  const text = t("matching.errorOther", { message: result.message });
  return (
    <p className="alert" role="alert">
      {text}
    </p>
  );
}

function Resolve({ row }: { row: Row }) {
  const { t, bps, plural } = useI18n();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [everywhere, setEverywhere] = useState(false);
  const hidden = (
    <>
      <input type="hidden" name="supplierId" value={row.supplierId} />
      <input type="hidden" name="customerKey" value={row.customerKey} />
      {everywhere ? <input type="hidden" name="everySupplier" value="1" /> : null}
    </>
  );
  return (
    <div>
      {row.alsoWaitingAt > 0 ? (
        <label className="check">
          <input
            type="checkbox"
            checked={everywhere}
            onChange={(event) => setEverywhere(event.target.checked)}
          />{" "}
          {plural("matching.everySupplier", row.alsoWaitingAt)}
        </label>
      ) : null}
      {row.suggestions.length > 0 ? (
        <Form method="post" className="toolbar" aria-label={t("matching.suggestions")}>
          {hidden}
          <input type="hidden" name="intent" value="member" />
          {row.suggestions.map((m) => (
            <button
              key={m.id}
              type="submit"
              name="memberId"
              value={m.id}
              className="secondary"
              disabled={busy}
            >
              {t("matching.matchTo", { name: m.name, score: bps(Math.round(m.score * 10000)) })}
            </button>
          ))}
        </Form>
      ) : (
        <p>{t("matching.noSuggestion")}</p>
      )}
      <MemberPicker row={row} hidden={hidden} busy={busy} />
      <Form
        method="post"
        onSubmit={(event) => {
          if (!window.confirm(t("matching.notMemberConfirm", { key: row.customerKey })))
            event.preventDefault();
        }}
      >
        {hidden}
        <input type="hidden" name="intent" value="notMember" />
        <button type="submit" className="secondary" disabled={busy}>
          {t("matching.notMember")}
        </button>
      </Form>
    </div>
  );
}

/** Search members for this row (a GET that keeps the queue's filters), then pick one. */
function MemberPicker({ row, hidden, busy }: { row: Row; hidden: JSX.Element; busy: boolean }) {
  const { picker } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, plural } = useI18n();
  const pick = `${row.supplierId}:${row.customerKey}`;
  const open = picker.for === pick && picker.q !== "";
  return (
    <>
      <Form method="get" className="toolbar" preventScrollReset>
        {["supplierId", "q", "page"].map((name) =>
          params.get(name) ? (
            <input key={name} type="hidden" name={name} value={params.get(name) ?? ""} />
          ) : null,
        )}
        <input type="hidden" name="pick" value={pick} />
        <input
          type="search"
          name="memberQ"
          defaultValue={open ? picker.q : ""}
          aria-label={t("matching.findMember")}
          placeholder={t("matching.findMember")}
        />
        <button type="submit" className="secondary">
          {t("matching.find")}
        </button>
      </Form>
      {open && picker.members.length === 0 ? (
        <p>{t("matching.noMemberFound", { q: picker.q })}</p>
      ) : null}
      {open && picker.members.length > 0 ? (
        <Form method="post" className="toolbar">
          {hidden}
          <input type="hidden" name="intent" value="member" />
          <label className="field">
            <span>
              {t("matching.chooseMember")} · {plural("matching.membersFound", picker.total)}
            </span>
            <select name="memberId" required>
              {picker.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} · {m.taxId}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            <button type="submit" disabled={busy}>
              {t("matching.match")}
            </button>
          </div>
        </Form>
      ) : null}
    </>
  );
}
