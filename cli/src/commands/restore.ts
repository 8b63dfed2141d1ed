import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { backupSchema, restoreResponseSchema, type RestorePlan } from '../../../shared/api/index.js';
import { ledgers } from '../../../shared/ledgers/index.js';
import { callApi, withApiOptions, type ApiOptions } from '../apiAccess.js';
import { UserError } from '../userError.js';

/**
 * `union-ledger restore FILE [--dry-run]`: write a backup back (rows by id, audit entries
 * create-only, settings last), after the server has checked all of it. Rows not in the file
 * stay. `--dry-run` has the server check it and say what would change, writing nothing.
 */
export function registerRestore(program: Command): void {
  withApiOptions(
    program
      .command('restore')
      .description('从备份文件恢复整个组织的数据（需管理员；同一行编号以备份为准，备份之后新建的行保留）')
      .argument('<file>', '备份文件（union-ledger backup 生成）')
      .option('--dry-run', '只检查备份并列出将要发生的变化，不写入任何数据'),
  ).action(async (file: string, opts: ApiOptions & { dryRun?: boolean }) => {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      throw new UserError(`无法读取备份文件 ${file}（${e instanceof Error ? e.message : String(e)}）`);
    }
    if (!backupSchema.safeParse(json).success) throw new UserError(`${file} 不是 union-ledger 备份文件`);
    const path = opts.dryRun ? 'restore?dryRun=1' : 'restore';
    const result = restoreResponseSchema.parse(await callApi(opts, 'POST', path, json));
    if (result.plan) process.stdout.write(planText(result.plan, opts.dryRun === true));
    process.stdout.write(
      opts.dryRun
        ? '（试运行：未写入任何数据）\n'
        : `已恢复 ${result.rows} 行台账、${result.auditEntries} 条审计记录\n`,
    );
  });
}

/** The plan in the officer's words: one line per ledger with anything to say. */
function planText(plan: RestorePlan, dryRun: boolean): string {
  const will = dryRun ? '将' : '';
  const settings = {
    new: `组织设置：${will}新建`,
    changed: `组织设置：${will}替换`,
    unchanged: '组织设置：无变化',
  };
  const lines = [settings[plan.settings]];
  for (const [kind, c] of Object.entries(plan.ledgers)) {
    if (!c) continue;
    const title = ledgers[kind as keyof typeof ledgers]?.title ?? kind;
    lines.push(
      `${title}：${will}新增 ${c.create} 行，${will}覆盖 ${c.update} 行，相同 ${c.unchanged} 行，备份中没有的 ${c.kept} 行保留不变`,
    );
  }
  lines.push(`审计记录：${will}新增 ${plan.audit.create} 条，已存在 ${plan.audit.existing} 条（不改写）`);
  return `${lines.join('\n')}\n`;
}
