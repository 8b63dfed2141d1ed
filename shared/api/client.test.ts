import { describe, expect, it, vi } from 'vitest';
import { createApiClient, retryAfterMs, type ApiClientOptions } from './client.js';
import { ApiError } from './clientErrors.js';

const pullBody = { rows: [], next: 'tok-2', more: false };

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function client(responses: (Response | Error)[], extra: Partial<ApiClientOptions> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const sleeps: number[] = [];
  const fetch = vi.fn(async (url: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ url: String(url), init });
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    if (next instanceof Error) throw next;
    return next;
  });
  const api = createApiClient({
    baseUrl: 'https://api.example/api/',
    token: async () => 'secret-token',
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
  return { api, calls, sleeps, fetch };
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('API client', () => {
  it('sends the bearer token and the query, and returns the validated body', async () => {
    const { api, calls } = client([json(pullBody)]);
    await expect(api.pull('welfare', 'tok 1', 500)).resolves.toEqual(pullBody);
    expect(calls[0]!.url).toBe('https://api.example/api/ledgers/welfare/rows?since=tok+1&limit=500');
    expect(new Headers(calls[0]!.init.headers).get('authorization')).toBe('Bearer secret-token');
  });

  it('posts JSON for a push', async () => {
    const { api, calls } = client([json({ results: [] })]);
    await api.push('welfare', {
      headers: {},
      rows: [{ rowId: 'abcdefgh', baseRev: null, cells: { name: '张三' } }],
    });
    expect(calls[0]!.init.method).toBe('POST');
    expect(new Headers(calls[0]!.init.headers).get('content-type')).toBe('application/json');
    expect(JSON.parse(String(calls[0]!.init.body)).rows[0].cells.name).toBe('张三');
  });

  it('turns the one error shape into an ApiError with the server’s Chinese message', async () => {
    const body = {
      error: { code: 'forbidden', message: '该台账仅限校工会维护', details: { kind: 'honours' } },
    };
    const { api } = client([json(body, 403)]);
    const e = await failure(api.pull('honours'));
    expect(e).toMatchObject({
      kind: 'forbidden',
      status: 403,
      code: 'forbidden',
      message: '该台账仅限校工会维护',
    });
    expect(e.details).toEqual({ kind: 'honours' });
  });

  it('gives a Chinese message for an error without a body, and asks to sign in again on 401', async () => {
    const broken = (): Response => new Response('<html>', { status: 500 });
    const { api } = client([new Response('', { status: 401 }), broken(), broken(), broken(), broken()]);
    expect(await failure(api.settings())).toMatchObject({
      kind: 'unauthenticated',
      message: '登录已失效，请重新登录',
    });
    expect((await failure(api.settings())).message).toBe('服务器出错（HTTP 500），请稍后重试');
  });

  it('rejects a body that breaks the wire contract', async () => {
    const { api } = client([json({ rows: 'nope' })]);
    const e = await failure(api.pull('welfare'));
    expect(e.kind).toBe('bad-response');
    expect(e.message).toMatch(/服务器返回的数据格式不正确/);
  });

  it('retries a network failure with backoff, then reports it as offline', async () => {
    const down = (): Error => new TypeError('Failed to fetch');
    const { api, fetch, sleeps } = client([down(), down(), down(), down()]);
    const e = await failure(api.health());
    expect(e).toMatchObject({ kind: 'offline', retryable: true });
    expect(e.message).toMatch(/无法连接服务器/);
    expect(fetch).toHaveBeenCalledTimes(4);
    expect(sleeps).toEqual([375, 750, 1500]);
  });

  it('sends a push the server finds too large again in halves, and joins the answers', async () => {
    const tooLarge = (): Response =>
      json({ error: { code: 'payload_too_large', message: '请求内容过大' } }, 413);
    const answer = (ids: string[]): Response =>
      json({ results: ids.map((rowId) => ({ rowId, status: 'created', rev: 'r', issues: [] })) });
    const rows = ['row-0001', 'row-0002', 'row-0003'].map((rowId) => ({ rowId, baseRev: null, cells: {} }));
    const { api, calls } = client([tooLarge(), answer(['row-0001', 'row-0002']), answer(['row-0003'])]);
    const response = await api.push('welfare', { headers: {}, rows });
    expect(response.results.map((r) => r.rowId)).toEqual(['row-0001', 'row-0002', 'row-0003']);
    const sent = calls.map((c) => (JSON.parse(String(c.init.body)) as { rows: unknown[] }).rows.length);
    expect(sent).toEqual([3, 2, 1]);
    expect(api.requests).toBe(3);
  });

  it('refuses a single row above the body limit as too large, in Chinese', async () => {
    const { api } = client([json({ error: { code: 'payload_too_large', message: '请求内容过大' } }, 413)]);
    const e = await failure(
      api.push('welfare', { headers: {}, rows: [{ rowId: 'row-0001', baseRev: null, cells: {} }] }),
    );
    expect(e).toMatchObject({ kind: 'too-large', status: 413, message: '请求内容过大' });
  });

  it('retries 429 after the Retry-After seconds, then succeeds', async () => {
    const throttled = json({ error: { code: 'throttled', message: '请求过多' } }, 429, {
      'Retry-After': '2',
    });
    const onRetry = vi.fn();
    const { api, sleeps } = client([throttled, json(pullBody)], { onRetry });
    await expect(api.pull('welfare')).resolves.toEqual(pullBody);
    expect(sleeps).toEqual([2000]);
    expect(onRetry).toHaveBeenCalledWith({ attempt: 1, delayMs: 2000, status: 429 });
  });

  it('backs off exponentially on 503 without Retry-After, and gives up after the retries', async () => {
    const unavailable = () => json({ error: { code: 'store_unavailable', message: '数据库暂不可用' } }, 503);
    const { api, sleeps, fetch } = client([unavailable(), unavailable(), unavailable(), unavailable()], {
      retries: 3,
      baseDelayMs: 100,
    });
    const e = await failure(api.ledgers());
    expect(e).toMatchObject({ kind: 'unavailable', message: '数据库暂不可用' });
    expect(fetch).toHaveBeenCalledTimes(4);
    // random() = 0.5: half the backoff plus a quarter of it.
    expect(sleeps).toEqual([75, 150, 300]);
  });

  it('does not wait longer than maxDelayMs: a long Retry-After ends the retries', async () => {
    const { api, sleeps } = client(
      [json({ error: { code: 'throttled', message: '请一分钟后再试' } }, 429, { 'Retry-After': '120' })],
      {
        maxDelayMs: 30_000,
      },
    );
    expect((await failure(api.health())).message).toBe('请一分钟后再试');
    expect(sleeps).toEqual([]);
  });

  it('does not retry other errors', async () => {
    const { api, fetch } = client([
      json({ error: { code: 'validation_failed', message: '请求内容不正确' } }, 400),
    ]);
    await failure(
      api.push('welfare', { headers: {}, rows: [{ rowId: 'abcdefgh', baseRev: null, cells: {} }] }),
    );
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('abandons a request that gets no answer as timeout', async () => {
    const api = createApiClient({
      baseUrl: '/api',
      token: () => null,
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
        ),
    });
    expect((await failure(api.health())).kind).toBe('timeout');
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('0.5')).toBe(500);
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(retryAfterMs('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10_000);
    expect(retryAfterMs('soon')).toBeNull();
    expect(retryAfterMs(null)).toBeNull();
  });
});
