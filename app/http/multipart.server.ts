// multipart/form-data read as it streams in, one part at a time: each part's bytes go to the sink
// its headers chose, so nothing is held whole in memory. The preamble, each part's headers and the
// epilogue are capped. Content-Disposition is read by RFC 7578 / 6266 rules (a quoted file name
// may hold `;`, `=`, escaped quotes and UTF-8; `filename*` is decoded), so no name is unreadable.

/** The body is not well-formed multipart (the edge answers `upload_unreadable`). */
export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MultipartError";
  }
}

export type PartInfo = {
  /** The form field's name. */
  name: string;
  /** Present (maybe "") when the part is a file; only its base name, no folders. */
  filename?: string;
  contentType?: string;
};

export interface PartSink {
  write(chunk: Buffer): void | Promise<void>;
  end(): void | Promise<void>;
}

const MAX_PREAMBLE = 64 * 1024;
const MAX_PART_HEADERS = 8 * 1024;
const MAX_EPILOGUE = 64 * 1024;
const HEADERS_END = Buffer.from("\r\n\r\n");

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** A header's parameters (`type/sub; a=b; c="d;e"`), names lower-cased; null when malformed. */
export function headerParams(value: string): { type: string; params: Map<string, string> } | null {
  const params = new Map<string, string>();
  const at = value.indexOf(";");
  const type = (at < 0 ? value : value.slice(0, at)).trim().toLowerCase();
  let i = at < 0 ? value.length : at;
  while (i < value.length) {
    i++; // past ";"
    const eq = value.indexOf("=", i);
    const semi = value.indexOf(";", i);
    if (eq < 0 || (semi >= 0 && semi < eq)) {
      // A parameter without a value: tolerated only when empty (`a/b;`).
      const junk = value.slice(i, semi < 0 ? value.length : semi).trim();
      if (junk) return null;
      i = semi < 0 ? value.length : semi;
      continue;
    }
    const name = value.slice(i, eq).trim().toLowerCase();
    if (!TOKEN.test(name)) return null;
    i = eq + 1;
    while (value[i] === " " || value[i] === "\t") i++;
    let text: string;
    if (value[i] === '"') {
      ({ text, next: i } = quoted(value, i));
    } else {
      const end = value.indexOf(";", i);
      text = value.slice(i, end < 0 ? value.length : end).trim();
      i = end < 0 ? value.length : end;
    }
    while (value[i] === " " || value[i] === "\t") i++;
    if (i < value.length && value[i] !== ";") return null;
    if (!params.has(name)) params.set(name, text);
  }
  return { type, params };
}

/**
 * A quoted string from `start` (its opening quote). `\"` and `\\` are unescaped, any other
 * backslash kept (a Windows path). A quote not followed by `;` or the end is taken as part of the
 * text, as some clients send `filename="a"b.xlsx"` without escaping.
 */
function quoted(value: string, start: number): { text: string; next: number } {
  let text = "";
  for (let i = start + 1; i < value.length; i++) {
    const c = value[i];
    if (c === "\\" && (value[i + 1] === '"' || value[i + 1] === "\\")) {
      text += value[++i];
    } else if (c === '"') {
      let j = i + 1;
      while (value[j] === " " || value[j] === "\t") j++;
      if (j >= value.length || value[j] === ";") return { text, next: i + 1 };
      text += c;
    } else {
      text += c;
    }
  }
  return { text, next: value.length }; // unterminated: the rest is the text
}

/** The boundary of a multipart/form-data Content-Type, or null when it is not one or has none. */
export function multipartBoundary(contentType: string | null | undefined): string | null {
  const parsed = contentType ? headerParams(contentType) : null;
  if (!parsed || parsed.type !== "multipart/form-data") return null;
  const boundary = parsed.params.get("boundary");
  return boundary && BOUNDARY.test(boundary) ? boundary : null;
}

/** RFC 5987 `charset'lang'percent-encoded` (filename*), or null when it cannot be read. */
function extendedValue(value: string): string | null {
  const m = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (!m) return null;
  const charset = m[1].toLowerCase();
  try {
    if (charset === "utf-8") return decodeURIComponent(m[2]);
    if (charset === "iso-8859-1")
      return m[2].replace(/%([0-9a-f]{2})/gi, (_, h: string) =>
        String.fromCharCode(parseInt(h, 16)),
      );
  } catch {
    return null;
  }
  return null;
}

/** A file name as the user named it, without folders (RFC 7578 4.2). */
function baseName(name: string): string {
  // Browsers and undici write a quote as %22 (HTML's form encoding); nothing else is decoded.
  return (name.replace(/%22/g, '"').split(/[\\/]/).pop() ?? "").trim();
}

