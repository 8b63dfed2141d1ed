import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTaskpaneServer, type TaskpaneServer } from '../../addin/dev/server.js';
import { startLocalStack, type LocalStack } from '../../functions/src/local/stack.js';
import type { PullResponse, StoredRowWire, SyncResponse } from '../../shared/api/index.js';
import { demoSettings } from '../../shared/settings/index.js';
import { COL, WELFARE_SHEET } from './harness/welfareSheet.js';

/**
 * The task pane in Debian's Chromium (playwright-core), against the real local backend with
 * its embedded Cosmos server. Excel cannot run here: the harness page injects an in-memory
 * workbook (a test double, drawn as a grid) as `window.__unionLedgerTestWorkbook`, the pane's
 * test seam, and loads the real pane entry through Vite.
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Screenshots go to the git-ignored test/.tmp; UPDATE_DOC_IMAGES=1 refreshes docs/images on purpose.
const SHOTS = join(REPO, process.env.UPDATE_DOC_IMAGES === '1' ? 'docs/images' : 'test/.tmp/screenshots');
const OFFICER = 'officer-mech-info';

let stack: LocalStack;
let pane: TaskpaneServer;
let context: BrowserContext;
let page: Page;
let profile: string;
const pageErrors: string[] = [];

async function api<T>(method: string, path: string, user: string, body?: unknown): Promise<T> {
  const response = await fetch(`${stack.url}/${path}`, {
    method,
    headers: {
      authorization: `Bearer ${stack.tokens[user]}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function serverRows(user = OFFICER): Promise<StoredRowWire[]> {
  const answer = await api<PullResponse>('GET', 'ledgers/welfare/rows', user);
  return answer.rows.filter((r) => !r.deleted);
}

const cell = (row: number, col: number): Promise<unknown> =>
  page.evaluate(([r, c]) => window.__book!.sheet('慰问台账').get(r!, c!), [row, col]);
const note = (row: number, col: number): Promise<string | undefined> =>
  page.evaluate(([r, c]) => window.__book!.sheet('慰问台账').note(r!, c!), [row, col]);
const edit = (row: number, col: number, value: unknown): Promise<void> =>
  page.evaluate(
    ([r, c, v]) => window.__book!.sheet('慰问台账').edit(r as number, c as number, v),
    [row, col, value],
  );

/** Waits for the success message of an operation, failing with the pane's error if it shows one. */
async function noticeAfter(action: () => Promise<void>, text: string): Promise<string> {
  await action();
  const notice = page.getByTestId('notice').filter({ hasText: text });
  const error = page.getByTestId('error');
  await Promise.race([
    notice.waitFor({ timeout: 30_000 }),
    error.waitFor({ timeout: 30_000 }).then(async () => {
      throw new Error(`the pane shows an error: ${await error.textContent()}`);
    }),
  ]);
  return (await notice.textContent()) ?? '';
}

