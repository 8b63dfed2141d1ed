import { Command, CommanderError } from 'commander';
import { registerManifest } from '../cli/src/commands/manifest.js';
import { UserError } from '../cli/src/userError.js';

/**
 * `npm run manifest -- --url https://host/ [--out manifest.prod.xml]`: the production manifest
 * (the same command as `union-ledger manifest`, runnable before cli/src/main.ts registers it).
 */
const program = new Command('union-ledger').exitOverride();
registerManifest(program);
try {
  await program.parseAsync([process.argv[0]!, process.argv[1]!, 'manifest', ...process.argv.slice(2)]);
} catch (e) {
  if (e instanceof CommanderError) process.exitCode = e.exitCode === 0 ? 0 : 2;
  else if (e instanceof UserError) {
    process.stderr.write(`错误：${e.message}\n`);
    process.exitCode = e.exitCode;
  } else throw e;
}
