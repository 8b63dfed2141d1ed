import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ledgers } from '../../../shared/ledgers/index.js';
import { bearerToken, withApiOptions, type ApiOptions } from '../apiAccess.js';
import { SyncApi } from '../sync/apiClient.js';
import { pullFile, type PullReport } from '../sync/pull.js';
import { UserError } from '../userError.js';
import { writeLedgerTemplate } from './template.js';
import { parseKind } from './validate.js';

interface PullCommandOptions extends ApiOptions {
  kind?: string;
  json?: boolean;
}

/** `union-ledger pull FILE`: exit 0, 1 when some row is in conflict with an unpushed local edit, 2 for unusable input. */
export function registerPull(program: Command): void {
  withApiOptions(
    program
      .command('pull')
      .description('拉取他人修改：按行编号更新、追加新行、移除已删除的行；本地未推送的修改不会被覆盖')
      .argument('<file>', '.xlsx 文件（不存在时按 --kind 的模板新建）')
      .option('--kind <kind>', `指定台账类型：${Object.keys(ledgers).join(', ')}`)
      .option('--json', '以 JSON 输出结果'),
  ).action(async (file: string, opts: PullCommandOptions) => {
    const kind = parseKind(opts.kind);
    const api = new SyncApi({ api: opts.api, token: await bearerToken(opts) });
    // A workbook that does not exist yet is made from the ledger's template, then filled.
    if (!existsSync(file)) {
      if (!kind) throw new UserError(`找不到文件：${file}（要新建工作簿，请用 --kind 指定台账类型）`);
      await writeLedgerTemplate(kind, file);
    }
    const report = await pullFile(file, { api, ...(kind ? { kind } : {}) });
    if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(formatPullReport(report));
    process.exitCode = report.sheets.some((s) => s.conflicts.length > 0) ? 1 : 0;
  });
}

export function formatPullReport(report: PullReport): string {
  const lines: string[] = [];
  if (report.savedTo)
    lines.push(
      `${report.file}：拉取期间该文件在磁盘上被修改，未覆盖；拉取结果已写入新文件：${report.savedTo}`,
    );
  if (report.stateDamaged) lines.push(`${report.file}：同步记录（_union_ledger）有损坏的部分`);
  for (const s of report.sheets) {
    const where = `${report.file} ›「${s.sheet}」`;
    if (s.skipped) {
      lines.push(`${where}  已跳过：${s.skipped}`);
      continue;
    }
    lines.push(
      `${where}  ${ledgers[s.kind!].title}：更新 ${s.updated} 行，新增 ${s.appended} 行，移除 ${s.removed} 行，冲突 ${s.conflicts.length} 行`,
    );
    for (const c of s.conflicts) lines.push(`  第${c.row}行 冲突：${c.message}`);
  }
  lines.push(`用时 ${report.seconds.toFixed(1)} 秒（${report.requests} 次请求）`);
  return `${lines.join('\n')}\n`;
}
