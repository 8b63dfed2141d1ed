import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../cli/bin/union-ledger.js', import.meta.url));
/** Push's record of unchanged files (cli/src/sync/cleanFiles.ts), per test process, not the user's. */
const CACHE_DIR = path.join(os.tmpdir(), `union-ledger-test-cache-${process.pid}`);

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the real `union-ledger` binary in a child process, as a user would. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        env: { ...process.env, UNION_LEDGER_CACHE_DIR: CACHE_DIR, ...env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
