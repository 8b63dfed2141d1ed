import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { checkWorkbookName } from '../file/formats.js';
import { UserError } from '../userError.js';
import { ledgerTemplate } from '../xlsx/package/newWorkbook.js';
import { parseKind } from './validate.js';

interface TemplateCommandOptions {
  kind?: string;
  out?: string;
}

/** Writes an empty ledger workbook; never over an existing file. Returns its path. */
export async function writeLedgerTemplate(kind: LedgerKind, file: string): Promise<string> {
  checkWorkbookName(file);
  if (existsSync(file)) throw new UserError(`文件已存在，未覆盖：${file}`);
  try {
    await writeFile(file, await ledgerTemplate(kind), { flag: 'wx' });
  } catch (e) {
    throw new UserError(`无法写入文件：${file}（${(e as NodeJS.ErrnoException).code ?? String(e)}）`);
  }
  return file;
}

/** `union-ledger template --kind K [--out F]`: the same layout as the add-in's 插入模板, with a title row. */
export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('生成空白台账工作簿：标题行、表头、下拉选项、金额与日期格式（与加载项“插入模板”相同）')
    .requiredOption('--kind <kind>', `台账类型：${Object.keys(ledgers).join(', ')}`)
    .option('--out <file>', '输出文件（默认：当前目录下的「台账名称.xlsx」）')
    .action(async (opts: TemplateCommandOptions) => {
      const kind = parseKind(opts.kind)!;
      const file = opts.out ?? path.join(process.cwd(), `${ledgers[kind].title}.xlsx`);
      await writeLedgerTemplate(kind, file);
      process.stdout.write(`已生成空白${ledgers[kind].title}：${file}\n`);
    });
}
