import { describe, expect, it } from "vitest";
import {
  headerParams,
  MultipartError,
  multipartBoundary,
  readMultipart,
  type PartInfo,
} from "./multipart.server";

const B = "----tierpool-test-boundary";

/** A body cut into chunks of `size` bytes, so boundaries fall across chunk edges. */
async function* chunked(body: Buffer, size: number) {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}

function part(disposition: string, content: string | Buffer, type?: string) {
  return Buffer.concat([
    Buffer.from(
      `--${B}\r\nContent-Disposition: ${disposition}\r\n${type ? `Content-Type: ${type}\r\n` : ""}\r\n`,
    ),
    Buffer.from(content),
    Buffer.from("\r\n"),
  ]);
}

const close = Buffer.from(`--${B}--\r\n`);

async function parse(body: Buffer, chunk = 7) {
  const parts: (PartInfo & { data: string })[] = [];
  await readMultipart(chunked(body, chunk), B, (info) => {
    const chunks: Buffer[] = [];
    return {
      write: (c) => void chunks.push(Buffer.from(c)),
      end: () => void parts.push({ ...info, data: Buffer.concat(chunks).toString("utf8") }),
    };
  });
  return parts;
}

describe("readMultipart", () => {
  it("reads fields and files across any chunking, CRLFs and dashes inside content kept", async () => {
    const content = `a,b\r\n--not-the-boundary\r\n\r\n${B.slice(0, 10)}\r\nend`;
    const body = Buffer.concat([
      Buffer.from("preamble to ignore\r\n"),
      part('form-data; name="period"', "2026-03"),
      part('form-data; name="file"; filename="r.csv"', content, "text/csv"),
      close,
      Buffer.from("epilogue"),
    ]);
    for (const size of [1, 2, 7, 64, 100_000]) {
      expect(await parse(body, size)).toEqual([
        { name: "period", data: "2026-03" },
        { name: "file", filename: "r.csv", contentType: "text/csv", data: content },
      ]);
    }
  });

  it.each([
    ['filename="a=b.xlsx"', "a=b.xlsx"],
    ['filename="a;b.xlsx"', "a;b.xlsx"],
    ['filename="a%22b.xlsx"', 'a"b.xlsx'],
    ['filename="a\\"b.xlsx"', 'a"b.xlsx'],
    ['filename="a"b.xlsx"', 'a"b.xlsx'],
    ['filename="relatório ñ 日本.xlsx"', "relatório ñ 日本.xlsx"],
    ["filename*=UTF-8''rel%C3%A1t%C3%B3rio.xlsx", "relátório.xlsx"],
    ["filename=\"x.xlsx\"; filename*=UTF-8''%E2%82%AC.xlsx", "€.xlsx"],
    ['filename="C:\\\\Users\\\\ana\\\\r.xlsx"', "r.xlsx"],
    ['filename="../../etc/passwd"', "passwd"],
    ["filename=plain.xlsx", "plain.xlsx"],
    ['filename=""', ""],
  ])("reads the file name %s as %j", async (param, expected) => {
    const body = Buffer.concat([part(`form-data; name="file"; ${param}`, "x"), close]);
    const [got] = await parse(body);
    expect(got).toMatchObject({ name: "file", filename: expected, data: "x" });
  });

  it.each([
    ["no closing boundary", Buffer.concat([part('form-data; name="a"', "1")])],
    ["no boundary at all", Buffer.from("just text".repeat(10_000))],
    ["a part without a name", Buffer.concat([part("form-data", "1"), close])],
    ["a part that is not form-data", Buffer.concat([part('attachment; name="a"', "1"), close])],
    ["a broken boundary line", Buffer.from(`--${B}xx\r\n\r\n`)],
    [
      "headers without end",
      Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="a"${"x".repeat(20_000)}`),
    ],
  ])("refuses a malformed body: %s", async (_, body) => {
    await expect(parse(body)).rejects.toBeInstanceOf(MultipartError);
  });

  it("stops as soon as a part's headers are refused, reading nothing after", async () => {
    let pulled = 0;
    async function* body() {
      yield part('form-data; name="extra"; filename="a.bin"', "");
      for (;;) {
        pulled++;
        yield Buffer.alloc(1024 * 1024);
      }
    }
    await expect(
      readMultipart(body(), B, () => {
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(pulled).toBe(0);
  });
});

describe("headers", () => {
  it("reads parameters with quoted ; and =", () => {
    const p = headerParams('form-data; name="file"; filename="a;b=c.xlsx"');
    expect(p?.type).toBe("form-data");
    expect(Object.fromEntries(p!.params)).toEqual({ name: "file", filename: "a;b=c.xlsx" });
  });

  it.each([
    [`multipart/form-data; boundary=${B}`, B],
    [`multipart/form-data; boundary="${B}"`, B],
    [`Multipart/Form-Data;boundary=abc; charset=utf-8`, "abc"],
    ["multipart/form-data", null],
    ["multipart/form-data; boundary=", null],
    [`multipart/form-data; boundary=${"x".repeat(71)}`, null],
    ["application/json", null],
    [null, null],
  ])("the boundary of %s is %s", (contentType, boundary) => {
    expect(multipartBoundary(contentType)).toBe(boundary);
  });
});
