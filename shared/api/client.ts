import type { z } from 'zod';
import type { LedgerKind } from '../ledgers/define.js';
import { annualSummarySchema, type AnnualSummary } from '../summary/annual.js';
import { budgetExecutionSchema, type BudgetExecution } from '../summary/budgetExecution.js';
import {
  healthResponseSchema,
  ledgersResponseSchema,
  settingsResponseSchema,
  type HealthResponse,
  type LedgersResponse,
  type SettingsResponse,
} from './backend.js';
import { summaryRowsResponseSchema, type SummaryRowsResponse } from './summaryRows.js';
import { ApiError, errorFromResponse, OFFLINE_MESSAGE, TIMEOUT_MESSAGE } from './clientErrors.js';
import {
  pullResponseSchema,
  syncResponseSchema,
  type PullResponse,
  type SyncRequest,
  type SyncResponse,
} from './sync.js';

/**
 * The one API client (DESIGN.md "The HTTP API"), for the task pane and the CLI, over an injected
 * `fetch` and token source. One policy for both:
 * - a bearer token on every call, from the token source (null: sent without one);
 * - every JSON answer checked against its shared/api schema;
 * - errors of the one shape become an ApiError with the server's Chinese message;
 * - no answer at all (refused, reset, DNS) and 500/502/503/504/429 are retried with doubling
 *   backoff and jitter, honouring Retry-After; a Retry-After above `maxDelayMs` ends the retries.
 *   Every request is safe to repeat: a push is idempotent by client row id and base revision;
 * - a request without an answer for `timeoutMs` is abandoned as `timeout`;
 * - a push refused as too large (413) goes again in halves, down to single rows.
 */
export interface ApiClient {
  health(): Promise<HealthResponse>;
  ledgers(): Promise<LedgersResponse>;
  settings(): Promise<SettingsResponse>;
  push(kind: LedgerKind, body: SyncRequest): Promise<SyncResponse>;
  pull(kind: LedgerKind, since?: string, limit?: number): Promise<PullResponse>;
  summary(year: number, unit?: string): Promise<AnnualSummary>;
  budgetExecution(year: number): Promise<BudgetExecution>;
  /** The rows behind one figure of the summary (GET /api/summary/rows), one page. */
  summaryRows(year: number, key: string, page?: number, size?: number): Promise<SummaryRowsResponse>;
  /** The leadership workbook of a year (`GET /api/reports/annual.xlsx`). */
  annualWorkbook(year: number): Promise<Uint8Array>;
  /** The work report draft (`GET /api/reports/annual.docx`): the organisation's, or an officer's own unit's. */
  workReport(year: number): Promise<Uint8Array>;
  /** Answers received (retries included), for reports and tests. */
  readonly requests: number;
}

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  /** The HTTP status, or null when no answer came. */
  status: number | null;
}

export interface ApiClientOptions {
  /** e.g. `/api` (the dev server proxies it) or `https://….azurewebsites.net/api`. */
  baseUrl: string;
  /** The bearer token, or null when signed out (the request is then sent without one). */
  token: () => Promise<string | null> | string | null;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Retries after no answer or a retryable status (so at most retries + 1 requests). */
  retries?: number;
  /** First backoff when the server gives no Retry-After; doubled each retry. */
  baseDelayMs?: number;
  /** No single wait is longer; a longer Retry-After ends the retries. */
  maxDelayMs?: number;
  /** A request without an answer for this long is abandoned as `timeout`. */
  timeoutMs?: number;
  /** 0..1, for jitter; injectable for tests. */
  random?: () => number;
  onRetry?: (info: RetryInfo) => void;
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const INVALID_JSON = Symbol('invalid json');

export function createApiClient(opts: ApiClientOptions): ApiClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retries = opts.retries ?? 3;
  const baseDelay = opts.baseDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const random = opts.random ?? Math.random;
  let requests = 0;

