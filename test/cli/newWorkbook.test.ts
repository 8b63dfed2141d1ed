import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbookFile } from '../../cli/src/file/workbookFile.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { templateColumns } from '../../shared/sheet/template.js';
import { client, testStack } from '../backend/helpers.js';
import { runCli } from '../support/cli.js';
import { libreOfficeCsv, zipParts } from '../support/officeWorkbooks.js';

/** Issue 15: an officer on a new computer gets their unit's rows into a new workbook; an empty ledger from the CLI. */
let dir: string;
let stack: LocalStack;
const OFFICER = 'officer-mech-info';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-new-'));
  stack = await testStack({ demo: true });
}, 180_000);
afterAll(async () => {
  await stack?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('union-ledger template', () => {
  it('writes an empty ledger: title row, headers, drop-downs from the enums, formats; LibreOffice opens it; never overwrites', async () => {
    const file = path.join(dir, '慰问.xlsx');
    const r = await runCli(['template', '--kind', 'welfare', '--out', file]);
    expect(r.code, r.stderr).toBe(0);
    const { book } = await openWorkbookFile(file);
    const used = await book.sheet('慰问台账').readUsedRange();
    expect(used.values[0]![0]).toBe('慰问台账');
    expect(used.values[1]).toEqual(templateColumns('welfare').map((c) => c.header));
    const sheet = (await zipParts(file)).get('xl/worksheets/sheet1.xml')!.toString();
    expect(sheet).toMatch(/sqref="E3:E1002"><formula1>&quot;节日慰问,/);
    expect((await zipParts(file)).get('xl/styles.xml')!.toString()).toContain('formatCode="yyyy-mm-dd"');
    expect(await libreOfficeCsv(file, path.join(dir, 'lo'))).toContain('慰问日期');

    const again = await runCli(['template', '--kind', 'welfare', '--out', file]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('文件已存在');
  }, 240_000);
});

describe('union-ledger pull NEW.xlsx --kind K', () => {
  it('creates the workbook from the template with the rows the caller may see', async () => {
    const file = path.join(dir, '新电脑', '慰问台账.xlsx');
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file), { recursive: true }));
    const r = await runCli(
      ['pull', file, '--kind', 'welfare', '--api', stack.url, '--user', OFFICER, '--json'],
      {
        LOCAL_AUTH_SECRET: stack.secret,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const visible = (await client(stack.url, stack.tokens[OFFICER]).pullAll('welfare')).rows.filter(
      (x) => !x.deleted,
    );
    expect(visible.length).toBeGreaterThan(0);
    const { book } = await openWorkbookFile(file);
    const used = await book.sheet('慰问台账').readUsedRange();
    const rows = used.values.slice(2).filter((line) => line.some((v) => v !== null));
    expect(rows).toHaveLength(visible.length);
    // Every pulled row reads back as a valid date (the engine writes dates into an empty sheet as text).
    expect(rows.every((line) => line[0] instanceof Date || /^\d{4}-\d{2}-\d{2}$/.test(String(line[0])))).toBe(
      true,
    );

    const pushed = await runCli(['push', file, '--api', stack.url, '--user', OFFICER, '--json'], {
      LOCAL_AUTH_SECRET: stack.secret,
    });
    expect(JSON.parse(pushed.stdout).rowsSent).toBe(0);
  }, 240_000);

  it('without --kind, a missing file says how to create it (exit 2)', async () => {
    const r = await runCli(['pull', path.join(dir, 'none.xlsx'), '--api', stack.url, '--user', OFFICER], {
      LOCAL_AUTH_SECRET: stack.secret,
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kind');
  });
});
