// The member's claims (SPEC 5.2): upload an XML or ZIP (or type an invoice with its proof), watch
// it being read, see each invoice's outcome, and the list of claims with their decisions.
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { authorize } from "~/auth/authorize.server";
import { ClaimFilters, ClaimList, UploadOutcome } from "~/components/claims/ClaimViews";
import { Pager } from "~/components/tables/Pager";
import { acceptClaimUpload, claimUploadForApi, getClaimUpload } from "~/http/claims.server";
import { toAnswer } from "~/http/errors.server";
import { readerLocale } from "~/http/reader.server";
import { useI18n } from "~/i18n/context";
import { pageTitle } from "~/i18n/page-title";
import claimStyles from "~/styles/claims.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: claimStyles }];
import { listSuppliers } from "~/models/suppliers.server";
import { claimListPage } from "~/http/claim-lists.server";
import { Downloads } from "~/components/tables/Downloads";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "claims.memberTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await authorize(request, { roles: ["member"] });
  const url = new URL(request.url);
  // The member's own claims only: the scope is the signed-in member, never the query string.
  const list = claimListPage(request, actor);
  const uploadId = Number(url.searchParams.get("upload"));
  const upload = uploadId > 0 ? getClaimUpload(uploadId) : undefined;
  return {
    ...list,
    upload:
      upload && upload.memberId === actor.memberId
        ? claimUploadForApi(upload, readerLocale(request))
        : null,
    suppliers: listSuppliers().map((s) => ({ id: s.id, name: s.name, currency: s.currency })),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await authorize(request, { roles: ["member"] });
  try {
    const upload = await acceptClaimUpload(request, actor, context.ip as string | undefined);
    return redirect(`/member/claims?upload=${upload.id}`);
  } catch (error) {
    const e = toAnswer(error, readerLocale(request));
    return Response.json({ message: e.message, code: e.code }, { status: e.status });
  }
}

export default function MemberClaims() {
  const { claims, total, page, pageSize, upload, suppliers } = useLoaderData<typeof loader>();
  const failed = useActionData<{ message: string; code: string }>();
  const { t } = useI18n();
  const revalidator = useRevalidator();
  const busy = upload && (upload.status === "queued" || upload.status === "processing");
  useEffect(() => {
    if (!busy) return;
    const timer = setTimeout(() => revalidator.revalidate(), 700);
    return () => clearTimeout(timer);
  }, [busy, revalidator, upload?.progress.read]);
  return (
    <>
      <h1>{t("claims.memberTitle")}</h1>
      <section className="card">
        <h2>{t("claims.uploadTitle")}</h2>
        <p>{t("claims.uploadHelp")}</p>
        <Form method="post" encType="multipart/form-data" data-testid="claim-upload-form">
          <label className="field">
            <span>{t("claims.file")}</span>
            <input
              type="file"
              name="file"
              accept=".xml,.zip,application/xml,application/zip"
              required
            />
          </label>
          <button type="submit">{t("claims.send")}</button>
        </Form>
        <details>
          <summary>{t("claims.typedTitle")}</summary>
          <Form method="post" encType="multipart/form-data" data-testid="typed-claim-form">
            <label className="field">
              <span>{t("claims.supplier")}</span>
              <select name="supplierId" required>
                {suppliers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t("claims.invoiceNumber")}</span>
              <input name="invoiceNumber" required maxLength={64} />
            </label>
            <label className="field">
              <span>{t("claims.invoiceDate")}</span>
              <input name="invoiceDate" type="date" required />
            </label>
            <label className="field">
              <span>{t("claims.currency")}</span>
              <input name="currency" required maxLength={3} defaultValue={suppliers[0]?.currency} />
            </label>
            <label className="field">
              <span>{t("claims.netAmount")}</span>
              <input name="netAmount" required inputMode="decimal" maxLength={40} />
            </label>
            <label className="field">
              <span>{t("claims.proof")}</span>
              <input type="file" name="proof" accept=".pdf,.png,.jpg,.jpeg" required />
            </label>
            <button type="submit">{t("claims.send")}</button>
          </Form>
        </details>
        {failed ? (
          <p className="alert" role="alert" data-testid="claim-error">
            {failed.message}
          </p>
        ) : null}
      </section>
      {upload ? <UploadOutcome upload={upload} /> : null}
      <h2>{t("claims.memberTitle")}</h2>
      <ClaimFilters />
      <Downloads path="/member/claims/export" pageParams={["page", "upload"]} />
      <ClaimList claims={claims} show="supplier" />
      <Pager page={page} pageSize={pageSize} total={total} />
    </>
  );
}
