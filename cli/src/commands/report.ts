import { rename, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { bearerToken, withApiOptions, type ApiOptions } from '../apiAccess.js';
import { SyncApi } from '../sync/apiClient.js';
import { shanghaiDate } from '../../../shared/settings/index.js';
import { UserError } from '../userError.js';

interface ReportOptions extends ApiOptions {
  year?: string;
  out?: string;
  docx?: boolean;
}

/**
 * `union-ledger report [--year Y] [--out 年度汇总.xlsx]`: the leadership workbook of DOMAIN.md §6,
 * made by the server from the stored rows (the same file as `GET /api/reports/annual.xlsx`);
 * with `--docx`, the work report draft (`GET /api/reports/annual.docx`). The year defaults to
 * last year: a work report looks back on it.
 */
export function registerReport(program: Command): void {
  withApiOptions(
    program
      .command('report')
      .description(
        '下载年度汇总工作簿（年度汇总、分单位、预算执行、各台账明细，含图表）；加 --docx 下载工作报告起草稿（Word）',
      )
      .option('--year <year>', '年度，如 2023（默认：上一年）')
      .option('--docx', '下载工作报告起草稿（.docx）：分工会账号得到本单位的起草稿')
      .option('--out <file>', '输出文件（默认：{年度}年度汇总.xlsx，或 {年度}年工作报告（起草稿）.docx）'),
  ).action(async (opts: ReportOptions) => {
    const year =
      opts.year === undefined ? Number(shanghaiDate(new Date()).slice(0, 4)) - 1 : Number(opts.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100)
      throw new UserError(`年度不正确：${opts.year}`);
    const out = opts.out ?? (opts.docx ? `${year}年工作报告（起草稿）.docx` : `${year}年度汇总.xlsx`);
    const api = new SyncApi({ api: opts.api, token: await bearerToken(opts) });
    const xlsx = opts.docx ? await api.workReport(year) : await api.annualWorkbook(year);
    // Written beside and renamed, so a failure never leaves half a workbook under the officer's name.
    const partial = `${out}.part`;
    try {
      await writeFile(partial, xlsx);
      await rename(partial, out);
    } catch (e) {
      throw new UserError(`无法写入文件：${out}（${e instanceof Error ? e.message : String(e)}）`);
    }
    process.stdout.write(`已生成 ${out}（${Math.round(xlsx.length / 1024)} KB）\n`);
  });
}