function partInfo(block: string): PartInfo {
  const lines: string[] = [];
  for (const line of block.split("\r\n")) {
    if ((line.startsWith(" ") || line.startsWith("\t")) && lines.length)
      lines[lines.length - 1] += line;
    else lines.push(line);
  }
  let disposition: ReturnType<typeof headerParams> | undefined;
  let contentType: string | undefined;
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MultipartError("a part header without a colon");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition" && disposition === undefined)
      disposition = headerParams(value);
    if (name === "content-type") contentType = value;
  }
  if (!disposition || disposition.type !== "form-data")
    throw new MultipartError("a part without Content-Disposition: form-data");
  const name = disposition.params.get("name");
  if (name === undefined) throw new MultipartError("a part without a name");
  const star = disposition.params.get("filename*");
  const plain = disposition.params.get("filename");
  const decoded = star === undefined ? null : extendedValue(star);
  const filename = decoded ?? plain ?? (star === undefined ? undefined : "");
  return {
    name,
    contentType,
    ...(filename === undefined ? {} : { filename: baseName(filename) }),
  };
}

/** A web stream's chunks; leaving the loop early cancels the stream (nothing more is read). */
export async function* chunksOf(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/**
 * Reads `body` as multipart with `boundary`, calling `onPart` at each part's headers; the part's
 * bytes go to the returned sink. `onPart` and the sinks may throw to stop reading (a refusal).
 * Throws MultipartError for a malformed body, including one that ends before its last boundary.
 */
export async function readMultipart(
  body: AsyncIterable<Uint8Array>,
  boundary: string,
  onPart: (part: PartInfo) => PartSink | Promise<PartSink>,
): Promise<void> {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const keep = delimiter.length - 1;
  type State = "preamble" | "delimiter" | "headers" | "body" | "epilogue";
  let state: State = "preamble";
  // A CRLF in front, so a boundary on the very first line is found like every later one.
  let buf: Buffer = Buffer.from("\r\n");
  let skipped = 0;
  let sink: PartSink | null = null;

  for await (const chunk of body) {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (state === "epilogue") {
      skipped += bytes.length;
      if (skipped > MAX_EPILOGUE) return; // the rest is not read
      continue;
    }
    buf = buf.length ? Buffer.concat([buf, bytes]) : bytes;
    for (;;) {
      if (state === "preamble") {
        const at = buf.indexOf(delimiter);
        const drop = at < 0 ? Math.max(0, buf.length - keep) : at;
        skipped += drop;
        if (skipped > MAX_PREAMBLE) throw new MultipartError("no boundary where one was expected");
        if (at < 0) {
          buf = buf.subarray(drop);
          break;
        }
        buf = buf.subarray(at + delimiter.length);
        state = "delimiter";
      } else if (state === "delimiter") {
        // After a boundary: "--" closes the body; else optional blanks and CRLF open a part.
        if (buf.length < 2) break;
        if (buf[0] === 0x2d && buf[1] === 0x2d) {
          state = "epilogue";
          skipped = buf.length - 2;
          buf = Buffer.alloc(0);
          break;
        }
        let i = 0;
        while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
        if (i > 64) throw new MultipartError("blanks after a boundary");
        if (buf.length < i + 2) break;
        if (buf[i] !== 0x0d || buf[i + 1] !== 0x0a) throw new MultipartError("a broken boundary");
        buf = buf.subarray(i + 2);
        state = "headers";
      } else if (state === "headers") {
        const end = buf.indexOf(HEADERS_END);
        if (end < 0 && buf.length >= 2 && buf[0] === 0x0d && buf[1] === 0x0a)
          throw new MultipartError("a part without headers");
        if (end < 0 || end > MAX_PART_HEADERS) {
          if (end > MAX_PART_HEADERS || buf.length > MAX_PART_HEADERS)
            throw new MultipartError("a part's headers are too long");
          break;
        }
        const info = partInfo(buf.subarray(0, end).toString("utf8"));
        buf = buf.subarray(end + HEADERS_END.length);
        sink = await onPart(info);
        state = "body";
      } else if (state === "body") {
        const at = buf.indexOf(delimiter);
        if (at < 0) {
          const safe = buf.length - keep;
          if (safe > 0) {
            await sink!.write(buf.subarray(0, safe));
            buf = buf.subarray(safe);
          }
          break;
        }
        if (at > 0) await sink!.write(buf.subarray(0, at));
        await sink!.end();
        sink = null;
        buf = buf.subarray(at + delimiter.length);
        state = "delimiter";
      } else {
        break;
      }
    }
    if (state === "epilogue" && skipped > MAX_EPILOGUE) return;
  }
  if (state !== "epilogue") throw new MultipartError("the body ended before its last boundary");
}
