import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStack } from '../../../test/backend/helpers.js';
import { WELFARE_HEADERS, writeWelfareWorkbook } from '../../../test/support/welfareWorkbook.js';
import type { LocalStack } from '../../../functions/src/local/stack.js';
import { createApiClient } from '../../../shared/api/client.js';
import { cleanFiles } from './cleanFiles.js';
import { pushFiles } from './push.js';

let dir: string;
let stack: LocalStack;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-clean-'));
  stack = await testStack();
});
afterAll(async () => {
  await stack.close();
  await rm(dir, { recursive: true, force: true });
});

describe('cleanFiles', () => {
  it('matches the same bytes, kind and version only; a damaged cache is no cache', async () => {
    const cache = path.join(dir, 'cache-a');
    const clean = cleanFiles(cache, '1.0.0');
    const bytes = new TextEncoder().encode('workbook bytes');
    const file = path.join(dir, 'a.xlsx');
    expect(await clean.isClean(file, bytes, null)).toBe(false);
    await clean.remember(file, bytes, null);
    expect(await clean.isClean(file, bytes, null)).toBe(true);
    expect(await clean.isClean(file, new TextEncoder().encode('workbook bytez'), null)).toBe(false);
    expect(await clean.isClean(file, bytes, 'welfare')).toBe(false);
    expect(await cleanFiles(cache, '1.0.1').isClean(file, bytes, null)).toBe(false);
    expect(await clean.isClean(path.join(dir, 'b.xlsx'), bytes, null)).toBe(false);
    await writeFile(path.join(cache, 'clean-files.json'), '{"files": [1, 2');
    expect(await clean.isClean(file, bytes, null)).toBe(false);
    await clean.remember(file, bytes, null); // and it is rebuilt
    expect(await clean.isClean(file, bytes, null)).toBe(true);
  });

  it('lets a push skip a workbook left exactly as the last push saved it, and reads it again after an edit', async () => {
    const file = await writeWelfareWorkbook(dir, 3);
    const api = createApiClient({ baseUrl: stack.url, token: () => stack.tokens.admin! });
    const opts = {
      api,
      consent: async () => true,
      progress: { start() {}, tick() {}, done() {} },
      cleanFiles: cleanFiles(path.join(dir, 'cache-b'), '1.0.0'),
    };
    const first = await pushFiles([file], opts);
    expect(first.rowsSent).toBe(3);
    expect(first.files[0]!.unchangedSinceLastPush).toBeUndefined();

    const again = await pushFiles([file], opts);
    expect(again.files[0]).toMatchObject({ unchangedSinceLastPush: true, saved: false, sheets: [] });
    expect(again.rowsSent).toBe(0);
    expect(again.requests).toBe(0);

    // An officer edits one amount: the bytes differ, the file is read and the row sent.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('慰问台账')!;
    const amount = WELFARE_HEADERS.indexOf('金额') + 1;
    let edited = false;
    sheet.eachRow((r) => {
      if (!edited && r.getCell(amount).value === 500) {
        r.getCell(amount).value = 600;
        edited = true;
      }
    });
    await wb.xlsx.writeFile(file);
    const afterEdit = await pushFiles([file], opts);
    expect(afterEdit.files[0]!.unchangedSinceLastPush).toBeUndefined();
    expect(afterEdit.rowsSent).toBe(1);
    // The push saved the file with that row synced: the next push skips it again.
    expect((await pushFiles([file], opts)).files[0]!.unchangedSinceLastPush).toBe(true);
    expect((await readFile(file)).length).toBeGreaterThan(0);
  });
});
