import type { z } from 'zod';
import {
  pullResponseSchema,
  settingsResponseSchema,
  syncResponseSchema,
  type PullResponse,
  type StoredRowWire,
  type SyncRequest,
  type SyncResponse,
} from '../../../shared/api/index.js';
import type { LedgerKind } from '../../../shared/ledgers/define.js';
import type { Settings } from '../../../shared/settings/index.js';
import { UserError } from '../userError.js';

/**
 * The CLI's client of the sync API (DESIGN.md "The HTTP API"): push a chunk, pull pages, read
 * the settings. Retries what is safe to retry — a push is idempotent by client row id and base
 * revision, a pull is a read — on network errors, 5xx, 429 and 503 (honouring Retry-After).
 * Everything else becomes an ApiError with a Chinese message (exit code 2).
 */
export class ApiError extends UserError {
  constructor(
    message: string,
    readonly reason: 'network' | 'http' | 'protocol',
    readonly status?: number,
  ) {
    super(message, 2);
    this.name = 'ApiError';
  }
}

/** The request body was too large (413): the caller sends the rows in smaller chunks. */
export class TooLargeError extends ApiError {
  constructor(message: string) {
    super(message, 'http', 413);
    this.name = 'TooLargeError';
  }
}

export interface ApiClientOptions {
  /** The API base, e.g. http://localhost:7071/api. */
  api: string;
  token: string;
  fetch?: typeof fetch;
  /** Waits between attempts after a network error or a 5xx, in ms; its length is the retry count. */
  retryDelays?: readonly number[];
  /** Attempts after 429/503 before giving up. */
  throttleRetries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_DELAYS = [300, 1000];
const MAX_RETRY_AFTER_MS = 30_000;

export class SyncApi {
  /** Requests answered by the server (retries included), for reports and tests. */
  requests = 0;
  private readonly base: string;
  private readonly fetcher: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: ApiClientOptions) {
    this.base = opts.api.replace(/\/+$/, '');
    this.fetcher = opts.fetch ?? fetch;
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  push(kind: LedgerKind, body: SyncRequest): Promise<SyncResponse> {
    return this.call('POST', `ledgers/${kind}/sync`, syncResponseSchema, body);
  }

  pullPage(kind: LedgerKind, since: string | undefined, limit = 1000): Promise<PullResponse> {
    const q = new URLSearchParams({ limit: String(limit), ...(since ? { since } : {}) });
    return this.call('GET', `ledgers/${kind}/rows?${q}`, pullResponseSchema);
  }

  /** Every page of changes since a token: the rows and the token of the next pull. */
  async pullAll(
    kind: LedgerKind,
    since: string | undefined,
  ): Promise<{ rows: StoredRowWire[]; next: string }> {
    const rows: StoredRowWire[] = [];
    let token = since;
    for (;;) {
      const page = await this.pullPage(kind, token);
      rows.push(...page.rows);
      token = page.next;
      if (!page.more) return { rows, next: token };
    }
  }

  async settings(): Promise<Settings> {
    return (await this.call('GET', 'settings', settingsResponseSchema)).settings;
  }

  /** The leadership workbook of a year (`GET /api/reports/annual.xlsx`). */
  async annualWorkbook(year: number): Promise<Buffer> {
    return (await this.send('GET', `reports/annual.xlsx?year=${year}`)).bytes;
  }

  /** The work report draft (.docx): the organisation's, or an officer's own unit's. */
  async workReport(year: number): Promise<Buffer> {
    return (await this.send('GET', `reports/annual.docx?year=${year}`)).bytes;
  }

  private async call<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: unknown,
  ): Promise<z.infer<S>> {
    const { status, bytes } = await this.send(method, path, body);
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      throw new ApiError(`服务返回了无法识别的内容（HTTP ${status}）`, 'protocol', status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new ApiError(`服务返回的内容不符合接口约定（${path.split('?')[0]}）`, 'protocol', status);
    return parsed.data;
  }

  /** One request with the retries of a sync protocol: network and 5xx errors, 429/503 with Retry-After. */
  private async send(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; bytes: Buffer }> {
    const delays = this.opts.retryDelays ?? DEFAULT_DELAYS;
    const throttleRetries = this.opts.throttleRetries ?? 5;
    let failures = 0;
    let throttled = 0;
    for (;;) {
      let response: Response;
      try {
        response = await this.fetcher(`${this.base}/${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.opts.token}`,
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (e) {
        if (failures < delays.length) {
          await this.sleep(delays[failures++]!);
          continue;
        }
        throw new ApiError(
          `无法连接服务器 ${this.opts.api}（${causeOf(e)}）：请检查网络，或服务是否已启动`,
          'network',
        );
      }
      this.requests++;
      const bytes = Buffer.from(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));
      const text = response.ok ? '' : bytes.toString('utf8');
      if (response.status === 429 || response.status === 503) {
        if (throttled < throttleRetries) {
          throttled++;
          await this.sleep(retryAfter(response.headers.get('retry-after'), throttled));
          continue;
        }
        throw new ApiError(`服务繁忙，请稍后再试（HTTP ${response.status}）`, 'http', response.status);
      }
      if (response.status >= 500) {
        if (failures < delays.length) {
          await this.sleep(delays[failures++]!);
          continue;
        }
        throw new ApiError(
          errorMessage(text) ?? `服务出错（HTTP ${response.status}）`,
          'http',
          response.status,
        );
      }
      if (response.status === 413) throw new TooLargeError(errorMessage(text) ?? '请求内容过大');
      if (!response.ok)
        throw new ApiError(
          errorMessage(text) ?? `请求失败（HTTP ${response.status}）`,
          'http',
          response.status,
        );
      return { status: response.status, bytes };
    }
  }
}

function errorMessage(text: string): string | null {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : null;
  } catch {
    return null;
  }
}

function retryAfter(header: string | null, attempt: number): number {
  const seconds = header === null ? NaN : Number(header);
  const ms = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000 * attempt;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}
