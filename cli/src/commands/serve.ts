import type { Command } from 'commander';
import { sideloadInstructions, startTaskpaneServer, type TaskpaneServer } from '../../../addin/dev/server.js';
import { startLocalStack, type LocalStack } from '../../../functions/src/local/stack.js';
import { demoSettings } from '../../../shared/settings/index.js';
import { UserError } from '../userError.js';

interface ServeOptions {
  port: string;
  host: string;
  demo?: boolean;
  /** Commander's `--no-pane` sets this false. */
  pane: boolean;
  panePort: string;
}

/**
 * `union-ledger serve [--port] [--demo]` (and `npm start`): the local stack — embedded Cosmos,
 * the functions' routes on http://localhost:7071/api, the demo organisation and users, a local
 * token per user. Runs until Ctrl+C.
 */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动本地服务：内置 Cosmos 数据库 + 接口（http://localhost:7071/api），并预置演示组织和用户')
    .option('--port <port>', '端口', '7071')
    .option('--host <host>', '监听地址', '127.0.0.1')
    .option('--demo', '同时导入2023、2024年演示台账数据')
    .option('--pane-port <port>', '任务窗格（https）端口，与 manifest.xml 一致', '3000')
    .option('--no-pane', '不启动任务窗格开发服务器')
    .action(async (opts: ServeOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UserError(`端口不正确：${opts.port}`);
      const endpoint = process.env.COSMOS_ENDPOINT;
      const key = process.env.COSMOS_KEY;
      if (!!endpoint !== !!key)
        throw new UserError(
          '本地服务需要同时设置 COSMOS_ENDPOINT 与 COSMOS_KEY（或都不设置以使用内置数据库）',
        );
      const secret = process.env.LOCAL_AUTH_SECRET;
      if (secret !== undefined && secret.length < 32)
        throw new UserError('LOCAL_AUTH_SECRET 至少需要32个字符');
      if (opts.demo) process.stdout.write('正在导入2023、2024年演示台账（约一分钟）…\n');
      let stack: LocalStack;
      try {
        stack = await startLocalStack({
          port,
          host: opts.host,
          demo: !!opts.demo,
          ...(secret ? { secret } : {}),
          ...(endpoint && key ? { cosmos: { endpoint, key } } : {}),
        });
      } catch (e) {
        if ((e as { code?: string }).code === 'EADDRINUSE')
          throw new UserError(`端口 ${port} 已被占用，请用 --port 换一个`);
        throw e;
      }
      process.stdout.write(banner(stack, !secret));
      const pane = opts.pane ? await startPane(stack, Number(opts.panePort)) : null;
      if (pane) process.stdout.write(`${sideloadInstructions(pane)}\n`);
      process.stdout.write('\n按 Ctrl+C 停止。\n');
      await new Promise<void>((resolve) => {
        const stop = (): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          process.stdout.write('\n正在停止…\n');
          void Promise.all([stack.close(), pane?.close()]).then(() => resolve());
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

/** The task pane on https://localhost:3000 (DESIGN.md "Running"), signing in as the demo users. */
async function startPane(stack: LocalStack, port: number): Promise<TaskpaneServer | null> {
  const localUsers = demoSettings.users.flatMap((u) =>
    stack.tokens[u.id]
      ? [{ id: u.id, name: u.name, role: u.role, unit: u.unit, token: stack.tokens[u.id]! }]
      : [],
  );
  try {
    return await startTaskpaneServer({ port, apiUrl: stack.url, localUsers });
  } catch (e) {
    const reason = (e as { code?: string }).code === 'EADDRINUSE' ? `端口 ${port} 已被占用` : String(e);
    process.stderr.write(`任务窗格未能启动（${reason}）；接口服务照常运行。可用 --pane-port 换端口。\n`);
    return null;
  }
}

function banner(stack: LocalStack, generatedSecret: boolean): string {
  const lines = [
    '',
    `union-ledger 本地服务已启动：${stack.url}`,
    `  健康检查：${stack.url}/health`,
    stack.inMemory
      ? '  注意：内置数据库只保存在内存中，停止服务后数据即丢失。需要保留时请先备份：'
      : `  数据库：${stack.app.store.description}`,
    ...(stack.inMemory
      ? [
          `    union-ledger backup --user admin --out backup.json   （恢复：union-ledger restore backup.json --user admin）`,
        ]
      : []),
    stack.demoRows
      ? `  已导入演示台账 ${stack.demoRows} 行（2023、2024年）`
      : '  已预置演示组织、单位和用户（加 --demo 导入2023、2024年演示台账）',
    '',
    generatedSecret
      ? `本次运行生成的本地签名密钥（其他终端使用 --user 前请先设置）：\n  export LOCAL_AUTH_SECRET=${stack.secret}`
      : '本地签名密钥：使用环境变量 LOCAL_AUTH_SECRET',
    '',
    '演示用户的访问令牌（Authorization: Bearer <令牌>）：',
    ...Object.entries(stack.tokens).map(([user, token]) => `  ${user.padEnd(22)} ${token}`),
  ];
  return lines.join('\n');
}
