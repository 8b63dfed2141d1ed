import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { UserError } from '../userError.js';
import { PartError, XlsxWorkbook } from '../xlsx/package/xlsxWorkbook.js';
import { checkUnzippedSize, MAX_WORKBOOK_BYTES } from '../xlsx/openWorkbook.js';
import { checkWorkbookMagic, checkWorkbookName } from './formats.js';

/** A workbook file as opened: its package, and what it was on disk (to notice a change before saving over it). */
export interface OpenedWorkbook {
  file: string;
  book: XlsxWorkbook;
  /** SHA-256 of the bytes read. */
  digest: string;
  size: number;
  mtimeMs: number;
}

export function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Opens an .xlsx or .xlsm for reading and writing back. Every way a file can be unusable
 * becomes a Chinese message (exit code 2); a workbook is called damaged only when a part the
 * CLI needs cannot be read, and the message names that part.
 */
export async function openWorkbookFile(file: string): Promise<OpenedWorkbook> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new UserError(`找不到文件：${file}`);
  }
  if (!info.isFile()) throw new UserError(`不是文件：${file}`);
  checkWorkbookName(file);
  if (info.size > MAX_WORKBOOK_BYTES)
    throw new UserError(
      `文件过大（${Math.round(info.size / 1024 / 1024)} MB），超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB 上限：${file}`,
    );
  await checkWorkbookMagic(file);
  await checkUnzippedSize(file, info.size);
  const bytes = await readFile(file);
  try {
    const book = await XlsxWorkbook.load(bytes);
    book.file = file;
    return { file, book, digest: digestOf(bytes), size: info.size, mtimeMs: info.mtimeMs };
  } catch (e) {
    if (e instanceof PartError) throw new UserError(`工作簿已损坏，无法读取：${file}（${e.message}）`);
    throw e;
  }
}
