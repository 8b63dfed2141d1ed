import { randomUUID } from 'node:crypto';
import type {
  PullResponse,
  RowResult,
  StoredRowWire,
  SyncResponse,
  WireCell,
} from '../../shared/api/index.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../functions/src/local/stack.js';

/**
 * Integration helpers: a local stack (embedded Cosmos + the local host) on a free port, and a
 * tiny client that speaks real HTTP to it, as the add-in and the CLI do.
 */
export async function testStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  return startLocalStack({ port: 0, log: { error: () => {} }, ...opts });
}

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export function client(baseUrl: string, token?: string) {
  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> => {
    const response = await fetch(`${baseUrl}/${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : null) as T,
    };
  };
  return {
    get: <T = unknown>(path: string) => call<T>('GET', path),
    post: <T = unknown>(path: string, body: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
    put: <T = unknown>(path: string, body: unknown, headers?: Record<string, string>) =>
      call<T>('PUT', path, body, headers),
    /** Push rows; fails the test unless the request itself succeeded. */
    async push(kind: string, rows: PushRow[], headers: Record<string, string> = {}): Promise<RowResult[]> {
      const r = await call<SyncResponse>('POST', `ledgers/${kind}/sync`, { headers, rows });
      if (r.status !== 200) throw new Error(`push ${kind}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.results;
    },
    /** Pull every page from `since`; returns the rows and the token for the next pull. */
    async pullAll(
      kind: string,
      since?: string,
      limit = 1000,
    ): Promise<{ rows: StoredRowWire[]; next: string }> {
      const rows: StoredRowWire[] = [];
      let token = since;
      for (;;) {
        const q = new URLSearchParams({ limit: String(limit), ...(token ? { since: token } : {}) });
        const r = await call<PullResponse>('GET', `ledgers/${kind}/rows?${q}`);
        if (r.status !== 200) throw new Error(`pull ${kind}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
        rows.push(...r.body.rows);
        token = r.body.next;
        if (!r.body.more) return { rows, next: token };
      }
    },
  };
}

export interface PushRow {
  rowId: string;
  baseRev: string | null;
  sheetRow?: number;
  cells: Record<string, WireCell>;
  delete?: boolean;
}

export function rowId(): string {
  return randomUUID();
}

let staffCounter = 0;
/** A members row with a fresh 工号; `unit` as an officer would type it. */
export function memberRow(unit: string, extra: Record<string, WireCell> = {}): PushRow {
  staffCounter += 1;
  const staffNo = `T${String(Date.now() % 100_000).padStart(5, '0')}${String(staffCounter).padStart(4, '0')}`;
  return {
    rowId: rowId(),
    baseRev: null,
    cells: {
      staffNo,
      name: `测试${staffCounter}`,
      unit,
      gender: staffCounter % 2 ? '女' : '男',
      joinDate: '2015-09-01',
      ...extra,
    },
  };
}
