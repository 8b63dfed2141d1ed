// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { welfareSheet } from '../../../shared/sheet/testing.js';
import { FakeServer } from '../app/testing/fakeServer.js';
import { MemoryWorkbook } from '../app/testing/memoryWorkbook.js';
import { figureDef } from '../../../shared/summary/catalogue.js';
import { App } from './App.js';

/** The pane in jsdom: sign in with the one local user offered, validate, click a result. */
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
let server: FakeServer;
let book: MemoryWorkbook;

const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  if (String(input) === '/dev/local-users')
    return new Response(
      JSON.stringify({
        users: [
          {
            id: 'officer-mech-info',
            name: '机电学院工会干部',
            role: 'officer',
            unit: 'mech-info',
            token: 'tok',
          },
        ],
      }),
      { headers: { 'content-type': 'application/json' } },
    );
  return server.fetch(input, init);
};

async function until<T>(find: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found) return found;
    await act(() => new Promise((r) => setTimeout(r, 20)));
  }
  throw new Error(`not found: ${what}\n${container.textContent}`);
}

const button = (name: string): HTMLButtonElement | undefined =>
  [...container.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);

beforeEach(() => {
  sessionStorage.clear();
  server = new FakeServer();
  book = new MemoryWorkbook();
  const used = welfareSheet();
  book.addSheet('慰问台账', used.values, used.merges);
  container = document.createElement('div');
  document.body.appendChild(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

describe('App', () => {
  it('outside Excel asks to be opened in Excel', () => {
    act(() => root.render(<App host={null} config={{ apiBase: '/api', auth: { mode: 'local' } }} />));
    expect(container.textContent).toContain('请在 Excel 中打开本加载项');
  });

  it('signs in locally, validates, and selects the cell of a result', async () => {
    act(() =>
      root.render(
        <App
          host={book}
          config={{ apiBase: 'http://fake.local/api', auth: { mode: 'local' } }}
          fetchImpl={fetchImpl}
        />,
      ),
    );
    const signIn = await until(() => (button('登录')?.disabled === false ? button('登录') : null), '登录');
    await act(async () => signIn.click());
    await until(() => container.querySelector('[data-testid="ledger-kind"]'), 'ledger kind');
    expect(container.querySelector('[data-testid="who"]')?.textContent).toBe('分工会干部 · 机电学院工会');
    expect(server.requests.map((r) => r.url)).toEqual(['/api/settings']);
    expect(server.requests[0]!.auth).toBe('Bearer tok');

    await act(async () => button('校验')!.click());
    const result = await until(
      () =>
        container.querySelector<HTMLButtonElement>('[data-testid="results"] button[data-severity="error"]'),
      'a result',
    );
    expect(result.textContent).toContain('第5行');
    expect(result.textContent).toContain('单次金额不得超过500元');
    await act(async () => result.click());
    expect(book.selection).toEqual({ sheet: '慰问台账', row: 5, col: 9 });
    // Validation is local: no request was made for it.
    expect(server.requests).toHaveLength(1);
  });

  it('offers an officer 预算执行, which the server answers with the officer’s unit (one access rule)', async () => {
    act(() =>
      root.render(
        <App
          host={book}
          config={{ apiBase: 'http://fake.local/api', auth: { mode: 'local' } }}
          fetchImpl={fetchImpl}
        />,
      ),
    );
    const signIn = await until(() => (button('登录')?.disabled === false ? button('登录') : null), '登录');
    await act(async () => signIn.click());
    await until(() => container.querySelector('[data-testid="ledger-kind"]'), 'ledger kind');
    expect(button('预算执行')).toBeDefined();
  });

  it('lists the rows behind the figure selected on 汇总 and jumps to one in its sheet', async () => {
    const figure = figureDef('welfare.personTimes')!;
    const host = Object.assign(book, {
      selectedFigure: async () => figure,
      locateRows: async (kind: string, ids: readonly string[]) =>
        new Map(
          kind === 'welfare' && ids.includes('welfare-0001')
            ? [['welfare-0001', { sheet: '慰问台账', row: 5 }]]
            : [],
        ),
    });
    const asked: string[] = [];
    const withRows = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const url = String(input);
      if (!url.includes('/summary/rows')) return fetchImpl(input, init);
      asked.push(url.slice(url.indexOf('/summary')));
      const row = (rowId: string, name: string) => ({
        rowId,
        rev: '1',
        unit: 'mech-info',
        year: 2023,
        fields: { date: '2023-01-13', name, type: '节日慰问' },
        deleted: false,
        seq: 1,
        updatedAt: '2024-01-01T00:00:00Z',
        updatedBy: 'admin',
      });
      return new Response(
        JSON.stringify({
          key: figure.key,
          label: figure.label,
          measure: 'count',
          ledger: 'welfare',
          source: '慰问台账：年度内全部慰问记录（一行为一人次），共2行',
          year: 2023,
          unit: 'mech-info',
          total: 2,
          page: 1,
          size: 50,
          more: false,
          rows: [row('welfare-0001', '张三'), row('welfare-0002', '李四')],
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    };
    act(() =>
      root.render(
        <App
          host={host}
          config={{ apiBase: 'http://fake.local/api', auth: { mode: 'local' } }}
          fetchImpl={withRows}
        />,
      ),
    );
    const signIn = await until(() => (button('登录')?.disabled === false ? button('登录') : null), '登录');
    await act(async () => signIn.click());
    const show = await until(() => button('查看所选指标的记录'), '查看所选指标的记录');
    await act(async () => show.click());
    const list = await until(() => container.querySelector('[aria-label="指标来源记录"]'), 'the rows');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^\/summary\/rows\?year=\d{4}&key=welfare\.personTimes&page=1&size=50$/);
    expect(list.textContent).toContain('慰问教职工：共 2 行');
    expect(list.textContent).toContain('2023-01-13 · 张三 · 节日慰问');
    expect(list.textContent).toContain('不在本工作簿');
    const locate = [...list.querySelectorAll('button')].find((b) => b.textContent?.startsWith('定位'))!;
    expect(locate.textContent).toBe('定位（慰问台账 第5行）');
    await act(async () => locate.click());
    expect(book.selection).toEqual({ sheet: '慰问台账', row: 5, col: 1 });
  });
});
