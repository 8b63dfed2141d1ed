import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, MAX_ROWS_PER_CHUNK } from '../../shared/api/index.js';
import type { Settings } from '../../shared/settings/index.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { StoreThrottledError, type Store } from '../../functions/src/store/index.js';
import { openStore } from '../../functions/src/store/index.js';
import { client, memberRow, testStack } from './helpers.js';

/** Issue 4 §9: every bad input gets a 4xx with a stable code and a Chinese message, in the one error shape. */
let stack: LocalStack;
let admin: ReturnType<typeof client>;
beforeAll(async () => {
  stack = await testStack();
  admin = client(stack.url, stack.tokens.admin);
});
afterAll(() => stack.close());

function expectError(r: { status: number; body: unknown }, status: number, code: string): void {
  expect(r.status).toBe(status);
  const parsed = errorBodySchema.parse(r.body);
  expect(parsed.error.code).toBe(code);
  expect(parsed.error.message).toMatch(/[\u4e00-\u9fff]/);
}

describe('errors and limits', () => {
  it('refuses an oversize body with 413 before reading it all', async () => {
    const big = JSON.stringify({
      rows: [{ rowId: 'x'.repeat(8), baseRev: null, cells: { remarks: 'y'.repeat(5 * 1024 * 1024) } }],
    });
    expectError(await admin.post('ledgers/members/sync', big), 413, 'payload_too_large');
  });

  it('refuses more rows than a chunk may hold', async () => {
    const rows = Array.from({ length: MAX_ROWS_PER_CHUNK + 1 }, () => memberRow('机电学院工会'));
    expectError(await admin.post('ledgers/members/sync', { rows }), 413, 'too_many_rows');
  });

  it('answers malformed JSON with bad_json, wrong types and unknown fields with validation details', async () => {
    expectError(await admin.post('ledgers/members/sync', '{"rows": ['), 400, 'bad_json');
    const wrongType = await admin.post<{
      error: { details: { problems: { path: string; message: string }[] } };
    }>('ledgers/members/sync', { rows: 'all of them' });
    expectError(wrongType, 400, 'validation_failed');
    expect(wrongType.body.error.details.problems[0]).toMatchObject({ path: 'rows' });
    expect(wrongType.body.error.details.problems[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    const unknownField = await admin.post('ledgers/members/sync', { rows: [memberRow('机电')], force: true });
    expectError(unknownField, 400, 'validation_failed');
    expectError(
      await admin.post('ledgers/members/sync', { rows: [{ rowId: 'no', cells: {} }] }),
      400,
      'bad_request',
    );
    expectError(await admin.get('summary?year=twenty'), 400, 'validation_failed');
    expectError(await admin.get('ledgers/members/rows?limit=0'), 400, 'validation_failed');
  });

  it('answers an unknown kind with 404 unknown_kind, an unknown path with 404, a wrong method with 405', async () => {
    expectError(
      await admin.post('ledgers/salaries/sync', { rows: [memberRow('机电')] }),
      404,
      'unknown_kind',
    );
    expectError(await admin.get('ledgers/salaries/rows'), 404, 'unknown_kind');
    expectError(await admin.get('nothing-here'), 404, 'not_found');
    expect((await admin.put('health', {})).status).toBe(405);
  });

  it('keeps settings to admin, validates them and refuses a stale If-Match with 412', async () => {
    const officer = client(stack.url, stack.tokens['officer-arts']);
    const current = await admin.get<{ settings: Settings; rev: string }>('settings');
    expect(current.status).toBe(200);
    expectError(await officer.put('settings', current.body.settings), 403, 'forbidden');
    expectError(
      await admin.put('settings', { ...current.body.settings, units: [] }),
      400,
      'validation_failed',
    );
    const noAdmin = {
      ...current.body.settings,
      users: current.body.settings.users.filter((u) => u.role !== 'admin'),
    };
    expectError(await admin.put('settings', noAdmin), 400, 'bad_request');
    const changed = {
      ...current.body.settings,
      standards: { ...current.body.settings.standards, birthday: 400 },
    };
    const saved = await admin.put<{ rev: string }>('settings', changed, { 'if-match': current.body.rev });
    expect(saved.status).toBe(200);
    expectError(await admin.put('settings', changed, { 'if-match': current.body.rev }), 412, 'conflict');
    const officerView = await officer.get<{ settings: Settings }>('settings');
    expect(officerView.body.settings.users.map((u) => u.id)).toEqual(['officer-arts']);
  });

  it('says 429 with Retry-After when the store keeps throttling', async () => {
    const store: Store = await openStore({ database: 'union' });
    const throttled = await testStack({ store });
    try {
      store.rows.changedSince = async () => {
        throw new StoreThrottledError(2500);
      };
      const r = await client(throttled.url, throttled.tokens.admin).get('summary?year=2023');
      expectError(r, 429, 'throttled');
      expect(r.headers.get('retry-after')).toBe('3');
    } finally {
      await throttled.close();
    }
  });
});
