// Uploading supplier reports over the API and waiting for their processing to finish.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { ApiClient, Json } from "./http";

export function reportForm(path: string, period: string, supplierId?: number): FormData {
  const form = new FormData();
  form.set("period", period);
  if (supplierId !== undefined) form.set("supplierId", String(supplierId));
  form.set("file", new Blob([readFileSync(path)]), basename(path));
  return form;
}

export function uploadReport(api: ApiClient, path: string, period: string, supplierId?: number) {
  return api.post("/api/v1/reports", reportForm(path, period, supplierId));
}

/** Polls the report until its processing is over; returns it as the API shows it. */
export async function waitForReport(api: ApiClient, id: number, timeoutMs = 60_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await api.get(`/api/v1/reports/${id}`);
    if (res.status !== 200)
      throw new Error(`report ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    if (!["queued", "processing"].includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`report ${id} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Uploads and waits; fails the test unless the upload was accepted for processing. */
export async function ingest(api: ApiClient, path: string, period: string, supplierId?: number) {
  const res = await uploadReport(api, path, period, supplierId);
  if (res.status !== 202)
    throw new Error(`upload ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return waitForReport(api, res.body.id);
}
