import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * The parts of an OOXML package (an .xlsx or .xlsm is a zip of XML parts). A part the CLI does
 * not change is written back as the very bytes it was read as — its local header, compressed
 * data and directory record copied — so it comes back byte-identical and costs nothing to keep;
 * only the parts set here are compressed anew (zlib, natively). The file's size is bounded before
 * it gets here (openWorkbookFile: 50 MB, and its parts' inflated sizes checked).
 */
interface Entry {
  name: string;
  /** The directory record as read, copied for an unchanged part with its offset updated. */
  record: Buffer;
  /** The local header, data and any data descriptor, as read. */
  local: Buffer;
  method: number;
  dataStart: number;
  compressed: number;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DESCRIPTOR = 0x08074b50;

export class ZipPackage {
  private readonly entries: Entry[];
  /** New content of parts set (uncompressed), by name. */
  private readonly replaced = new Map<string, Buffer>();
  private readonly removed = new Set<string>();

  private constructor(
    private readonly data: Buffer,
    entries: Entry[],
  ) {
    this.entries = entries;
  }

  static async load(bytes: Uint8Array): Promise<ZipPackage> {
    const data = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return new ZipPackage(data, readDirectory(data));
  }

  static empty(): ZipPackage {
    return new ZipPackage(Buffer.alloc(0), []);
  }

  names(): string[] {
    const kept = this.entries.map((e) => e.name).filter((n) => !this.removed.has(n));
    return [...kept, ...[...this.replaced.keys()].filter((n) => !kept.includes(n))];
  }

  has(name: string): boolean {
    return this.resolve(name) !== null;
  }

  async text(name: string): Promise<string | null> {
    const bytes = await this.bytes(name);
    return bytes === null ? null : new TextDecoder('utf-8').decode(bytes);
  }

  async bytes(name: string): Promise<Uint8Array | null> {
    const found = this.resolve(name);
    if (found === null) return null;
    const set = this.replaced.get(found);
    if (set) return set;
    const e = this.entries.find((x) => x.name === found)!;
    const raw = this.data.subarray(e.dataStart, e.dataStart + e.compressed);
    if (e.method === 0) return raw;
    if (e.method === 8) return inflateRawSync(raw);
    throw new Error(`部件 ${e.name} 的压缩方式不受支持`);
  }

  set(name: string, content: string | Uint8Array): void {
    const found = this.resolve(name) ?? name.replace(/^\//, '');
    this.removed.delete(found);
    this.replaced.set(
      found,
      typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content),
    );
  }

  remove(name: string): void {
    const found = this.resolve(name);
    if (found === null) return;
    this.replaced.delete(found);
    if (this.entries.some((e) => e.name === found)) this.removed.add(found);
  }

  /** The parts set since loading: what a write-back owns. */
  changedParts(): string[] {
    return [...this.replaced.keys()];
  }

  async toBuffer(): Promise<Buffer> {
    const out: Buffer[] = [];
    const directory: Buffer[] = [];
    let offset = 0;
    const written = new Set<string>();
    const add = (local: Buffer, record: Buffer): void => {
      record.writeUInt32LE(offset, 42);
      out.push(local);
      directory.push(record);
      offset += local.length;
    };
    for (const e of this.entries) {
      if (this.removed.has(e.name)) continue;
      written.add(e.name);
      const content = this.replaced.get(e.name);
      if (content) add(...fresh(e.name, content));
      else add(e.local, Buffer.from(e.record));
    }
    for (const [name, content] of this.replaced) if (!written.has(name)) add(...fresh(name, content));
    const cd = Buffer.concat(directory);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END, 0);
    end.writeUInt16LE(directory.length, 8);
    end.writeUInt16LE(directory.length, 10);
    end.writeUInt32LE(cd.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...out, cd, end]);
  }

  /** Part names are case-insensitive in OPC; zips from some tools differ in case from their rels. */
  private resolve(name: string): string | null {
    const wanted = name.replace(/^\//, '');
    if (this.replaced.has(wanted)) return wanted;
    const names = [
      ...this.entries.map((e) => e.name).filter((n) => !this.removed.has(n)),
      ...this.replaced.keys(),
    ];
    if (names.includes(wanted)) return wanted;
    const lower = wanted.toLowerCase();
    return names.find((n) => n.toLowerCase() === lower) ?? null;
  }
}

/** A part compressed anew: its local header and data, and its directory record. */
function fresh(name: string, content: Buffer): [Buffer, Buffer] {
  const nameBytes = Buffer.from(name, 'utf8');
  const data = deflateRawSync(content, { level: 6 });
  const crc = crc32(content);
  const { time, date } = dosTime(new Date());
  const local = Buffer.alloc(30 + nameBytes.length);
  local.writeUInt32LE(LOCAL, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0800, 6); // UTF-8 names
  local.writeUInt16LE(8, 8);
  local.writeUInt16LE(time, 10);
  local.writeUInt16LE(date, 12);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);
  nameBytes.copy(local, 30);
  const record = Buffer.alloc(46 + nameBytes.length);
  record.writeUInt32LE(CENTRAL, 0);
  record.writeUInt16LE(20, 4);
  record.writeUInt16LE(20, 6);
  record.writeUInt16LE(0x0800, 8);
  record.writeUInt16LE(8, 10);
  record.writeUInt16LE(time, 12);
  record.writeUInt16LE(date, 14);
  record.writeUInt32LE(crc, 16);
  record.writeUInt32LE(data.length, 20);
  record.writeUInt32LE(content.length, 24);
  record.writeUInt16LE(nameBytes.length, 28);
  nameBytes.copy(record, 46);
  return [Buffer.concat([local, data]), record];
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** The entries of the central directory. zip64 archives are refused: a workbook is at most 50 MB. */
function readDirectory(data: Buffer): Entry[] {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--)
    if (data.readUInt32LE(i) === END) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('找不到 zip 目录');
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  const start = data.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff) throw new Error('不支持 zip64 格式');
  if (start + size > data.length) throw new Error('zip 目录超出文件末尾');
  const entries: Entry[] = [];
  let at = start;
  for (let n = 0; n < count; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL) throw new Error('zip 目录项无效');
    const flags = data.readUInt16LE(at + 8);
    const method = data.readUInt16LE(at + 10);
    const compressed = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    const localAt = data.readUInt32LE(at + 42);
    const end = at + 46 + nameLength + extraLength + commentLength;
    const name = data.toString(flags & 0x0800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    if (localAt + 30 > data.length || data.readUInt32LE(localAt) !== LOCAL)
      throw new Error(`部件 ${name} 无效`);
    const dataStart = localAt + 30 + data.readUInt16LE(localAt + 26) + data.readUInt16LE(localAt + 28);
    let dataEnd = dataStart + compressed;
    if (dataEnd > data.length) throw new Error(`部件 ${name} 超出文件末尾`);
    if (flags & 0x0008)
      dataEnd += dataEnd + 4 <= data.length && data.readUInt32LE(dataEnd) === DESCRIPTOR ? 16 : 12;
    if (!name.endsWith('/'))
      entries.push({
        name,
        record: data.subarray(at, end),
        local: data.subarray(localAt, Math.min(dataEnd, data.length)),
        method,
        dataStart,
        compressed,
      });
    at = end;
  }
  return entries;
}
