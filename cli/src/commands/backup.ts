import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { backupSchema } from '../../../shared/api/index.js';
import { callApi, withApiOptions, type ApiOptions } from '../apiAccess.js';
import { UserError } from '../userError.js';

/** `union-ledger backup --out FILE`: the whole organisation (settings, every ledger with tombstones, the audit) as JSON. */
export function registerBackup(program: Command): void {
  withApiOptions(
    program
      .command('backup')
      .description('备份整个组织的数据（设置、全部台账、审计记录）到 JSON 文件（需管理员）')
      .requiredOption('--out <file>', '备份文件'),
  ).action(async (opts: ApiOptions & { out: string }) => {
    const parsed = backupSchema.safeParse(await callApi(opts, 'GET', 'backup'));
    if (!parsed.success) throw new UserError('服务返回的备份内容不完整');
    const backup = parsed.data;
    await writeFile(opts.out, `${JSON.stringify(backup, null, 1)}\n`);
    const rows = Object.values(backup.ledgers).reduce((n, list) => n + (list?.length ?? 0), 0);
    process.stdout.write(`已备份 ${rows} 行台账、${backup.audit.length} 条审计记录：${opts.out}\n`);
  });
}
