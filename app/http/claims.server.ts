// One way in for a member's claim, from the claims screen and from the API alike (SPEC 5.2, 7):
// an XML or ZIP in part `file` (read in the background), or a typed claim with its proof in part
// `proof` (judged at once). And the texts of outcomes, in the reader's language.
import { readFile } from "node:fs/promises";
import { skipNote, type SkipReason } from "@imports/claims";
import { LIMITS } from "@imports/limits";
import type { ActionFunctionArgs } from "@remix-run/node";
import type { Role } from "@db/schema";
import type { Actor } from "~/auth/authorize.server";
import { assertOwns, authorize } from "~/auth/authorize.server";
import { decidedClaim } from "~/components/claims/ClaimDecided";
import type { Locale } from "~/i18n/locale";
import { enqueueClaimUpload } from "~/jobs/claim-queue.server";
import {
  getClaimUpload,
  PROOF_MAX_BYTES,
  queueClaimUpload,
  submitTypedClaim,
  uploadItems,
  type ClaimUpload,
} from "~/models/claim-uploads.server";
import { invalid, notFound } from "~/models/errors";
import { claimProof } from "~/models/claim-uploads.server";
import { getClaim, type Claim, type ClaimFilter } from "~/models/claims.server";
import { decideClaim } from "~/models/claim-decisions.server";
import { downloadHeaders } from "./downloads.server";
import { typedClaimInput } from "~/schemas/claims";
import { positiveId } from "~/schemas/ids";
import { errorMessage, ERROR_CODES, type ErrorCode } from "./error-messages";
import { formFailure } from "./forms.server";
import { withUpload } from "./upload.server";
import { ImportError } from "@imports/errors";

const TYPED_FIELDS = ["supplierId", "invoiceNumber", "invoiceDate", "currency", "netAmount"];

/** Whose claim: a member's own; an admin names the member (`memberId`). */
function claimant(request: Request, actor: Actor, memberIdField: string | null): number {
  if (actor.role === "member") {
    const own = actor.memberId!;
    if (memberIdField && Number(memberIdField) !== own)
      assertOwns(request, actor, { memberId: Number(memberIdField) });
    return own;
  }
  const parsed = positiveId.safeParse(memberIdField ?? undefined);
  if (!parsed.success) throw invalid("claim_member_required", { field: "memberId" });
  return parsed.data;
}

/** Receives the upload and queues (or, typed, judges) it; returns the upload as recorded. */
export async function acceptClaimUpload(
  request: Request,
  actor: Actor,
  ip?: string,
): Promise<ClaimUpload> {
  return withUpload(
    request,
    LIMITS.maxFileBytes,
    [...TYPED_FIELDS, "memberId"],
    async (upload) => {
      const memberId = claimant(request, actor, upload.fields.get("memberId") as string | null);
      if (upload.part === "proof") {
        const parsed = typedClaimInput.safeParse(
          Object.fromEntries(TYPED_FIELDS.map((f) => [f, upload.fields.get(f) ?? undefined])),
        );
        if (!parsed.success) throw parsed.error;
        if (upload.size > PROOF_MAX_BYTES)
          throw new ImportError("file_too_large", {
            maxBytes: PROOF_MAX_BYTES,
            actual: upload.size,
          });
        const bytes = await readFile(upload.path);
        return submitTypedClaim(actor, memberId, parsed.data, { name: upload.name, bytes }, ip);
      }
      const bytes = await readFile(upload.path);
      const queued = queueClaimUpload(actor, memberId, upload.name, ip);
      void enqueueClaimUpload(queued.id, bytes);
      return queued;
    },
    ["file", "proof"],
  );
}

const isErrorCode = (code: string): code is ErrorCode =>
  (ERROR_CODES as readonly string[]).includes(code);

const INTERRUPTED: Record<Locale, string> = {
  en: "Processing was interrupted (the server stopped). Nothing of this upload was kept; please upload it again.",
  es: "El procesamiento se interrumpió (el servidor se detuvo). No se guardó nada de esta carga; vuelve a subirla.",
  "pt-BR":
    "O processamento foi interrompido (o servidor parou). Nada deste envio foi mantido; envie-o novamente.",
};

/** The text of an outcome's or a refused upload's code, in the reader's language. */
export function outcomeMessage(
  code: string | null,
  params: Record<string, unknown> | null,
  locale: Locale,
): string | undefined {
  if (!code) return undefined;
  if (code === "invoice_not_a_sale" && typeof params?.type === "string")
    return skipNote(params.type as SkipReason, locale);
  if (isErrorCode(code)) return errorMessage(code, params ?? {}, locale);
  return INTERRUPTED[locale];
}

