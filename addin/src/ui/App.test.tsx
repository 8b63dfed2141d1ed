// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { welfareSheet } from '../../../shared/sheet/testing.js';
import { FakeServer } from '../app/testing/fakeServer.js';
import { MemoryWorkbook } from '../app/testing/memoryWorkbook.js';
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
});
