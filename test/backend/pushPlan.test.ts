import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as define from '../../shared/ledgers/define.js';
import { demoSettings } from '../../shared/settings/index.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { planPush } from '../../functions/src/services/pushPlan.js';
import type { ParsedPush } from '../../functions/src/services/syncInput.js';
import type { StoredRow } from '../../functions/src/store/types.js';
import { client, memberRow, testStack, type PushRow } from './helpers.js';

/**
 * Issue 13/17, the server's push as plan → execute: a pure plan (each row validated once,
 * scope, conflicts, unchanged rows) and an executor (sequence numbers, writes, audit) — the
 * plan without any store, the whole push against the embedded one.
 */
vi.mock('../../shared/ledgers/define.js', async (actual) => {
  const real = await actual<typeof define>();
  return { ...real, validateRow: vi.fn(real.validateRow) };
});
const validateRow = vi.mocked(define.validateRow);

let stack: LocalStack;
beforeAll(async () => {
  stack = await testStack();
}, 60_000);
afterAll(async () => {
  await stack?.close();
});

const parsed = (rows: PushRow[]): ParsedPush => ({
  headers: {},
  rows: rows.map((row) => ({ ok: true, row })),
});

describe('push plan (pure)', () => {
  const now = new Date('2023-06-01T02:00:00Z');
  const stored = (row: PushRow, fields: Record<string, unknown>, unit: string, rev: string): StoredRow => ({
    orgId: demoSettings.orgId,
    kind: 'members',
    rowId: row.rowId,
    unit,
    year: null,
    fields,
    hash: 'stale-hash',
    deleted: false,
    seq: 1,
    updatedAt: '2023-05-01T00:00:00Z',
    updatedBy: 'admin',
    rev,
    commitTs: 1,
  });

  it('answers every row or plans its write, validating each row once', () => {
    const fresh = memberRow('机电学院');
    const changed = { ...memberRow('机电学院'), baseRev: '"r1"' };
    const conflicting = { ...memberRow('机电学院'), baseRev: '"old"' };
    const otherUnit = memberRow('护理学院');
    const invalid = memberRow('机电学院', { gender: '未知' });
    const gone = { ...memberRow('机电学院'), delete: true };
    const rows = [fresh, changed, conflicting, otherUnit, invalid, gone, { ...fresh, sheetRow: 99 }];
    const storedRows = new Map<string, StoredRow>([
      [changed.rowId, stored(changed, { name: '旧名' }, 'mech-info', '"r1"')],
      [conflicting.rowId, stored(conflicting, { name: '旧名' }, 'mech-info', '"r2"')],
    ]);
    validateRow.mockClear();
    const plan = planPush({
      kind: 'members',
      push: parsed(rows),
      actor: { userId: 'officer-mech-info', role: 'officer', unit: 'mech-info' },
      settings: demoSettings,
      orgId: demoSettings.orgId,
      now,
      stored: storedRows,
    });
    // Rows 0–4 validated once each; the deletion and the repeated id are not validated at all.
    expect(validateRow).toHaveBeenCalledTimes(5);
    expect(plan.results.map((r) => r?.status)).toEqual([
      undefined,
      undefined,
      'conflict',
      'forbidden',
      'invalid',
      'deleted',
      'invalid',
    ]);
    // The refused row gets the refusal only.
    expect(plan.results[3]!.issues).toHaveLength(1);
    expect(plan.writes.map((w) => [w.index, w.op, w.ifMatch])).toEqual([
      [0, 'create', undefined],
      [1, 'replace', '"r1"'],
    ]);
    expect(plan.writes[1]!.version).toMatchObject({
      rowId: changed.rowId,
      unit: 'mech-info',
      deleted: false,
    });
    expect(plan.found).toEqual([]);
  });
});

describe('push executed against the embedded store', () => {
  it('validates each row once, writes the plan and its audit, and answers the rows only', async () => {
    const admin = client(stack.url, stack.tokens.admin);
    const rows = Array.from({ length: 30 }, () => memberRow('机电学院'));
    validateRow.mockClear();
    const r = await admin.post<{ results: { status: string; rev?: string }[] }>('ledgers/members/sync', {
      headers: {},
      rows,
    });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['results']);
    expect(r.body.results.map((x) => x.status)).toEqual(Array(30).fill('created'));
    // Once per row: before plan → execute, the scope pass and checkBatch validated each twice.
    expect(validateRow).toHaveBeenCalledTimes(30);
    const audit = await admin.get<{ entries: { rowId: string; action: string }[] }>(
      `audit?kind=members&rowId=${rows[0]!.rowId}`,
    );
    expect(audit.body.entries.map((e) => e.action)).toEqual(['create']);

    // Sent again unchanged: nothing written, every row answered with its stored revision.
    const again = await admin.push(
      'members',
      rows.map((row, i) => ({ ...row, baseRev: r.body.results[i]!.rev ?? null })),
    );
    expect(again.map((x) => x.status)).toEqual(Array(30).fill('unchanged'));
    expect(again.map((x) => x.rev)).toEqual(r.body.results.map((x) => x.rev));
  });
});
