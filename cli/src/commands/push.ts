import type { Command } from 'commander';
import { ledgers } from '../../../shared/ledgers/index.js';
import { STATUS_LABELS } from '../../../shared/sheet/index.js';
import { apiClient, withApiOptions, type ApiOptions } from '../apiAccess.js';
import { deleteConsent } from '../sync/consent.js';
import { progressBar } from '../sync/progress.js';
import { cleanFiles } from '../sync/cleanFiles.js';
import { pushFiles, type PushReport } from '../sync/push.js';
import { parseKind } from './validate.js';

interface PushCommandOptions extends ApiOptions {
  kind?: string;
  json?: boolean;
  yes?: boolean;
}

/**
 * `union-ledger push FILE...`: exit 0 when every row was stored, 1 when some row was refused
 * (invalid, conflict, forbidden), 2 for unusable input or a failed connection.
 */
export function registerPush(program: Command): void {
  withApiOptions(
    program
      .command('push')
      .description('推送台账工作簿：只发送新增、修改和删除的行，并把结果（编号、状态、错误批注）写回原文件')
      .argument('<files...>', '.xlsx 文件')
      .option('--kind <kind>', `指定台账类型：${Object.keys(ledgers).join(', ')}`)
      .option('--json', '以 JSON 输出结果')
      .option('--yes', '不询问，直接从服务器删除已清空或已删去的行'),
  ).action(async (files: string[], opts: PushCommandOptions) => {
    const kind = parseKind(opts.kind);
    const api = await apiClient(opts);
    const report = await pushFiles(files, {
      api,
      ...(kind ? { kind } : {}),
      consent: deleteConsent(!!opts.yes, { input: process.stdin, output: process.stderr }),
      progress: progressBar(process.stderr, '推送'),
      cleanFiles: cleanFiles(),
    });
    if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else process.stdout.write(formatPushReport(report));
    if (report.error) {
      process.stderr.write(`错误：${report.error}\n`);
      const pending = report.files.flatMap((f) => f.sheets).reduce((n, s) => n + s.notSent, 0);
      process.stderr.write(
        `已完成的 ${report.rowsSent} 行已写回文件；其余 ${pending} 行尚未推送，问题解决后重新运行 push 即可继续。\n`,
      );
      process.exitCode = 2;
      return;
    }
    const refused = report.files.some((f) =>
      f.sheets.some(
        (s) => (s.statuses.invalid ?? 0) + (s.statuses.conflict ?? 0) + (s.statuses.forbidden ?? 0) > 0,
      ),
    );
    process.exitCode = refused ? 1 : 0;
  });
}

export function formatPushReport(report: PushReport): string {
  const lines: string[] = [];
  for (const f of report.files) {
    if (f.unchangedSinceLastPush) {
      lines.push(`${f.file}：与上次推送后的内容完全相同，无需推送`);
      continue;
    }
    if (f.savedTo)
      lines.push(`${f.file}：推送期间该文件在磁盘上被修改，未覆盖；推送结果已写入新文件：${f.savedTo}`);
    if (f.stateDamaged)
      lines.push(`${f.file}：同步记录（_union_ledger）有损坏的部分，相关的表按首次推送处理`);
    for (const s of f.sheets) {
      const where = `${f.file} ›「${s.sheet}」`;
      if (s.skipped) {
        lines.push(`${where}  已跳过：${s.skipped}`);
        continue;
      }
      const counts = Object.entries(s.statuses)
        .map(([status, n]) => `${STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status} ${n}`)
        .join('  ');
      lines.push(
        `${where}  ${ledgers[s.kind!].title}：发送 ${s.sent} 行，未变化 ${s.unchanged} 行${counts ? `；${counts}` : ''}`,
      );
      if (s.declinedDeletes > 0)
        lines.push(`  有 ${s.declinedDeletes} 行待删除，未确认，未删除（在终端运行时会询问，或加 --yes）`);
      if (s.notSent > 0) lines.push(`  有 ${s.notSent} 行尚未推送`);
      for (const i of s.issues) {
        const at = i.row === null ? '' : `第${i.row}行${i.cell ? ` ${i.cell}` : ''} `;
        lines.push(`  ${at}${i.severity === 'error' ? '错误' : '提醒'}：${i.message}`);
      }
    }
  }
  const rate = report.seconds > 0 ? Math.round(report.rowsSent / report.seconds) : 0;
  lines.push(
    `共发送 ${report.rowsSent} 行（${report.requests} 次请求），用时 ${report.seconds.toFixed(1)} 秒${report.rowsSent ? `（${rate} 行/秒）` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}
