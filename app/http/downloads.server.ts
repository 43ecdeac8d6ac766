// Headers of a file the browser saves: its type, a safe name (ASCII fallback and UTF-8), no caching.
import type { DownloadFile } from "~/models/money-files.server";

export function downloadHeaders(name: string, type: string): HeadersInit {
  return {
    "Content-Type": type,
    "Content-Disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "Cache-Control": "private, no-store",
  };
}

export function fileResponse(file: DownloadFile): Response {
  return new Response(file.body, { headers: downloadHeaders(file.name, file.type) });
}
