// A minimal in-memory ZIP writer for claim tests and the claims bench: entries deflated (or
// stored) from buffers, with names, sizes and flags that may lie, as hostile uploads do.
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipEntryInput {
  name: string;
  content: Buffer | string;
  /** Store instead of deflating. */
  stored?: boolean;
  /** The uncompressed size written in both headers (a lie when it differs). */
  declaredSize?: number;
  /** Compression method written in the headers (e.g. 12, bzip2, that nothing here reads). */
  method?: number;
  /** Sets the "encrypted" flag (bit 0). */
  encrypted?: boolean;
}

/** A ZIP of `entries`, in order, UTF-8 names. Deflate level 6 unless `level` says otherwise. */
export function buildZip(entries: ZipEntryInput[], level = 6): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const content = Buffer.isBuffer(entry.content) ? entry.content : Buffer.from(entry.content);
    const data = entry.stored ? content : deflateRawSync(content, { level });
    const method = entry.method ?? (entry.stored ? 0 : 8);
    const flags = 0x0800 | (entry.encrypted ? 0x0001 : 0);
    const name = Buffer.from(entry.name, "utf8");
    const size = entry.declaredSize ?? content.length;
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
