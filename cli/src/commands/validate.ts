import type { Command } from 'commander';
import { ledgerKindSchema, type LedgerKind } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { shanghaiDate } from '../../../shared/settings/index.js';
import { checkSheets } from '../../../shared/sheet/index.js';
import { loadSettings } from '../settingsFile.js';
import { UserError } from '../userError.js';
import { exitCodeOf, formatSheetReport, sheetReport } from '../validationReport.js';
import { readLedgerFiles } from '../xlsx/readLedgerSheets.js';

interface ValidateOptions {
  json?: boolean;
  kind?: string;
  settings?: string;
}

/** `union-ledger validate FILE...`: exit 0 when no row is invalid, 1 when some is, 2 for unusable input. */
export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('校验台账工作簿：识别台账类型、表头，列出每个问题所在单元格和说明')
    .argument('<files...>', '.xlsx 文件（其中的会员名册用于核对人员）')
    .option('--json', '以 JSON 输出')
    .option('--kind <kind>', `指定台账类型：${Object.keys(ledgers).join(', ')}`)
    .option('--settings <file>', '组织设置文件（默认：工作簿旁的 settings.json，或演示组织）')
    .action(async (files: string[], opts: ValidateOptions) => {
      const kind = parseKind(opts.kind);
      const settings = await loadSettings(opts.settings, files);
      const today = shanghaiDate(new Date());
      const opened = await readLedgerFiles(files, { kind, context: { settings, today } });
      const checked = checkSheets(
        opened.flatMap((o) => o.sheets),
        { settings, today },
      );
      let next = 0;
      const byFile = opened.map((o) => checked.slice(next, (next += o.sheets.length)));
      const reports = opened.map((o, i) => ({ file: o.file, sheets: byFile[i]!.map(sheetReport) }));
      if (opts.json) process.stdout.write(`${JSON.stringify({ files: reports }, null, 2)}\n`);
      else
        for (const f of reports)
          for (const s of f.sheets)
            process.stdout.write(
              `${formatSheetReport(f.file, s, s.kind ? ledgers[s.kind as LedgerKind].title : null)}\n`,
            );
      process.exitCode = exitCodeOf(byFile);
    });
}

export function parseKind(kind: string | undefined): LedgerKind | undefined {
  if (kind === undefined) return undefined;
  const parsed = ledgerKindSchema.safeParse(kind);
  if (!parsed.success)
    throw new UserError(`未知的台账类型：${kind}（可选：${Object.keys(ledgers).join(', ')}）`);
  return parsed.data;
}
