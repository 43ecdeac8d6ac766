// The bytes exceljs's unzip stream really inflates, counted part by part while it streams, and
// stopped at the budget whatever the zip headers declare (SPEC 8): a part may not inflate past
// the size its local header declares (when it declares one), nor all parts together past
// LIMITS.maxUncompressedBytes.
import type { PassThrough, Readable } from "node:stream";
import type { ImportError } from "./errors";
import { LIMITS, inflatedPastDeclared, inflatedPastTotal } from "./limits";

/** What unzipper's Parse stream (exceljs's unzip) hands on for each local file header. */
interface UnzipEntry extends PassThrough {
  path: string;
  vars?: { flags: number; compressedSize: number; uncompressedSize: number };
}

/** The sizes follow the data (bit 3): the local header's are zeros, not a declaration. */
const DATA_DESCRIPTOR = 0x08;
/** Zip64: the real size is elsewhere. */
const ZIP64_SIZE = 0xffffffff;

function isEntry(chunk: unknown): chunk is UnzipEntry {
  return (
    typeof chunk === "object" &&
    chunk !== null &&
    typeof (chunk as UnzipEntry).path === "string" &&
    typeof (chunk as UnzipEntry).once === "function"
  );
}

/** The uncompressed size the local header declares, when it declares one. */
function declaredSize(entry: UnzipEntry): number | null {
  const vars = entry.vars;
  if (!vars || vars.flags & DATA_DESCRIPTOR || vars.uncompressedSize === ZIP64_SIZE) return null;
  return vars.uncompressedSize;
}

export class InflateBudget {
  private total = 0;
  private failed = false;

  /** `fail` is told the refusal once; inflating the part stops at that moment. */
  constructor(private readonly fail: (error: ImportError) => void) {}

  /** Taps unzipper's Parse stream: every entry it pushes is counted from the stream inflating it. */
  watch(zip: unknown): void {
    const parse = zip as { push(chunk: unknown, encoding?: BufferEncoding): boolean };
    if (typeof parse.push !== "function") return;
    const push = parse.push.bind(parse);
    parse.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (isEntry(chunk)) this.track(chunk);
      return push(chunk, encoding);
    };
  }

  /** unzipper pipes the part's inflater (or a pass-through, for stored parts) into the entry. */
  private track(entry: UnzipEntry): void {
    const declared = declaredSize(entry);
    let inflated = 0;
    entry.once("pipe", (source: Readable) => {
      const count = (chunk: Buffer) => {
        inflated += chunk.length;
        this.total += chunk.length;
        const refusal =
          declared !== null && inflated > declared
            ? inflatedPastDeclared(entry.path, declared, inflated)
            : this.total > LIMITS.maxUncompressedBytes
              ? inflatedPastTotal(entry.path, this.total)
              : null;
        if (!refusal) return;
        source.off("data", count);
        source.unpipe(entry);
        source.destroy();
        if (!this.failed) {
          this.failed = true;
          this.fail(refusal);
        }
      };
      source.on("data", count);
    });
  }
}
