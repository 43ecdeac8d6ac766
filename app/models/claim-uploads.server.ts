// A member's claim upload (SPEC 5.2): one XML or a ZIP of many read in the background with
// progress, or a typed claim with its proof. Every invoice gets its outcome; the upload its
// counts. Reading comes first (nothing written); then ONE write transaction judges every
// invoice and writes the claims, so an upload a crash interrupts leaves nothing behind.
import { createHash } from "node:crypto";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { databasePath, getDb, inTransaction, type Db } from "@db/client.server";
import type { ClaimUploadStatus } from "@db/schema";
import { isCodedError } from "~/errors/coded";
import type { TypedClaimInput } from "~/schemas/claims";
import { recordAudit, type AuditActor } from "./audit.server";
import { readClaimFile, type InvoiceReading, type ParsedInvoice } from "./claim-reader.server";
import { judgeAndWrite, supplierOfIssuer, type ClaimCandidate, type Judged } from "./claims.server";
import { conflict, invalid, notFound } from "./errors";

/** A typed claim's proof: at most 10 MiB (SPEC 5.2). */
export const PROOF_MAX_BYTES = 10 * 1024 * 1024;

export type ClaimUpload = {
  id: number;
  memberId: number;
  fileName: string;
  kind: "xml" | "zip" | "typed";
  status: ClaimUploadStatus;
  invoicesRead: number;
  invoicesTotal: number | null;
  reported: number;
  pending: number;
  notPreferred: number;
  refused: number;
  skipped: number;
  /** A refusal of the whole file: its code and params (JSON). */
  message: string | null;
  createdAt: string;
  finishedAt: string | null;
};

export type UploadItem = {
  id: number;
  file: string;
  outcome: Judged["outcome"];
  claimId: number | null;
  code: string | null;
  params: Record<string, unknown> | null;
  supplierId: number | null;
  supplierName: string | null;
  invoiceNumber: string | null;
  invoiceDate: string | null;
  currency: string | null;
  amountMinor: number | null;
  reportedAmountMinor: number | null;
};

const UPLOAD_COLUMNS = `id, member_id AS memberId, file_name AS fileName, kind, status,
  invoices_read AS invoicesRead, invoices_total AS invoicesTotal, reported, pending,
  not_preferred AS notPreferred, refused, skipped, message, created_at AS createdAt,
  finished_at AS finishedAt`;

export function getClaimUpload(id: number, db: Db = getDb()): ClaimUpload | undefined {
  return db.$client.prepare(`SELECT ${UPLOAD_COLUMNS} FROM claim_uploads WHERE id = ?`).get(id) as
    ClaimUpload | undefined;
}

export function uploadItems(uploadId: number, db: Db = getDb()): UploadItem[] {
  const rows = db.$client
    .prepare(
      `SELECT i.id, i.file, i.outcome, i.claim_id AS claimId, i.code, i.message AS params,
              i.supplier_id AS supplierId, s.name AS supplierName,
              i.invoice_number AS invoiceNumber, i.invoice_date AS invoiceDate, i.currency,
              i.amount_minor AS amountMinor, c.reported_amount_minor AS reportedAmountMinor
         FROM claim_upload_items i
         LEFT JOIN suppliers s ON s.id = i.supplier_id
         LEFT JOIN claims c ON c.id = i.claim_id
        WHERE i.upload_id = ? ORDER BY i.id`,
    )
    .all(uploadId) as (Omit<UploadItem, "params"> & { params: string | null })[];
  return rows.map((r) => ({ ...r, params: r.params ? JSON.parse(r.params) : null }));
}

/** The member's uploads, newest first. */
export function listClaimUploads(memberId: number, limit = 10, db: Db = getDb()): ClaimUpload[] {
  return db.$client
    .prepare(
      `SELECT ${UPLOAD_COLUMNS} FROM claim_uploads WHERE member_id = ? ORDER BY id DESC LIMIT ?`,
    )
    .all(memberId, limit) as ClaimUpload[];
}

