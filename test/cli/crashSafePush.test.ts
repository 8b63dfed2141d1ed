import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_DIR, MAX_BACKUPS, saveWorkbookFile } from '../../cli/src/file/saveWorkbook.js';
import { openWorkbookFile } from '../../cli/src/file/workbookFile.js';
import type { CrashPoint } from '../../cli/src/file/faults.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, testStack } from '../backend/helpers.js';
import { runCli } from '../support/cli.js';
import { officeWorkbook } from '../support/officeWorkbooks.js';

/**
 * Issue 15, crash-safe push: the push is killed (SIGKILL, no cleanup) at each stage and run
 * again; the server then holds every row exactly once, and the file carries every id.
 */
let dir: string;
const ROWS = 1_100; // three chunks of at most 500

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-crash-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const push = (stack: LocalStack, file: string, cache: string, env: Record<string, string> = {}) =>
  runCli(['push', file, '--api', stack.url, '--user', 'admin', '--json', '--yes'], {
    LOCAL_AUTH_SECRET: stack.secret,
    UNION_LEDGER_CACHE_DIR: cache,
    ...env,
  });

async function idsInFile(file: string): Promise<string[]> {
  const { book } = await openWorkbookFile(file);
  const used = await book.sheet('慰问台账').readUsedRange();
  const header = used.values[1]!;
  const col = header.indexOf('_id');
  return col < 0 ? [] : used.values.slice(2).flatMap((r) => (typeof r[col] === 'string' ? [r[col]] : []));
}

describe('push killed at each stage, then run again', () => {
  const stages: CrashPoint[] = ['ids-planned', 'between-chunks', 'before-save', 'during-save'];
  for (const stage of stages)
    it(`${stage}: 0 duplicates, 0 rows lost`, async () => {
      const stack = await testStack();
      try {
        const file = await officeWorkbook(path.join(dir, stage, '慰问台账.xlsx'), {
          rows: ROWS,
          extras: true,
        });
        const cache = path.join(dir, stage, 'cache');
        const killed = await push(stack, file, cache, { UNION_LEDGER_CRASH_AT: stage });
        expect(killed.code, killed.stderr).not.toBe(0);
        expect(killed.stdout).toBe('');

        const again = await push(stack, file, cache);
        expect([0, 1], again.stderr).toContain(again.code);
        const { rows } = await client(stack.url, stack.tokens.admin).pullAll('welfare');
        const live = rows.filter((r) => !r.deleted);
        expect(live).toHaveLength(ROWS);
        const ids = await idsInFile(file);
        expect(new Set(ids).size).toBe(ROWS);
        expect(new Set(live.map((r) => r.rowId))).toEqual(new Set(ids));

        const third = await push(stack, file, cache);
        const report = JSON.parse(third.stdout) as { rowsSent: number };
        expect(report.rowsSent).toBe(0);
        // A save killed midway left the workbook whole; its temporary file is gone after the next save.
        expect((await readdir(path.dirname(file))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      } finally {
        await stack.close();
      }
    }, 300_000);
});

describe('before and at the save', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await testStack();
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it('a file open in Excel (its ~$ owner file beside it): 请先在 Excel 中关闭该文件, nothing sent', async () => {
    const file = await officeWorkbook(path.join(dir, 'locked', '名单.xlsx'), { rows: 5 });
    await writeFile(path.join(dir, 'locked', '~$名单.xlsx'), 'owner');
    const r = await push(stack, file, path.join(dir, 'locked', 'cache'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('请先在 Excel 中关闭该文件');
    const { rows } = await client(stack.url, stack.tokens.admin).pullAll('welfare');
    expect(rows).toHaveLength(0);
  });

  it('a file saved again on disk meanwhile is not overwritten: the results go to a new file beside it', async () => {
    const file = await officeWorkbook(path.join(dir, 'changed', '名单.xlsx'), { rows: 3 });
    const opened = await openWorkbookFile(file);
    await opened.book.sheet('慰问台账').write([{ row: 3, col: 12, value: 'x' }]);
    const officerSaved = Buffer.concat([await readFile(file), Buffer.from('')]);
    await writeFile(file, officerSaved); // same bytes: not a change
    const same = await saveWorkbookFile(opened, await opened.book.toBuffer());
    expect(same.changedOnDisk).toBe(false);

    const again = await openWorkbookFile(file);
    await again.book.sheet('慰问台账').write([{ row: 4, col: 12, value: 'y' }]);
    const edited = await officeWorkbook(path.join(dir, 'changed', 'other.xlsx'), { rows: 4 });
    await writeFile(file, await readFile(edited));
    const outcome = await saveWorkbookFile(again, await again.book.toBuffer());
    expect(outcome.changedOnDisk).toBe(true);
    expect(outcome.savedTo).not.toBe(file);
    expect(path.dirname(outcome.savedTo)).toBe(path.dirname(file));
    expect((await readFile(file)).equals(await readFile(edited))).toBe(true);
  });

  it('keeps the previous versions, at most MAX_BACKUPS of them, in a folder beside the file', async () => {
    const file = await officeWorkbook(path.join(dir, 'backups', '名单.xlsx'), { rows: 3 });
    for (let i = 0; i < MAX_BACKUPS + 3; i++) {
      const opened = await openWorkbookFile(file);
      await opened.book.sheet('慰问台账').write([{ row: 3, col: 12, value: `v${i}` }]);
      await saveWorkbookFile(opened, await opened.book.toBuffer());
    }
    const kept = await readdir(path.join(dir, 'backups', BACKUP_DIR));
    expect(kept).toHaveLength(MAX_BACKUPS);
  });
});
