import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { UserError } from '../userError.js';

/** Files larger than this are refused before parsing: a ledger workbook is a few MB at most. */
export const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;

/**
 * What the parts of a workbook may add up to once decompressed. The package reader inflates the
 * parts it reads in memory, so a small file that inflates to gigabytes (a zip bomb) must be
 * refused first: by the sizes the zip's central directory declares, and — since those can lie —
 * by inflating each part once, counting and discarding the bytes, before any part is read
 * (cli/src/file/workbookFile.ts).
 */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
/** An .xlsx has tens of parts; thousands mean a damaged or hostile file. */
export const MAX_ZIP_ENTRIES = 10_000;

// ------------------------------------------------------------------ the zip's own account of its size

interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localHeader: number;
}

const tooBig = (file: string): UserError =>
  new UserError(
    `工作簿解压后超过 ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB，可能已损坏或是恶意构造的文件（压缩炸弹），已拒绝读取：${file}`,
  );
const damaged = (file: string, why: string): UserError =>
  new UserError(`工作簿已损坏，无法读取：${file}（${why}）`);

/** Refuses a workbook whose parts would inflate past MAX_UNZIPPED_BYTES, by declaration or in fact. */
export async function checkUnzippedSize(file: string, size: number): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const entries = await centralDirectory(handle, size, file);
    if (entries.length > MAX_ZIP_ENTRIES)
      throw new UserError(
        `工作簿包含 ${entries.length} 个部件，可能已损坏或是恶意构造的文件，已拒绝读取：${file}`,
      );
    const declared = entries.reduce((sum, e) => sum + e.uncompressed, 0);
    if (declared > MAX_UNZIPPED_BYTES) throw tooBig(file);
    // The declared sizes may lie: inflate each part once, counting, with the same budget.
    let budget = MAX_UNZIPPED_BYTES;
    for (const entry of entries) budget -= await inflatedSize(handle, entry, budget, file);
  } finally {
    await handle.close();
  }
}

async function read(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The entries of the central directory (zip64 included), from the end-of-central-directory record. */
async function centralDirectory(handle: FileHandle, size: number, file: string): Promise<ZipEntry[]> {
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = await read(handle, size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--)
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw damaged(file, '找不到 zip 目录');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // zip64: the locator sits just before the end record and points at the zip64 end record.
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw damaged(file, 'zip64 目录不完整');
    const record = await read(handle, Number(tail.readBigUInt64LE(locator + 8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) throw damaged(file, 'zip64 目录不完整');
    count = safeNumber(record.readBigUInt64LE(32), file);
    cdSize = safeNumber(record.readBigUInt64LE(40), file);
    cdOffset = safeNumber(record.readBigUInt64LE(48), file);
  }
  if (count > MAX_ZIP_ENTRIES)
    throw new UserError(`工作簿包含 ${count} 个部件，可能已损坏或是恶意构造的文件，已拒绝读取：${file}`);
  if (cdOffset + cdSize > size) throw damaged(file, 'zip 目录超出文件末尾');
  const cd = await read(handle, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== 0x02014b50) throw damaged(file, 'zip 目录项无效');
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: cd.toString('utf8', at + 46, at + 46 + nameLength),
      method: cd.readUInt16LE(at + 10),
      compressed: cd.readUInt32LE(at + 20),
      uncompressed: cd.readUInt32LE(at + 24),
      localHeader: cd.readUInt32LE(at + 42),
    };
    // zip64 extra field (0x0001): the 8-byte values of whichever fields are 0xFFFFFFFF, in order.
    let extra = at + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = cd.readUInt16LE(extra);
      const length = cd.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let p = extra + 4;
        const next = (): number => {
          const v = safeNumber(cd.readBigUInt64LE(p), file);
          p += 8;
          return v;
        };
        if (entry.uncompressed === 0xffffffff) entry.uncompressed = next();
        if (entry.compressed === 0xffffffff) entry.compressed = next();
        if (entry.localHeader === 0xffffffff) entry.localHeader = next();
      }
      extra += 4 + length;
    }
    entries.push(entry);
    at = extraEnd + commentLength;
  }
  return entries;
}

/** Inflates one part from the file, counting and discarding; throws once it passes `budget` or its declared size. */
async function inflatedSize(
  handle: FileHandle,
  entry: ZipEntry,
  budget: number,
  file: string,
): Promise<number> {
  const local = await read(handle, entry.localHeader, 30);
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50)
    throw damaged(file, `部件 ${entry.name} 无效`);
  const start = entry.localHeader + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  if (entry.method === 0) {
    if (entry.compressed > budget) throw tooBig(file);
    return entry.compressed;
  }
  if (entry.method !== 8) throw damaged(file, `部件 ${entry.name} 的压缩方式不受支持`);
  if (entry.compressed === 0) return 0;
  const limit = Math.min(budget, entry.uncompressed);
  const inflate = createInflateRaw();
  const source = createReadStream(file, { start, end: start + entry.compressed - 1 });
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      inflate.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limit) {
          source.destroy();
          inflate.destroy();
          reject(total > budget ? tooBig(file) : damaged(file, `部件 ${entry.name} 的实际大小与目录不符`));
        }
      });
      inflate.on('end', resolve);
      inflate.on('error', () => reject(damaged(file, `部件 ${entry.name} 无法解压`)));
      source.on('error', reject);
      source.pipe(inflate);
    });
  } finally {
    source.destroy();
  }
  return total;
}

function safeNumber(v: bigint, file: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw tooBig(file);
  return Number(v);
}
