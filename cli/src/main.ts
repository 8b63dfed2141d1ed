import { readFileSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';
import { registerBackup } from './commands/backup.js';
import { registerDemo } from './commands/demo.js';
import { registerManifest } from './commands/manifest.js';
import { registerPull } from './commands/pull.js';
import { registerPush } from './commands/push.js';
import { registerReport } from './commands/report.js';
import { registerRestore } from './commands/restore.js';
import { registerServe } from './commands/serve.js';
import { registerSummary } from './commands/summary.js';
import { registerTemplate } from './commands/template.js';
import { registerToken } from './commands/token.js';
import { registerValidate } from './commands/validate.js';
import { chineseProgram } from './parserText.js';
import { UserError } from './userError.js';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Build the `union-ledger` program. Each command registers itself from its own module. */
export function buildProgram(): Command {
  const program = chineseProgram('union-ledger', VERSION)
    .description('工会台账：校验、同步、汇总 Excel 台账（union-ledger）')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerDemo(program);
  registerValidate(program);
  registerSummary(program);
  registerServe(program);
  registerToken(program);
  registerBackup(program);
  registerRestore(program);
  registerManifest(program);
  registerPush(program);
  registerPull(program);
  registerReport(program);
  registerTemplate(program);
  return program;
}

/** Run the CLI; returns the process exit code (0 ok, 1 invalid rows, 2 unusable input). */
export async function main(argv: string[]): Promise<number> {
  try {
    const program = buildProgram();
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UserError) {
      process.stderr.write(`错误：${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`错误：程序内部错误（${e instanceof Error ? e.message : String(e)}）\n`);
    return 3;
  }
}