/** GET /api/v1/claim-uploads/:id as SPEC 7 answers it (and the screen's progress poll). */
export function claimUploadForApi(upload: ClaimUpload, locale: Locale) {
  const refusal = upload.message
    ? (JSON.parse(upload.message) as { code: string; params: Record<string, unknown> })
    : null;
  return {
    id: upload.id,
    memberId: upload.memberId,
    fileName: upload.fileName,
    status: upload.status,
    progress: { read: upload.invoicesRead, total: upload.invoicesTotal },
    counts: {
      reported: upload.reported,
      pending: upload.pending,
      notPreferred: upload.notPreferred,
      refused: upload.refused,
    },
    ...(refusal
      ? { code: refusal.code, message: outcomeMessage(refusal.code, refusal.params, locale) }
      : {}),
    invoices: uploadItems(upload.id).map((i) => ({
      file: i.file,
      outcome: i.outcome,
      ...(i.claimId ? { claimId: i.claimId } : {}),
      ...(i.supplierId ? { supplierId: i.supplierId } : {}),
      ...(i.invoiceNumber ? { invoiceNumber: i.invoiceNumber } : {}),
      ...(i.invoiceDate ? { invoiceDate: i.invoiceDate } : {}),
      ...(i.currency ? { currency: i.currency } : {}),
      ...(i.amountMinor !== null ? { amountMinor: i.amountMinor } : {}),
      ...(i.reportedAmountMinor !== null ? { reportedAmountMinor: i.reportedAmountMinor } : {}),
      ...(i.code ? { code: i.code, message: outcomeMessage(i.code, i.params, locale) } : {}),
    })),
  };
}

export { getClaimUpload };

/**
 * The claims filter an actor may use: a member sees its own, a supplier its own; asking for
 * another member's or supplier's claims is refused (403), never silently narrowed.
 */
export function scopedClaimFilter(
  request: Request,
  actor: Actor,
  asked: { status?: ClaimFilter["status"]; supplierId?: number; memberId?: number; month?: string },
): ClaimFilter {
  if (actor.role === "member") {
    if (asked.memberId !== undefined) assertOwns(request, actor, { memberId: asked.memberId });
    return { ...asked, memberId: actor.memberId! };
  }
  if (actor.role === "supplier") {
    if (asked.supplierId !== undefined)
      assertOwns(request, actor, { supplierId: asked.supplierId });
    return { ...asked, supplierId: actor.supplierId! };
  }
  return asked;
}

/** A claim the actor may see: its member, its supplier, an admin; else a refusal (403). */
export function assertSeesClaim(request: Request, actor: Actor, claim: Claim) {
  if (actor.role === "member") assertOwns(request, actor, { memberId: claim.memberId });
  else if (actor.role === "supplier") assertOwns(request, actor, { supplierId: claim.supplierId });
}

/** A claim's proof as an attachment, never rendered by the browser (SPEC 5.2). */
export async function proofResponse(claimId: number): Promise<Response> {
  const proof = claimProof(claimId);
  if (!proof) throw notFound("claim");
  const body = await readFile(proof.storedPath);
  return new Response(body, {
    headers: {
      ...downloadHeaders(proof.fileName, proof.contentType),
      "X-Content-Type-Options": "nosniff",
      "Content-Length": String(body.length),
    },
  });
}

/** A decision form of the claim screens as the decision input: `category:<sku>` fields. */
export function decisionFromForm(form: FormData) {
  const categories = [...form.entries()]
    .filter(([k]) => k.startsWith("category:"))
    .map(([k, v]) => ({ sku: k.slice("category:".length), category: String(v) }));
  return {
    claimId: Number(form.get("claimId")),
    input: {
      decision: form.get("decision"),
      reason: form.get("reason") || undefined,
      comment: form.get("comment") || undefined,
      categories: form.get("decision") === "accept" ? categories : undefined,
    },
  };
}

/** The decision a claim screen's form names: the claim's supplier or an admin decides it. */
async function decideFromForm(request: Request, actor: Actor, ip?: string) {
  const form = await request.formData();
  const { claimId, input } = decisionFromForm(form);
  const claim = Number.isSafeInteger(claimId) && claimId > 0 ? getClaim(claimId) : undefined;
  if (!claim) throw notFound("claim");
  assertSeesClaim(request, actor, claim);
  return decideClaim(actor, claim.id, input, ip);
}

/**
 * The claim screens' action (the admin's list, the supplier's queue): the answer names what the
 * decision did (`decided`, shown by ClaimDecisionAnswer), or the refusal in the reader's words.
 */
export async function claimDecisionAction(
  { request, context }: ActionFunctionArgs,
  roles: readonly Role[],
) {
  const actor = await authorize(request, { roles });
  try {
    const claim = await decideFromForm(request, actor, context.ip as string | undefined);
    return Response.json({ decided: decidedClaim(claim) });
  } catch (error) {
    return formFailure(request, error, {});
  }
}
