import type { Command } from 'commander';
import { shanghaiDate } from '../../../shared/settings/index.js';
import { checkSheets, storedRowsOf } from '../../../shared/sheet/index.js';
import { annualSummary, draftSentences } from '../../../shared/summary/index.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { loadSettings } from '../settingsFile.js';
import { exitCodeOf, leftOut } from '../validationReport.js';
import { UserError } from '../userError.js';
import { readLedgerFiles } from '../xlsx/readLedgerSheets.js';

interface SummaryOptions {
  year: string;
  json?: boolean;
  settings?: string;
  unit?: string;
}

/** `union-ledger summary FILE... --year Y`: the figures of DOMAIN.md §6 and the drafted sentences, offline. */
export function registerSummary(program: Command): void {
  program
    .command('summary')
    .description('根据台账工作簿计算年度汇总数字，并起草工作报告语句')
    .argument('<files...>', '.xlsx 文件')
    .requiredOption('--year <year>', '年度，如 2023')
    .option('--json', '以 JSON 输出（嵌套的汇总数字和 sentences）')
    .option('--unit <id>', '只统计一个单位（单位 id，如 mech-info）')
    .option('--settings <file>', '组织设置文件（默认：工作簿旁的 settings.json，或演示组织）')
    .action(async (files: string[], opts: SummaryOptions) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        throw new UserError(`年度不正确：${opts.year}`);
      const settings = await loadSettings(opts.settings, files);
      if (opts.unit && !settings.units.some((u) => u.id === opts.unit))
        throw new UserError(`未知的单位：${opts.unit}`);
      const today = shanghaiDate(new Date());
      const opened = await readLedgerFiles(files, { context: { settings, today } });
      const checked = checkSheets(
        opened.flatMap((o) => o.sheets),
        { settings, today },
      );
      const rows = storedRowsOf(checked);
      const summary = annualSummary({
        rows,
        settings,
        year,
        today,
        ...(opts.unit ? { unit: opts.unit } : {}),
      });
      const sentences = draftSentences(summary);
      const left = leftOut(checked);
      let next = 0;
      process.exitCode = exitCodeOf(opened.map((o) => checked.slice(next, (next += o.sheets.length))));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ ...summary, sentences, leftOut: left }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${year}年度工作报告（起草）\n`);
      for (const s of sentences) process.stdout.write(`- ${s.text}\n`);
      if (left.rows > 0) {
        const parts = Object.entries(left.byLedger).map(
          ([kind, n]) => `${ledgers[kind as LedgerKind].title} ${n} 行`,
        );
        process.stdout.write(
          `\n注意：有 ${left.rows} 行未通过校验，未计入汇总（${parts.join('，')}；用 validate 查看）。\n`,
        );
      }
      for (const s of left.sheets)
        process.stdout.write(`注意：${s.file}「${s.sheet}」未计入汇总：${s.reason}\n`);
      const warnings = (summary as { warnings?: string[] }).warnings ?? [];
      for (const w of warnings) process.stdout.write(`提醒：${w}\n`);
    });
}
