import type { Command } from 'commander';
import { localSecret, localToken } from '../apiAccess.js';
import { UserError } from '../userError.js';

/** `union-ledger token --user U`: a local-mode bearer token (AUTH_MODE=local), signed with LOCAL_AUTH_SECRET. */
export function registerToken(program: Command): void {
  program
    .command('token')
    .description('签发本地模式访问令牌（AUTH_MODE=local，使用 LOCAL_AUTH_SECRET）')
    .requiredOption('--user <id>', '用户 id，如 admin、finance、leader、officer-mech-info')
    .option('--days <n>', '有效天数', '30')
    .action(async (opts: { user: string; days: string }) => {
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 1 || days > 365)
        throw new UserError(`有效天数应为1至365的整数：${opts.days}`);
      process.stdout.write(`${await localToken(localSecret(), opts.user, days * 24 * 3600)}\n`);
    });
}
