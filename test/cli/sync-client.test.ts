import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../shared/api/client.js';
import { ApiError } from '../../shared/api/clientErrors.js';
import { fetchChanges } from '../../shared/sheet/engine/index.js';
import { deleteConsent } from '../../cli/src/sync/consent.js';
import { progressBar } from '../../cli/src/sync/progress.js';
import { pushFiles } from '../../cli/src/sync/push.js';
import type { SyncRequest } from '../../shared/api/index.js';

/** The CLI's sync plumbing without a server: retries, chunk splitting, consent, the progress bar. */
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'union-ledger-client-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const settle = { start() {}, tick() {}, done() {} };

describe('the CLI on the one API client (shared/api/client.ts)', () => {
  it('waits as told by Retry-After on 429, then succeeds', async () => {
    const waits: number[] = [];
    let calls = 0;
    const api = createApiClient({
      baseUrl: 'http://x/api/',
      token: () => 't',
      sleep: async (ms) => void waits.push(ms),
      fetch: async (url) => {
        calls++;
        expect(String(url)).toBe('http://x/api/ledgers/members/rows');
        return calls < 3
          ? json(429, { error: { code: 'throttled', message: '请求过于频繁' } }, { 'retry-after': '2' })
          : json(200, { rows: [], next: 'n1', more: false });
      },
    });
    expect(await fetchChanges(api, 'members', undefined)).toEqual({ rows: [], next: 'n1' });
    expect(waits).toEqual([2000, 2000]);
    expect(api.requests).toBe(3);
  });

  it('retries a network error, then says in Chinese that the server cannot be reached (exit code 2)', async () => {
    let calls = 0;
    const api = createApiClient({
      baseUrl: 'http://x/api',
      token: () => 't',
      sleep: async () => {},
      fetch: async () => {
        calls++;
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      },
    });
    const e = await api.settings().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).message).toBe('无法连接服务器，请检查网络连接（或服务是否已启动）后重试');
    expect((e as ApiError).details).toEqual({ cause: 'ECONNREFUSED' });
    expect(calls).toBe(4);
  });

  it('passes the server’s Chinese message on, and refuses a body that breaks the contract', async () => {
    const api = (response: Response) =>
      createApiClient({ baseUrl: 'http://x/api', token: () => 't', fetch: async () => response });
    await expect(
      api(json(401, { error: { code: 'unauthenticated', message: '令牌无效或已过期' } })).settings(),
    ).rejects.toThrow('令牌无效或已过期');
    await expect(
      api(json(413, { error: { code: 'payload_too_large', message: '请求过大' } })).settings(),
    ).rejects.toMatchObject({ kind: 'too-large' });
    await expect(api(json(200, { nope: true })).settings()).rejects.toThrow(
      '服务器返回的数据格式不正确（settings：settings）',
    );
  });
});

describe('pushFiles', () => {
  it('sends a chunk the server finds too large again in halves, and writes every result back', async () => {
    const file = path.join(dir, 'activities.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('活动');
    ws.addRow(['活动名称', '活动类别', '活动级别', '组织单位', '开始日期']);
    for (let i = 1; i <= 5; i++)
      ws.addRow([`活动${i}`, '文体活动', '二级工会', '机电学院工会', '2023-10-14']);
    await wb.xlsx.writeFile(file);
    const sizes: number[] = [];
    const api = createApiClient({
      baseUrl: 'http://x/api',
      token: () => 't',
      fetch: async (_url, init) => {
        const body = JSON.parse(String(init?.body)) as SyncRequest;
        sizes.push(body.rows.length);
        if (body.rows.length > 2)
          return json(413, { error: { code: 'payload_too_large', message: '请求过大' } });
        return json(200, {
          results: body.rows.map((r) => ({
            rowId: r.rowId,
            sheetRow: r.sheetRow,
            status: 'created',
            rev: '"r1"',
            issues: [],
          })),
        });
      },
    });
    const report = await pushFiles([file], { api, consent: async () => false, progress: settle });
    expect(sizes).toEqual([5, 3, 2, 1, 2]);
    expect(report.rowsSent).toBe(5);
    expect(report.files[0]!.sheets[0]!.statuses).toEqual({ created: 5 });
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(file);
    const sheet = back.getWorksheet('活动')!;
    for (let r = 2; r <= 6; r++) expect(sheet.getCell(r, 8).value).toBe('已新增');
    expect(sheet.getCell(2, 7).value).toBe('"r1"');
  });
});

describe('deleteConsent', () => {
  it('agrees with --yes, refuses without a terminal, and asks §4.7’s question on one', async () => {
    const q = { file: 'a.xlsx', sheet: '活动', cleared: [7], removed: 2 };
    const pipe = Object.assign(new PassThrough(), { isTTY: false });
    expect(await deleteConsent(true, { input: pipe, output: new PassThrough() })(q)).toBe(true);
    expect(await deleteConsent(false, { input: pipe, output: new PassThrough() })(q)).toBe(false);
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = new PassThrough();
    let asked = '';
    output.on('data', (d: Buffer) => (asked += d.toString()));
    const answer = deleteConsent(false, { input, output })(q);
    setTimeout(() => input.write('y\n'), 10);
    expect(await answer).toBe(true);
    expect(asked).toContain('第7行：该行内容已清空，是否从服务器删除？');
    expect(asked).toContain('另有 2 行已从表格中删除');
  });
});

describe('progressBar', () => {
  it('draws rows done / total and the rate on a terminal, and nothing elsewhere', () => {
    let clock = 0;
    const tty = {
      isTTY: true,
      columns: 100,
      out: '',
      write(s: string) {
        this.out += s;
      },
    };
    const bar = progressBar(tty, '推送', () => clock);
    bar.start(1000);
    clock = 2000;
    bar.tick(500);
    expect(tty.out).toContain('500/1000 行  250 行/秒');
    clock = 2010;
    bar.tick(10); // redrawn at most every 100 ms
    expect(tty.out).not.toContain('510/1000');
    bar.tick(490);
    expect(tty.out).toContain('1000/1000 行');
    bar.done();
    expect(tty.out.endsWith('\r\x1b[K')).toBe(true);
    const pipe = {
      isTTY: false,
      out: '',
      write(s: string) {
        this.out += s;
      },
    };
    const silent = progressBar(pipe, '推送');
    silent.start(10);
    silent.tick(10);
    silent.done();
    expect(pipe.out).toBe('');
  });
});
