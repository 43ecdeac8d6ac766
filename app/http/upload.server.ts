// Receiving a multipart upload: only the parts the caller names are taken — one `file`, streamed
// to a temp file and cut off past its limit, and a few small text fields — anything else is
// refused as it arrives. Temp files are deleted whatever happens, and swept at start (boot).
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { open, readdir, rm, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCodedError } from "~/errors/coded";
import { invalid } from "~/models/errors";
import { ImportError } from "@imports/errors";
import { chunksOf, multipartBoundary, readMultipart, type PartSink } from "./multipart.server";

export type Upload = {
  path: string;
  name: string;
  /** The part the file came in: `file`, or another of `fileParts` (a claim's `proof`). */
  part: string;
  size: number;
  fields: FormData;
  remove: () => Promise<void>;
};

/** The member list (admin) is a small workbook; reports may be LIMITS.maxFileBytes. */
export const MEMBER_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** A text field of an upload (a month, an id) is short. */
export const UPLOAD_FIELD_MAX_BYTES = 1024;

const tooLarge = (maxBytes: number) => new ImportError("file_too_large", { maxBytes });
const fileMissing = () =>
  invalid("file_field_missing", {}, [{ path: "file", reason: "attach_file" }]);

/** Where uploads in flight live: TMPDIR/tierpool-uploads. */
export const uploadDirectory = () => join(tmpdir(), "tierpool-uploads");

/**
 * A fresh temp file path in the upload folder. Its name starts with this process's id, so the
 * sweep at start can tell another live server's uploads (kept) from leftovers (deleted).
 */
export function newUploadTempPath(): string {
  const directory = uploadDirectory();
  mkdirSync(directory, { recursive: true });
  return join(directory, `${process.pid}-${Date.now()}-${randomBytes(8).toString("hex")}.upload`);
}

function otherLiveProcess(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Deletes what uploads left in the temp folder (a killed process, a crash): every file but those
 * of another server process still running. Called by boot before the first request.
 */
export async function sweepUploadTemp(): Promise<number> {
  let names: string[];
  try {
    names = await readdir(uploadDirectory());
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (pid && otherLiveProcess(pid)) continue;
    await rm(join(uploadDirectory(), name), { force: true, recursive: true });
    removed++;
  }
  return removed;
}

async function writeAll(handle: FileHandle, chunk: Buffer) {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/**
 * Reads the multipart upload: the file (part `file`, at most `maxBytes`) and the named `fields`
 * (each once, at most UPLOAD_FIELD_MAX_BYTES). A second file, a repeated or unknown part, or an
 * over-long field is refused (400) as soon as its headers arrive. Whatever goes wrong, the temp
 * file is gone before this throws; on success the caller must `remove()` it (see withUpload).
 */
export async function receiveUpload(
  request: Request,
  maxBytes: number,
  fields: readonly string[] = [],
  fileParts: readonly string[] = ["file"],
): Promise<Upload> {
  const boundary = multipartBoundary(request.headers.get("Content-Type"));
  if (!boundary) throw invalid("not_multipart");
  // A body declared larger than the limit is refused before reading any of it.
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes + 64 * 1024) throw tooLarge(maxBytes);
  if (!request.body) throw fileMissing();

  const expected = [...fileParts, ...fields].map((f) => `"${f}"`).join(", ");
  const values = new Map<string, string>();
  type Received = { path: string; name: string; size: number; unnamed: boolean; part: string };
  let file: Received | null = null;
  let handle: FileHandle | null = null;

  const fileSink = async (filename: string, part: string): Promise<PartSink> => {
    const path = newUploadTempPath();
    file = { path, name: filename || "upload", size: 0, unnamed: !filename, part };
    handle = await open(path, "wx");
    const current = file;
    return {
      async write(chunk) {
        current.size += chunk.length;
        if (current.size > maxBytes) throw tooLarge(maxBytes);
        await writeAll(handle!, chunk);
      },
      async end() {
        const h = handle;
        handle = null;
        await h?.close();
      },
    };
  };

  const fieldSink = (name: string): PartSink => {
    const chunks: Buffer[] = [];
    let size = 0;
    return {
      write(chunk) {
        size += chunk.length;
        if (size > UPLOAD_FIELD_MAX_BYTES)
          throw invalid("upload_field_too_long", { part: name, max: UPLOAD_FIELD_MAX_BYTES });
        chunks.push(Buffer.from(chunk));
      },
      end() {
        values.set(name, Buffer.concat(chunks).toString("utf8"));
      },
    };
  };

  let sawFile = false;
  try {
    await readMultipart(chunksOf(request.body), boundary, (part) => {
      if (fileParts.includes(part.name)) {
        if (sawFile) throw invalid("upload_part_repeated", { part: part.name });
        sawFile = true;
        // A text part named "file" is not a file.
        if (part.filename === undefined) throw fileMissing();
        return fileSink(part.filename, part.name);
      }
      if (!fields.includes(part.name))
        throw invalid("upload_part_unknown", { part: part.name, expected });
      if (values.has(part.name)) throw invalid("upload_part_repeated", { part: part.name });
      values.set(part.name, "");
      return fieldSink(part.name);
    });
    const got = file as Received | null;
    // An empty file input of a browser form: no name, no bytes.
    if (!got || (got.size === 0 && got.unnamed)) throw fileMissing();
    const form = new FormData();
    for (const [name, value] of values) form.set(name, value);
    const path = got.path;
    return {
      path,
      name: got.name,
      part: got.part,
      size: got.size,
      fields: form,
      remove: () => rm(path, { force: true }),
    };
  } catch (error) {
    const unclosed = handle as FileHandle | null;
    await unclosed?.close().catch(() => {});
    const written = file as Received | null;
    if (written) await rm(written.path, { force: true });
    // The body stopped (client gone, or refused at the edge) or is not multipart: unreadable.
    throw isCodedError(error) ? error : invalid("upload_unreadable");
  }
}

/** Receives the upload, hands it to `handle`, and deletes its temp file whatever happens. */
export async function withUpload<T>(
  request: Request,
  maxBytes: number,
  fields: readonly string[],
  handle: (upload: Upload) => Promise<T>,
  fileParts: readonly string[] = ["file"],
): Promise<T> {
  const upload = await receiveUpload(request, maxBytes, fields, fileParts);
  try {
    return await handle(upload);
  } finally {
    await upload.remove();
  }
}