const shot = (name: string) => page.getByTestId('pane').screenshot({ path: join(SHOTS, name) });

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `没有找到 Chromium（${CHROMIUM}）。浏览器测试需要 Debian 的 Chromium：apt-get install chromium`,
    );
  stack = await startLocalStack({ port: 0, log: { error: () => {} } });
  const localUsers = demoSettings.users.map((u) => ({
    id: u.id,
    name: u.name,
    role: u.role,
    unit: u.unit,
    token: stack.tokens[u.id]!,
  }));
  const html = readFileSync(join(HERE, 'harness/harness.html'), 'utf8').replace(
    '%HARNESS_ENTRY%',
    `/@fs${join(HERE, 'harness/main.ts')}`,
  );
  pane = await startTaskpaneServer({
    port: 0,
    host: '127.0.0.1',
    https: false,
    hmr: false,
    apiUrl: stack.url,
    localUsers,
    pages: { '/harness.html': { html } },
    log: () => {},
  });
  mkdirSync(SHOTS, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), 'union-ledger-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
  page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    // The offline step aborts requests on purpose: the browser logs each one.
    if (m.type() === 'error' && !m.text().includes('ERR_INTERNET_DISCONNECTED')) pageErrors.push(m.text());
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await pane?.close();
  await stack?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe('task pane in Chromium', () => {
  it('signs in as a demo officer and shows the detected ledger', async () => {
    await page.goto(`${pane.origin}/harness.html`);
    await page.getByRole('combobox', { name: '演示账号' }).waitFor({ timeout: 60_000 });
    await shot('taskpane-signin.png');
    await page.getByRole('combobox', { name: '演示账号' }).click();
    await page.getByRole('option', { name: new RegExp(OFFICER) }).click();
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('ledger-kind').waitFor();
    expect(await page.getByTestId('ledger-kind').textContent()).toBe('慰问台账');
    expect(await page.getByTestId('who').textContent()).toContain('机电学院工会');
    expect(await page.getByTestId('unknown-columns').textContent()).toContain('联系电话');
    expect(await page.getByTestId('sheet-stats').textContent()).toContain('数据 6 行');
  });

  it('校验 lists the Chinese messages at once, and a click selects the cell', async () => {
    const text = await noticeAfter(() => page.getByRole('button', { name: '校验' }).click(), '校验完成');
    expect(text).toContain('3 行有错误');
    const results = page.getByTestId('results');
    const all = (await results.textContent()) ?? '';
    expect(all).toContain('节日慰问应发放实物慰问品，不得发放现金、购物卡、代金券');
    expect(all).toContain('「慰问日期」');
    expect(all).toContain('「工号」格式不正确：应为4至12位字母或数字');
    await results.getByRole('button').filter({ hasText: '工号' }).first().click();
    await expect
      .poll(() => page.evaluate(() => window.__book!.selection))
      .toEqual({
        sheet: WELFARE_SHEET,
        row: 9,
        col: COL.staffNo,
      });
    expect(await page.locator('td.selected').getAttribute('data-cell')).toBe(`9,${COL.staffNo}`);
    // Nothing was sent.
    expect(await serverRows()).toHaveLength(0);
  });

  it('同步 writes statuses and marks into the sheet and stores the valid rows on the server', async () => {
    const text = await noticeAfter(() => page.getByRole('button', { name: '同步' }).click(), '同步完成');
    expect(text).toContain('已新增 3 行');
    expect(text).toContain('有错误 3 行');
    for (const row of [4, 5, 6]) expect(await cell(row, COL.status)).toBe('已新增');
    for (const row of [7, 8, 9]) expect(await cell(row, COL.status)).toBe('有错误');
    expect(await cell(3, COL.id)).toBe('_id');
    expect(await note(7, COL.form)).toBe('节日慰问应发放实物慰问品，不得发放现金、购物卡、代金券');
    expect(await page.evaluate(() => [...window.__book!.sheet('慰问台账').hidden].sort())).toEqual([
      COL.id,
      COL.rev,
    ]);
    // The unknown column is left exactly as it was.
    expect(await cell(4, 12)).toBe('13800000001');
    const rows = await serverRows();
    expect(rows.map((r) => r.fields.name).sort()).toEqual(['张三', '李四', '王芳'].sort());
    expect(rows.every((r) => r.unit === 'mech-info')).toBe(true);
    const ids = await Promise.all([4, 5, 6].map((r) => cell(r, COL.id)));
    expect(new Set(rows.map((r) => r.rowId))).toEqual(new Set(ids));
    await page.getByTestId('results').getByRole('button').first().waitFor();
    await shot('taskpane-sync.png');
    await page.screenshot({ path: join(SHOTS, 'taskpane-with-sheet.png') });
  });

  it('goes 离线 when the API is unreachable, keeps the unsent rows marked, and 重试 sends them', async () => {
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await edit(6, COL.amount, 150); // 王芳: an update
    await edit(7, COL.form, '慰问品'); // 刘洋: now valid
    await page.getByRole('button', { name: '同步' }).click();
    const offline = page.getByTestId('offline');
    await offline.waitFor();
    expect(await offline.textContent()).toContain('离线');
    expect(await offline.textContent()).toContain('4 行尚未上传');
    for (const row of [6, 7, 8, 9]) expect(await cell(row, COL.status)).toBe('失败');
    expect(await note(6, COL.status)).toContain('网络不可用');
    expect(await cell(4, COL.status)).toBe('已新增');
    // Validation still works offline.
    await noticeAfter(() => page.getByRole('button', { name: '校验' }).click(), '校验完成');
    await shot('taskpane-offline.png');

    await page.unroute('**/api/**');
    await noticeAfter(() => offline.getByRole('button', { name: '重试' }).click(), '同步完成');
    expect(await offline.count()).toBe(0);
    expect(await cell(6, COL.status)).toBe('已更新');
    expect(await cell(7, COL.status)).toBe('已新增');
    expect(await cell(8, COL.status)).toBe('有错误');
    const rows = await serverRows();
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.fields.name === '王芳')?.fields.amount).toBe(15000);
  });

  it('shows a conflict made by another user with both values; 保留我的 overwrites the server', async () => {
    const zhang = (await serverRows('admin')).find((r) => r.fields.name === '张三')!;
    const pushed = await api<SyncResponse>('POST', 'ledgers/welfare/sync', 'admin', {
      headers: {},
      rows: [
        {
          rowId: zhang.rowId,
          baseRev: zhang.rev,
          cells: { ...zhang.fields, unit: '机电学院工会', amount: 350, signed: '是' },
        },
      ],
    });
    expect(pushed.results[0]!.status).toBe('updated');
    await edit(4, COL.amount, 320);
    await noticeAfter(() => page.getByRole('button', { name: '同步' }).click(), '同步完成');
    const card = page.getByTestId('conflict');
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    expect(text).toContain('第4行');
    expect(text).toContain('320');
    expect(text).toContain('350');
    expect(await cell(4, COL.status)).toBe('冲突');
    await shot('taskpane-conflict.png');

    await noticeAfter(() => card.getByRole('button', { name: '保留我的' }).click(), '已保留我的版本');
    expect(await card.count()).toBe(0);
    expect(await cell(4, COL.status)).toBe('已更新');
    const after = (await serverRows()).find((r) => r.rowId === zhang.rowId);
    expect(after?.fields.amount).toBe(32000);
  });

  it('asks before deleting a cleared row on the server', async () => {
    const id = await cell(6, COL.id);
    for (let c = 2; c <= 13; c++) await edit(6, c, '');
    await page.getByRole('button', { name: '同步' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('第6行：该行内容已清空，是否从服务器删除？');
    await noticeAfter(() => dialog.getByRole('button', { name: '从服务器删除' }).click(), '同步完成');
    expect(await cell(6, COL.status)).toBe('已删除');
    expect(await cell(6, COL.id)).toBe('');
    const rows = await serverRows();
    expect(rows.map((r) => r.rowId)).not.toContain(id);
    expect(rows).toHaveLength(3);
  });

  it('生成汇总 writes the 汇总 sheet for the sheet’s year', async () => {
    await noticeAfter(() => page.getByRole('button', { name: '生成汇总' }).click(), '年度汇总');
    const summary = await page.evaluate(() => window.__book!.summaries.at(-1));
    expect(summary?.year).toBe(2023);
    expect(summary?.welfare.personTimes).toBe(3);
    expect(await page.evaluate(() => window.__book!.active)).toBe('汇总');
    expect(pageErrors).toEqual([]);
  });
});
