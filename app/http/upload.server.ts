// Receiving a multipart upload: the file streams to a temp file, refused past a size limit.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  unstable_composeUploadHandlers as composeUploadHandlers,
  unstable_createFileUploadHandler as createFileUploadHandler,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
  NodeOnDiskFile,
} from "@remix-run/node";
import { invalid } from "~/models/errors";
import { ImportError } from "@imports/errors";

export type Upload = {
  path: string;
  name: string;
  size: number;
  fields: FormData;
  remove: () => Promise<void>;
};

const tooLarge = (maxBytes: number) => new ImportError("file_too_large", { maxBytes });

export async function receiveUpload(request: Request, maxBytes: number): Promise<Upload> {
  if (!request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
    throw invalid("not_multipart");
  }
  // A body declared larger than the limit is refused before reading any of it: the server then
  // discards the rest and the client gets the 413, where stopping mid-way would reset the connection.
  const declared = Number(request.headers.get("Content-Length") ?? 0);
  if (declared > maxBytes + 64 * 1024) throw tooLarge(maxBytes);
  const directory = join(tmpdir(), "tierpool-uploads");
  mkdirSync(directory, { recursive: true });
  let originalName = "upload";
  const handler = composeUploadHandlers(
    createFileUploadHandler({
      directory,
      maxPartSize: maxBytes,
      avoidFileConflicts: false,
      file: ({ filename }) => {
        originalName = filename.split(/[\\/]/).pop() || "upload";
        return `${Date.now()}-${randomBytes(8).toString("hex")}.upload`;
      },
    }),
    createMemoryUploadHandler({ maxPartSize: 64 * 1024 }),
  );
  let fields: FormData;
  try {
    fields = await parseMultipartFormData(request, handler);
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw tooLarge(maxBytes);
    throw invalid("upload_unreadable");
  }
  const file = fields.get("file");
  if (!(file instanceof NodeOnDiskFile))
    throw invalid("file_field_missing", {}, [{ path: "file", reason: "attach_file" }]);
  const path = file.getFilePath();
  return {
    path,
    name: originalName,
    size: file.size,
    fields,
    remove: () => rm(path, { force: true }),
  };
}
