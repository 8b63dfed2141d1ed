import type { Command } from 'commander';
import { DEMO_YEARS, generateDemoFaults, generateDemoYear } from '../../../shared/demo/index.js';
import { writeDemoWorkbooks, writeSettingsFile } from '../demo/writeWorkbooks.js';
import { UserError } from '../userError.js';

/** `union-ledger demo`: the demo year of DOMAIN.md §8 as one workbook per ledger, plus settings.json. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('生成演示年度台账（每个台账一个工作簿）和 settings.json')
    .option(
      '--year <year>',
      '年度（2023 或 2024；2024 年的会员名册和职工之家台账含 2023 年的全部行）',
      '2023',
    )
    .option('--seed <n>', '随机种子（只改变姓名、工号、日期，不改变任何统计数字）', '20231231')
    .option('--faults', '生成含故意错误的演示工作簿（demo-faults），用于测试')
    .requiredOption('--out <dir>', '输出目录')
    .action(async (opts: { year: string; seed: string; faults?: boolean; out: string }) => {
      const year = Number(opts.year);
      const seed = Number(opts.seed);
      if (!DEMO_YEARS.includes(year))
        throw new UserError(`暂无 ${opts.year} 年的演示数据（只有 2023 和 2024 年）`);
      if (!Number.isSafeInteger(seed)) throw new UserError(`随机种子应为整数：${opts.seed}`);
      const books = opts.faults ? generateDemoFaults({ seed }) : generateDemoYear({ year, seed });
      const files = await writeDemoWorkbooks(books, opts.out);
      await writeSettingsFile(opts.out);
      process.stdout.write(`已生成 ${files.length} 个工作簿和 settings.json：${opts.out}\n`);
    });
}
