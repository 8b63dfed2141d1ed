import type { RowResult, StoredRowWire, SyncRequest } from '../../../../shared/api/index.js';
import { validateRow, type LedgerKind } from '../../../../shared/ledgers/define.js';
import { ledgers } from '../../../../shared/ledgers/index.js';
import { error } from '../../../../shared/ledgers/issue.js';
import { demoSettings } from '../../../../shared/settings/index.js';

/**
 * TEST DOUBLE — a fake `fetch` that answers push and pull the way the backend does (per-row
 * results, revisions, conflicts on a stale base revision, tombstones, a change token), with
 * the real row validation of shared/ledgers. For unit tests of the sync controller and the
 * API client; the browser tests use the real backend.
 */
export class FakeServer {
  readonly rows = new Map<string, StoredRowWire & { kind: LedgerKind }>();
  readonly requests: { method: string; url: string; body: unknown; auth: string | null }[] = [];
  private seq = 0;
  /** While true, every request fails as a network error would. */
  offline = false;
  today = '2023-12-31';

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://fake.local');
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : null;
    const headers = new Headers(init.headers);
    this.requests.push({ method, url: url.pathname + url.search, body, auth: headers.get('authorization') });
    if (this.offline) throw new TypeError('Failed to fetch');
    const sync = /\/api\/ledgers\/(\w+)\/sync$/.exec(url.pathname);
    if (sync && method === 'POST') return json(this.push(sync[1] as LedgerKind, body as SyncRequest));
    const pull = /\/api\/ledgers\/(\w+)\/rows$/.exec(url.pathname);
    if (pull && method === 'GET') return json(this.pull(pull[1] as LedgerKind, url.searchParams));
    if (url.pathname.endsWith('/api/settings')) return json({ settings: demoSettings, rev: 's1' });
    return json({ error: { code: 'not_found', message: '地址不存在' } }, 404);
  };

  /** Another user changes a stored row directly. */
  change(rowId: string, fields: Record<string, unknown>, by = 'admin'): StoredRowWire {
    const row = this.rows.get(rowId);
    if (!row) throw new Error(`no row ${rowId}`);
    return this.store(row.kind, { ...row, fields: { ...row.fields, ...fields }, updatedBy: by });
  }

  remove(rowId: string, by = 'admin'): StoredRowWire {
    const row = this.rows.get(rowId)!;
    return this.store(row.kind, { ...row, fields: {}, deleted: true, updatedBy: by });
  }

  /** A row created by someone else. */
  insert(
    kind: LedgerKind,
    rowId: string,
    fields: Record<string, unknown>,
    unit = 'mech-info',
  ): StoredRowWire {
    return this.store(kind, {
      rowId,
      rev: '',
      unit,
      year: 2023,
      fields,
      deleted: false,
      seq: 0,
      updatedAt: '2023-06-01T00:00:00.000Z',
      updatedBy: 'admin',
    });
  }

  private store(kind: LedgerKind, row: StoredRowWire): StoredRowWire {
    this.seq++;
    const stored = {
      ...row,
      kind,
      seq: this.seq,
      rev: `"rev-${this.seq}"`,
      updatedAt: `2023-12-${String(10 + (this.seq % 18)).padStart(2, '0')}T08:00:00.000Z`,
    };
    this.rows.set(row.rowId, stored);
    return stored;
  }

  private push(kind: LedgerKind, req: SyncRequest): { results: RowResult[] } {
    const ledger = ledgers[kind];
    const results: RowResult[] = req.rows.map((row) => {
      const base = { rowId: row.rowId, ...(row.sheetRow !== undefined ? { sheetRow: row.sheetRow } : {}) };
      const stored = this.rows.get(row.rowId);
      const wire = (s: StoredRowWire): StoredRowWire => {
        const { kind: _k, ...rest } = s as StoredRowWire & { kind?: string };
        return rest;
      };
      if (row.delete) {
        if (!stored || stored.deleted) return { ...base, status: 'deleted', issues: [] };
        if (row.baseRev !== stored.rev)
          return {
            ...base,
            status: 'conflict',
            issues: [error(null, 'row.conflict', '该行在服务器上已被修改')],
            server: wire(stored),
          };
        const t = this.store(kind, { ...stored, fields: {}, deleted: true, updatedBy: 'me' });
        return { ...base, status: 'deleted', rev: t.rev, issues: [] };
      }
      const v = validateRow(
        ledger,
        { cells: row.cells, headers: req.headers },
        { settings: demoSettings, today: this.today },
      );
      if (!v.fields) return { ...base, status: 'invalid', issues: v.issues };
      if (stored && !stored.deleted && JSON.stringify(stored.fields) === JSON.stringify(v.fields))
        return { ...base, status: 'unchanged', rev: stored.rev, issues: v.issues };
      if (stored && row.baseRev !== stored.rev)
        return {
          ...base,
          status: 'conflict',
          issues: [...v.issues, error(null, 'row.conflict', '该行在服务器上已被修改，请核对后再提交')],
          server: wire(stored),
        };
      const unit = typeof v.fields.unit === 'string' ? v.fields.unit : '';
      const s = this.store(kind, {
        rowId: row.rowId,
        rev: '',
        unit,
        year: v.year,
        fields: v.fields,
        deleted: false,
        seq: 0,
        updatedAt: '',
        updatedBy: 'me',
      });
      return { ...base, status: stored ? 'updated' : 'created', rev: s.rev, issues: v.issues };
    });
    return { results };
  }

  private pull(kind: LedgerKind, q: URLSearchParams): { rows: StoredRowWire[]; next: string; more: boolean } {
    const since = Number(q.get('since') ?? '0');
    const limit = Number(q.get('limit') ?? '1000');
    const rows = [...this.rows.values()]
      .filter((r) => r.kind === kind && r.seq > since)
      .sort((a, b) => a.seq - b.seq)
      .slice(0, limit)
      .map(({ kind: _k, ...r }) => r);
    const next = String(rows.length ? rows[rows.length - 1]!.seq : since);
    return { rows, next, more: rows.length === limit };
  }
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