  async function once(method: string, path: string, body: unknown): Promise<Response> {
    const token = await opts.token();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const response = await doFetch(`${base}/${path}`, {
        method,
        headers,
        signal: controller.signal,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      requests++;
      return response;
    } catch (e) {
      if (timedOut) throw new ApiError('timeout', TIMEOUT_MESSAGE);
      // fetch rejects only when no HTTP answer arrived: DNS, refused, reset, CORS, aborted.
      throw new ApiError('offline', OFFLINE_MESSAGE, null, null, { cause: causeOf(e) });
    } finally {
      clearTimeout(timer);
    }
  }

  /** One request with the retry policy; the answer's body as bytes. */
  async function send(method: string, path: string, body?: unknown): Promise<Uint8Array> {
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await once(method, path, body);
      } catch (e) {
        if (!(e instanceof ApiError) || e.kind !== 'offline' || attempt >= retries) throw e;
        await wait(attempt, null, null);
        continue;
      }
      const bytes = new Uint8Array(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));
      if (response.ok) return bytes;
      const error = errorFromResponse(response.status, parseJson(bytes));
      if (!RETRY_STATUSES.has(response.status) || attempt >= retries) throw error;
      const advised = retryAfterMs(response.headers.get('retry-after'));
      if (advised !== null && advised > maxDelay) throw error;
      await wait(attempt, response.status, advised);
    }
  }

  async function wait(attempt: number, status: number | null, advised: number | null): Promise<void> {
    const backoff = Math.min(maxDelay, baseDelay * 2 ** attempt);
    const delayMs = advised ?? Math.round(backoff / 2 + (random() * backoff) / 2);
    opts.onRetry?.({ attempt: attempt + 1, delayMs, status });
    await sleep(delayMs);
  }

  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const json = parseJson(await send(method, path, body));
    if (json === INVALID_JSON) throw badResponse(path, '不是有效的 JSON');
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw badResponse(path, parsed.error.issues[0]?.path.join('.') ?? '');
    return parsed.data as z.infer<S>;
  }

  const push = async (kind: LedgerKind, body: SyncRequest): Promise<SyncResponse> => {
    try {
      return await call('POST', `ledgers/${encodeURIComponent(kind)}/sync`, syncResponseSchema, body);
    } catch (e) {
      // Above the server's body limit: the same rows in halves, the answers joined.
      if (!(e instanceof ApiError) || e.kind !== 'too-large' || body.rows.length < 2) throw e;
      const half = Math.ceil(body.rows.length / 2);
      const a = await push(kind, { ...body, rows: body.rows.slice(0, half) });
      const b = await push(kind, { ...body, rows: body.rows.slice(half) });
      return { results: [...a.results, ...b.results] };
    }
  };

  return {
    health: () => call('GET', 'health', healthResponseSchema),
    ledgers: () => call('GET', 'ledgers', ledgersResponseSchema),
    settings: () => call('GET', 'settings', settingsResponseSchema),
    push,
    pull: (kind, since, limit) =>
      call('GET', `ledgers/${encodeURIComponent(kind)}/rows${query({ since, limit })}`, pullResponseSchema),
    summary: (year, unit) => call('GET', `summary${query({ year, unit })}`, annualSummarySchema),
    budgetExecution: (year) => call('GET', `budget-execution${query({ year })}`, budgetExecutionSchema),
    summaryRows: (year, key, page, size) =>
      call('GET', `summary/rows${query({ year, key, page, size })}`, summaryRowsResponseSchema),
    annualWorkbook: (year) => send('GET', `reports/annual.xlsx${query({ year })}`),
    workReport: (year) => send('GET', `reports/annual.docx${query({ year })}`),
    get requests() {
      return requests;
    },
  };
}

function query(params: Record<string, string | number | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
}

function parseJson(bytes: Uint8Array): unknown {
  if (bytes.length === 0) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

function badResponse(path: string, where: string): ApiError {
  return new ApiError(
    'bad-response',
    `服务器返回的数据格式不正确（${path.split('?')[0]}${where ? `：${where}` : ''}），请确认客户端与服务器版本一致`,
  );
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
