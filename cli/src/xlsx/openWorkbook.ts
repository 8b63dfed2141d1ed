import { open, stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { UserError } from '../userError.js';

/** Files larger than this are refused before parsing: a ledger workbook is a few MB at most. */
export const MAX_WORKBOOK_BYTES = 50 * 1024 * 1024;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** Password-protected .xlsx files are OLE compound documents, not zip archives. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Open an .xlsx for reading and writing back. Every way a file can be unusable becomes a
 * Chinese message (exit code 2), never a stack trace.
 */
export async function openWorkbook(file: string): Promise<ExcelJS.Workbook> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    throw new UserError(`找不到文件：${file}`);
  }
  if (size > MAX_WORKBOOK_BYTES)
    throw new UserError(
      `文件过大（${Math.round(size / 1024 / 1024)} MB），超过 ${MAX_WORKBOOK_BYTES / 1024 / 1024} MB 上限：${file}`,
    );
  const magic = await readMagic(file);
  if (startsWith(magic, OLE_MAGIC))
    throw new UserError(`文件已加密或为旧版 .xls 格式，请在 Excel 中取消密码并另存为 .xlsx：${file}`);
  if (!startsWith(magic, ZIP_MAGIC)) throw new UserError(`不是有效的 .xlsx 工作簿：${file}`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    throw new UserError(`工作簿已损坏，无法读取：${file}（${e instanceof Error ? e.message : String(e)}）`);
  }
  return workbook;
}

async function readMagic(file: string): Promise<number[]> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(4);
    await handle.read(buf, 0, 4, 0);
    return [...buf];
  } finally {
    await handle.close();
  }
}

function startsWith(bytes: number[], magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}