function memberTaxKey(db: Db, memberId: number): string {
  const key = db.$client
    .prepare(`SELECT tax_id_normalized FROM members WHERE id = ?`)
    .pluck()
    .get(memberId) as string | undefined;
  if (key === undefined) throw notFound("member");
  return key;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Records a queued upload of an XML or ZIP file; the caller queues `processClaimUpload`. */
export function queueClaimUpload(
  actor: AuditActor,
  memberId: number,
  fileName: string,
  ip?: string,
): ClaimUpload {
  return inTransaction((db) => {
    memberTaxKey(db, memberId);
    const kind = /\.zip$/i.test(fileName) ? "zip" : "xml";
    const id = Number(
      db.$client
        .prepare(
          `INSERT INTO claim_uploads (member_id, uploaded_by, file_name, kind) VALUES (?,?,?,?)`,
        )
        .run(memberId, actor?.id ?? null, fileName.slice(0, 255), kind).lastInsertRowid,
    );
    recordAudit(actor, "claim.upload", { type: "claim_upload", id }, { memberId, fileName }, ip);
    return getClaimUpload(id, db)!;
  });
}

/** A reading as a candidate: the readers' invoice in the workflow's shape. */
function candidateOf(file: string, inv: ParsedInvoice): ClaimCandidate {
  return {
    file,
    format: inv.format === "nfe400" ? "nfe" : "cfdi",
    kind: inv.skipped ?? (inv.kind === "invoice" ? "sale" : "credit_note"),
    issuerTaxId: inv.issuerTaxId,
    receiverTaxId: inv.receiverTaxId,
    invoiceNumber: inv.number,
    numberKeys: inv.numberKeys,
    documentKey: inv.documentKey || null,
    invoiceDate: inv.issuedOn,
    currency: inv.currency,
    amountMinor: inv.netMinor,
    lines: inv.lines.map((l) => ({
      sku: l.sku ?? null,
      description: l.description,
      quantity: l.quantity,
      amountMinor: l.netMinor,
    })),
  };
}

/**
 * An invoice as read, waiting for the landing transaction: the candidate to judge, or the
 * readers' refusal (with the issuer, to name its supplier).
 */
type ReadInvoice =
  | { ok: true; candidate: ClaimCandidate }
  | { ok: false; refused: Judged; issuerTaxId: string | null };

/**
 * A reading in the shape it waits in, as plain copies: the readers' strings are slices of the
 * file's XML text, and keeping one would keep that whole text alive — 10,000 invoices' worth
 * of XML held (and traced by every garbage collection) until the transaction (SPEC 9).
 */
function waiting(r: InvoiceReading): ReadInvoice {
  if (r.ok) return structuredClone({ ok: true, candidate: candidateOf(r.file, r.invoice) });
  const inv = r.invoice;
  return structuredClone({
    ok: false,
    issuerTaxId: inv?.issuerTaxId ?? null,
    refused: {
      file: r.file,
      outcome: "refused",
      code: r.error.code,
      params: r.error.params,
      invoiceNumber: inv?.number,
      invoiceDate: inv?.issuedOn,
      currency: inv?.currency,
    },
  });
}

/** Progress is a commit (an fsync) of its own: written a few times a second, not per invoice. */
const PROGRESS_EVERY_MS = 500;

/**
 * Reads the upload's bytes (progress written as invoices are read), then judges and writes
 * every invoice in one transaction (decision 055: an upload a crash interrupts leaves nothing
 * behind), its statements prepared once (decision 067). A file refused as a whole (a ZIP bomb,
 * a path in an entry name, a ZIP with no invoice) fails the upload with its code; nothing else
 * is written.
 */
export async function processClaimUpload(uploadId: number, bytes: Buffer): Promise<void> {
  const db = getDb();
  const upload = getClaimUpload(uploadId, db);
  if (!upload || upload.status !== "queued") return;
  setStatus(db, uploadId, "processing");
  const progress = db.$client.prepare(
    `UPDATE claim_uploads SET invoices_read = ?, invoices_total = ? WHERE id = ?`,
  );
  try {
    const read: ReadInvoice[] = [];
    let progressAt = 0;
    const source = readClaimFile(upload.fileName, bytes, (done, total) => {
      const now = Date.now();
      if (done === 0 || done === total || now - progressAt >= PROGRESS_EVERY_MS) {
        progress.run(done, total, uploadId);
        progressAt = now;
      }
    });
    for await (const reading of source) read.push(waiting(reading));
    if (read.length === 0) throw conflict("claim_upload_empty");
    inTransaction((tx) => {
      const ctx = {
        memberId: upload.memberId,
        memberTaxKey: memberTaxKey(tx, upload.memberId),
        uploadId,
        today: today(),
      };
      const judged = read.map((r): Judged => {
        if (r.ok) return judgeAndWrite(tx, ctx, r.candidate);
        const supplierId = r.issuerTaxId ? supplierOfIssuer(tx, r.issuerTaxId) : undefined;
        return { ...r.refused, supplierId };
      });
      finish(tx, uploadId, judged);
    });
  } catch (error) {
    const refusal = isCodedError(error)
      ? { code: error.code, params: error.params }
      : { code: "internal", params: {} };
    if (!isCodedError(error)) console.error(`Claim upload ${uploadId} failed:`, error);
    inTransaction((tx) => {
      tx.$client
        .prepare(
          `UPDATE claim_uploads SET status = 'failed', message = ?, finished_at = ? WHERE id = ?`,
        )
        .run(JSON.stringify(refusal), new Date().toISOString(), uploadId);
    });
  }
}

function setStatus(db: Db, uploadId: number, status: ClaimUploadStatus) {
  db.$client.prepare(`UPDATE claim_uploads SET status = ? WHERE id = ?`).run(status, uploadId);
}

/** Writes the outcomes and counts (skipped invoices are listed, not counted: SPEC 5.2). */
function finish(db: Db, uploadId: number, judged: Judged[]) {
  const insert = db.$client.prepare(
    `INSERT INTO claim_upload_items (upload_id, file, outcome, claim_id, code, message,
                                     supplier_id, invoice_number, invoice_date, currency,
                                     amount_minor)
     VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const counts = { reported: 0, pending: 0, not_preferred: 0, refused: 0, skipped: 0 };
  for (const j of judged) {
    counts[j.outcome]++;
    insert.run(
      uploadId,
      j.file.slice(0, 255),
      j.outcome,
      j.claimId ?? null,
      j.code ?? null,
      j.params ? JSON.stringify(j.params) : null,
      j.supplierId ?? null,
      j.invoiceNumber?.slice(0, 64) ?? null,
      j.invoiceDate ?? null,
      j.currency ?? null,
      j.amountMinor ?? null,
    );
  }
  db.$client
    .prepare(
      `UPDATE claim_uploads SET status = 'done', invoices_read = ?, invoices_total = ?,
              reported = ?, pending = ?, not_preferred = ?, refused = ?, skipped = ?,
              finished_at = ?
        WHERE id = ?`,
    )
    .run(
      judged.length,
      judged.length,
      counts.reported,
      counts.pending,
      counts.not_preferred,
      counts.refused,
      counts.skipped,
      new Date().toISOString(),
      uploadId,
    );
}

/** Uploads a stopped process left queued or processing: failed, nothing of them written. */
export function failInterruptedClaimUploads(db: Db = getDb(), only?: readonly number[]): number {
  return db.$client
    .prepare(
      `UPDATE claim_uploads SET status = 'failed', message = ?, finished_at = ?
        WHERE status IN ('queued', 'processing')
          AND (? IS NULL OR id IN (SELECT value FROM json_each(?)))`,
    )
    .run(
      JSON.stringify({ code: "interrupted", params: {} }),
      new Date().toISOString(),
      only ? 1 : null,
      JSON.stringify(only ?? []),
    ).changes;
}

// ── Typed claims with a proof ──

const PROOF_TYPES: { type: string; ext: string; magic: number[] }[] = [
  { type: "application/pdf", ext: "pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { type: "image/png", ext: "png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: "image/jpeg", ext: "jpg", magic: [0xff, 0xd8, 0xff] },
];

/** The proof's type by its first bytes (never by its name or declared type), or a 422. */
export function proofType(bytes: Uint8Array) {
  const found = PROOF_TYPES.find((t) => t.magic.every((b, i) => bytes[i] === b));
  if (!found) throw conflict("claim_proof_type");
  return found;
}

/** Where proofs are kept: beside the database, never served but through the claim's route. */
export const proofDirectory = () => join(dirname(databasePath()), "claim-proofs");

/**
 * A claim typed by the member with its proof (PDF, PNG or JPEG, at most 10 MiB): judged at once
 * by the same rules (no receiver to check); the proof is stored only when a claim is made.
 */
export function submitTypedClaim(
  actor: AuditActor,
  memberId: number,
  input: TypedClaimInput,
  proof: { name: string; bytes: Uint8Array },
  ip?: string,
): ClaimUpload {
  if (proof.bytes.length > PROOF_MAX_BYTES)
    throw invalid("proof_too_large", { max: PROOF_MAX_BYTES });
  const type = proofType(proof.bytes);
  const directory = proofDirectory();
  mkdirSync(directory, { recursive: true });
  const sha256 = createHash("sha256").update(proof.bytes).digest("hex");
  const staged = join(directory, `.${process.pid}-${sha256}.tmp`);
  writeFileSync(staged, proof.bytes);
  try {
    const { upload, storedPath } = inTransaction((db) => {
      if (!db.$client.prepare(`SELECT 1 FROM suppliers WHERE id = ?`).get(input.supplierId))
        throw notFound("supplier");
      const key = memberTaxKey(db, memberId);
      const uploadId = Number(
        db.$client
          .prepare(
            `INSERT INTO claim_uploads (member_id, uploaded_by, file_name, kind, status)
             VALUES (?,?,?,'typed','processing')`,
          )
          .run(memberId, actor?.id ?? null, proof.name.slice(0, 255)).lastInsertRowid,
      );
      const judged = judgeAndWrite(
        db,
        { memberId, memberTaxKey: key, uploadId, today: today() },
        {
          file: proof.name,
          format: "typed",
          kind: input.amountMinor < 0 ? "credit_note" : "sale",
          supplierId: input.supplierId,
          invoiceNumber: input.invoiceNumber,
          invoiceDate: input.invoiceDate,
          currency: input.currency,
          amountMinor: input.amountMinor,
          lines: [{ quantity: null, amountMinor: input.amountMinor }],
        },
      );
      let storedPath: string | null = null;
      if (judged.claimId) {
        storedPath = join(directory, `${judged.claimId}.${type.ext}`);
        db.$client
          .prepare(
            `INSERT INTO claim_proofs (claim_id, file_name, content_type, size, sha256, stored_path)
             VALUES (?,?,?,?,?,?)`,
          )
          .run(
            judged.claimId,
            proof.name.slice(0, 255),
            type.type,
            proof.bytes.length,
            sha256,
            storedPath,
          );
      }
      finish(db, uploadId, [judged]);
      recordAudit(
        actor,
        "claim.upload",
        { type: "claim_upload", id: uploadId },
        {
          memberId,
          typed: true,
          invoiceNumber: input.invoiceNumber,
        },
        ip,
      );
      return { upload: getClaimUpload(uploadId, db)!, storedPath };
    });
    if (storedPath) renameSync(staged, storedPath);
    return upload;
  } finally {
    rmSync(staged, { force: true });
  }
}

/** The proof of a claim, to serve as an attachment (access is checked by the caller). */
export function claimProof(claimId: number, db: Db = getDb()) {
  return db.$client
    .prepare(
      `SELECT file_name AS fileName, content_type AS contentType, size, stored_path AS storedPath
         FROM claim_proofs WHERE claim_id = ?`,
    )
    .get(claimId) as
    { fileName: string; contentType: string; size: number; storedPath: string } | undefined;
}
