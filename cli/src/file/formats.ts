import { open } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../userError.js';

/**
 * Which files the CLI reads and writes back: Office Open XML workbooks, `.xlsx` and `.xlsm`
 * (macros kept as they are, never run). Every other spreadsheet format is refused with a
 * Chinese message that says how to convert it (exit code 2), before anything is sent.
 */
export const WORKBOOK_EXTENSIONS = ['.xlsx', '.xlsm'] as const;

const HOW_TO_SAVE = '请在 Excel 中打开，选择“文件 › 另存为 › Excel 工作簿 (*.xlsx)”后再试';

const REFUSED: Record<string, string> = {
  '.xls': `不支持旧版 .xls 格式。${HOW_TO_SAVE}`,
  '.xlsb': `不支持二进制 .xlsb 格式。${HOW_TO_SAVE}`,
  '.et': `不支持 WPS 表格 .et 格式。请在 WPS 中选择“文件 › 另存为 › Excel 工作簿 (*.xlsx)”后再试`,
  '.ett': `不支持 WPS 表格模板 .ett 格式。请在 WPS 中另存为 Excel 工作簿 (*.xlsx) 后再试`,
  '.csv': `不支持 .csv 文本文件（没有格式和多个工作表）。请在 Excel 中打开，另存为 Excel 工作簿 (*.xlsx) 后再试`,
  '.ods': `不支持 OpenDocument .ods 格式。请在 LibreOffice 或 Excel 中另存为 Excel 工作簿 (*.xlsx) 后再试`,
  '.xltx': `不支持模板文件 .xltx。请用它新建工作簿，另存为 Excel 工作簿 (*.xlsx) 后再试`,
  '.xltm': `不支持模板文件 .xltm。请用它新建工作簿，另存为启用宏的工作簿 (*.xlsm) 后再试`,
};

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound documents: a legacy .xls, or an .xlsx/.xlsm encrypted with a password. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/** Refuses what is not an .xlsx or .xlsm by its name, before the file is opened. */
export function checkWorkbookName(file: string): void {
  const ext = path.extname(file).toLowerCase();
  const refusal = REFUSED[ext];
  if (refusal) throw new UserError(`${refusal}：${file}`);
  if (!(WORKBOOK_EXTENSIONS as readonly string[]).includes(ext))
    throw new UserError(`只支持 .xlsx 和 .xlsm 工作簿（${ext || '无扩展名'}）：${file}`);
}

/** Refuses by content: an encrypted workbook or a renamed .xls, or something that is no zip at all. */
export async function checkWorkbookMagic(file: string): Promise<void> {
  const handle = await open(file, 'r');
  const head = Buffer.alloc(8);
  try {
    await handle.read(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (OLE.every((b, i) => head[i] === b))
    throw new UserError(
      `文件已设置打开密码（已加密），或实为旧版 .xls 格式，无法读取。请在 Excel 中打开，选择“文件 › 信息 › 保护工作簿 › 用密码进行加密”并清空密码，再另存为 Excel 工作簿 (*.xlsx)：${file}`,
    );
  if (!ZIP.every((b, i) => head[i] === b)) {
    const text = head.toString('latin1');
    if (/^(?:\uFEFF|[\x20-\x7e\t\r\n])*$/.test(text))
      throw new UserError(
        `不是有效的 .xlsx 工作簿：文件内容是文本（可能是改了扩展名的 .csv）。${HOW_TO_SAVE}：${file}`,
      );
    throw new UserError(`不是有效的 .xlsx 工作簿：${file}`);
  }
}
