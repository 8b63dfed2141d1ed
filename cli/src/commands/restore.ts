import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { backupSchema, restoreResponseSchema } from '../../../shared/api/index.js';
import { callApi, withApiOptions, type ApiOptions } from '../apiAccess.js';
import { UserError } from '../userError.js';

/** `union-ledger restore FILE`: write a backup back (settings, rows by id, audit). Rows not in the file stay. */
export function registerRestore(program: Command): void {
  withApiOptions(
    program
      .command('restore')
      .description('从备份文件恢复整个组织的数据（需管理员；同一行编号以备份为准）')
      .argument('<file>', '备份文件（union-ledger backup 生成）'),
  ).action(async (file: string, opts: ApiOptions) => {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      throw new UserError(`无法读取备份文件 ${file}（${e instanceof Error ? e.message : String(e)}）`);
    }
    if (!backupSchema.safeParse(json).success) throw new UserError(`${file} 不是 union-ledger 备份文件`);
    const result = restoreResponseSchema.parse(await callApi(opts, 'POST', 'restore', json));
    process.stdout.write(`已恢复 ${result.rows} 行台账、${result.auditEntries} 条审计记录\n`);
  });
}
