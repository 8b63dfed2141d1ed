import type { z } from 'zod';
import {
  healthResponseSchema,
  ledgersResponseSchema,
  pullResponseSchema,
  settingsResponseSchema,
  summaryRowsResponseSchema,
  syncResponseSchema,
  type HealthResponse,
  type LedgersResponse,
  type PullResponse,
  type SettingsResponse,
  type SummaryRowsResponse,
  type SyncRequest,
  type SyncResponse,
} from '../../../shared/api/index.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import { annualSummarySchema, type AnnualSummary } from '../../../shared/summary/annual.js';
import { budgetExecutionSchema, type BudgetExecution } from '../../../shared/summary/budgetExecution.js';
import { ApiError, errorFromResponse, OFFLINE_MESSAGE, TIMEOUT_MESSAGE } from './errors.js';

/**
 * The task pane's API client (DESIGN.md "The HTTP API"): a bearer token on every call, every
 * response body checked against its shared/api zod schema, errors of the one shape turned into
 * an ApiError with the server's Chinese message, 429/503 retried with backoff honouring
 * Retry-After, and no answer at all reported as kind `offline`.
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
}

export interface RetryInfo {
  attempt: number;
  delayMs: number;
  status: number;
}

export interface ApiClientOptions {
  /** e.g. `/api` (the dev server proxies it) or `https://….azurewebsites.net/api`. */
  baseUrl: string;
  /** The bearer token, or null when signed out (the request is then sent without one). */
  token: () => Promise<string | null> | string | null;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Retries after a 429/503 (so at most retries + 1 requests). */
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

const RETRY_STATUSES = new Set([429, 503]);

export function createApiClient(opts: ApiClientOptions): ApiClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retries = opts.retries ?? 3;
  const baseDelay = opts.baseDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const random = opts.random ?? Math.random;

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
      return await doFetch(`${base}/${path}`, {
        method,
        headers,
        signal: controller.signal,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (e) {
      if (timedOut) throw new ApiError('timeout', TIMEOUT_MESSAGE);
      // fetch rejects only when no HTTP answer arrived: DNS, refused, reset, CORS, aborted.
      throw new ApiError('offline', OFFLINE_MESSAGE, null, null, { cause: String(e) });
    } finally {
      clearTimeout(timer);
    }
  }

  async function call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    for (let attempt = 0; ; attempt++) {
      const response = await once(method, path, body);
      const json = await readJson(response);
      if (response.ok) {
        if (json === INVALID_JSON) throw badResponse(path, '不是有效的 JSON');
        const parsed = schema.safeParse(json);
        if (!parsed.success) throw badResponse(path, parsed.error.issues[0]?.path.join('.') ?? '');
        return parsed.data as z.infer<S>;
      }
      const error = errorFromResponse(response.status, json === INVALID_JSON ? null : json);
      if (!RETRY_STATUSES.has(response.status) || attempt >= retries) throw error;
      const advised = retryAfterMs(response.headers.get('retry-after'));
      if (advised !== null && advised > maxDelay) throw error;
      const backoff = Math.min(maxDelay, baseDelay * 2 ** attempt);
      const delayMs = advised ?? Math.round(backoff / 2 + (random() * backoff) / 2);
      opts.onRetry?.({ attempt: attempt + 1, delayMs, status: response.status });
      await sleep(delayMs);
    }
  }

  const q = (params: Record<string, string | number | undefined>): string => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, String(v));
    const text = s.toString();
    return text ? `?${text}` : '';
  };

  return {
    health: () => call('GET', 'health', healthResponseSchema),
    ledgers: () => call('GET', 'ledgers', ledgersResponseSchema),
    settings: () => call('GET', 'settings', settingsResponseSchema),
    push: (kind, body) => call('POST', `ledgers/${encodeURIComponent(kind)}/sync`, syncResponseSchema, body),
    pull: (kind, since, limit) =>
      call('GET', `ledgers/${encodeURIComponent(kind)}/rows${q({ since, limit })}`, pullResponseSchema),
    summary: (year, unit) => call('GET', `summary${q({ year, unit })}`, annualSummarySchema),
    budgetExecution: (year) => call('GET', `budget-execution${q({ year })}`, budgetExecutionSchema),
    summaryRows: (year, key, page, size) =>
      call('GET', `summary/rows${q({ year, key, page, size })}`, summaryRowsResponseSchema),
  };
}

const INVALID_JSON = Symbol('invalid json');

async function readJson(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return INVALID_JSON;
  }
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

function badResponse(path: string, where: string): ApiError {
  return new ApiError(
    'bad-response',
    `服务器返回的数据格式不正确（${path.split('?')[0]}${where ? `：${where}` : ''}），请确认加载项与服务器版本一致`,
  );
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
