import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResponse, Backup, RestoreResponse, SettingsResponse } from '../../shared/api/index.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, memberRow, testStack } from '../backend/helpers.js';
import { runCli } from '../support/cli.js';
import { recordFigures } from './support/figures.js';
import { sampleRow } from './support/samples.js';

/**
 * Issue 14 — restore as a checked import. A backup is an admin's file, but a file all the same:
 * edited by hand, made by an older version, or crafted. Each attack below is a backup that a
 * restore must refuse whole, writing nothing; then the dry run, the write order when a restore
 * is cut off, audit entries that are never rewritten, and an export that is checked as it is made.
 */
let stack: LocalStack;
const figures = { restoreAttacks: 0, accepted: [] as string[] };
afterAll(async () => {
  await stack?.close();
  recordFigures('restore', {
    restoreAttacksTried: figures.restoreAttacks,
    accepted: figures.accepted.length,
  });
});

const admin = () => client(stack.url, stack.tokens.admin);
const clone = <T>(v: T): T => structuredClone(v);

beforeAll(async () => {
  stack = await testStack();
  const members = await admin().push('members', [
    memberRow('机电学院工会'),
    memberRow('文新学院工会', { hardship: '是' }),
  ]);
  expect(members.map((r) => r.status)).toEqual(['created', 'created']);
  const activities = await admin().push('activities', [sampleRow('activities', 0, '机电学院工会')]);
  expect(activities[0]?.status).toBe('created');
}, 60_000);

async function backup(): Promise<Backup> {
  const r = await admin().get<Backup>('backup');
  expect(r.status).toBe(200);
  return r.body;
}

/** What a refused restore must leave alone: the settings' revision, every row's revision, the audit. */
async function state(): Promise<string> {
  const b = await backup();
  const rev = (await admin().get<SettingsResponse>('settings')).body.rev;
  const rows = Object.entries(b.ledgers).map(([k, list]) => [k, list!.map((r) => [r.rowId, r.rev])]);
  return JSON.stringify([rev, rows, b.audit.length]);
}

const ATTACKS: [string, (b: Backup) => void][] = [
  [
    'settings without an admin',
    (b) => {
      for (const u of b.settings.users) if (u.role === 'admin') u.role = 'leader';
    },
  ],
  [
    'an officer bound to no known unit',
    (b) => {
      b.settings.users.push({ id: 'ghost', name: '幽灵', role: 'officer', unit: 'no-such-unit' } as never);
    },
  ],
  [
    'a formula object as 参与人次',
    (b) => {
      b.ledgers.activities![0]!.fields.participants = { formula: 'HYPERLINK("https://evil.example","点我")' };
    },
  ],
  [
    'a field the ledger does not have',
    (b) => {
      b.ledgers.members![0]!.fields.secretNote = 'x';
    },
  ],
  [
    'a row whose unit is not the unit of its content (moved into another unit’s view)',
    (b) => {
      const row = b.ledgers.members!.find((r) => r.fields.hardship === true)!;
      row.unit = 'mech-info';
    },
  ],
  [
    'a unit not in the settings',
    (b) => {
      b.ledgers.members![0]!.unit = 'no-such-unit';
      b.ledgers.members![0]!.fields.unit = 'no-such-unit';
    },
  ],
  [
    'a year that is not the year of its date',
    (b) => {
      b.ledgers.activities![0]!.year = 1999;
    },
  ],
  [
    'one row id twice',
    (b) => {
      b.ledgers.members!.push(clone(b.ledgers.members![0]!));
    },
  ],
  [
    'a negative amount',
    (b) => {
      const row = b.ledgers.activities![0]!;
      row.fields.cost = -500;
    },
  ],
  [
    'an audit entry of another organisation',
    (b) => {
      b.audit.push({ ...clone(b.audit[0]!), id: 'forged-1', orgId: 'other-org' });
    },
  ],
  [
    'a malformed audit entry',
    (b) => {
      (b.audit as unknown[]).push({ id: 'forged-2', orgId: b.orgId, kind: 'members' });
    },
  ],
];

describe('restore refuses a backup that would not pass as input (issue 14)', () => {
  for (const [what, spoil] of ATTACKS)
    it(`refuses ${what}, writing nothing`, async () => {
      figures.restoreAttacks++;
      const b = await backup();
      spoil(b);
      const before = await state();
      for (const dryRun of [true, false]) {
        const r = await admin().post<{ error: { code: string; message: string } }>(
          dryRun ? 'restore?dryRun=1' : 'restore',
          b,
        );
        if (r.status === 200) figures.accepted.push(`${what}${dryRun ? ' (dry run)' : ''}`);
        expect(r.status, JSON.stringify(r.body)).toBe(400);
        expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(await state()).toBe(before);
      // Admins still get in and may still change the settings.
      const settings = (await admin().get<SettingsResponse>('settings')).body;
      expect((await admin().put('settings', settings.settings, { 'if-match': settings.rev })).status).toBe(
        200,
      );
    });
});

describe('restore writes history only forward (issue 14)', () => {
  it('never rewrites an audit entry that is stored, and records the restore itself', async () => {
    figures.restoreAttacks++;
    const b = await backup();
    const target = b.audit[0]!;
    const forged = clone(b);
    forged.audit[0] = { ...target, by: 'someone-else', changes: { name: { before: null, after: '伪造' } } };
    const r = await admin().post<RestoreResponse>('restore', forged);
    expect(r.status).toBe(200);
    const entries = (await admin().get<AuditResponse>(`audit?rowId=${target.rowId}&kind=${target.kind}`)).body
      .entries;
    const kept = entries.find((e) => e.id === target.id);
    if (kept?.by !== target.by) figures.accepted.push('an audit entry rewritten');
    expect(kept).toEqual(target);
  });

  it('refuses to export a store whose audit holds a malformed document', async () => {
    const stray = { id: 'broken-entry', orgId: stack.app.config.orgId, at: 'x', kind: 'members' };
    await stack.app.store.audit.append([stray as never]);
    const r = await admin().get<{ error: { code: string; message: string } }>('backup');
    expect(r.status).toBe(500);
    expect(r.body.error.message).toContain('备份未生成');
  });
});

describe('restore plans, and leaves a usable system when cut off (issue 14)', () => {
  let fresh: LocalStack;
  afterAll(() => fresh?.close());

  it('answers a dry run with what would change and writes nothing; rows created after the backup stay', async () => {
    fresh = await testStack();
    const api = client(fresh.url, fresh.tokens.admin);
    const [kept] = await api.push('members', [memberRow('机电学院工会', { name: '备份前' })]);
    const before = (await api.get<Backup>('backup')).body;
    // After the backup: one row changed, one created.
    const row = before.ledgers.members![0]!;
    const [changed] = await api.push('members', [
      { rowId: row.rowId, baseRev: kept!.rev!, cells: { ...memberRowCells(row.fields), name: '备份后' } },
    ]);
    expect(changed?.status).toBe('updated');
    const [later] = await api.push('members', [memberRow('文新学院工会', { name: '备份后新建' })]);
    expect(later?.status).toBe('created');

    const dry = await api.post<RestoreResponse>('restore?dryRun=1', before);
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.plan?.ledgers.members).toEqual({ create: 0, update: 1, unchanged: 0, kept: 1 });
    const names = async () => (await api.pullAll('members')).rows.map((r) => r.fields.name).sort();
    expect(await names()).toEqual(['备份后', '备份后新建']);

    const real = await api.post<RestoreResponse>('restore', before);
    expect(real.status).toBe(200);
    expect(real.body.rows).toBe(1);
    expect(await names()).toEqual(['备份前', '备份后新建']);
    // A second run has nothing left to write.
    const again = await api.post<RestoreResponse>('restore', before);
    expect(again.body.rows).toBe(0);
    expect(again.body.plan?.ledgers.members).toEqual({ create: 0, update: 0, unchanged: 1, kept: 1 });
  });

  it('union-ledger restore --dry-run prints the plan and writes nothing', async () => {
    const api = client(fresh.url, fresh.tokens.admin);
    const b = (await api.get<Backup>('backup')).body;
    b.ledgers.members![0]!.fields.name = '试运行';
    const dir = mkdtempSync(path.join(tmpdir(), 'restore-'));
    const file = path.join(dir, 'backup.json');
    writeFileSync(file, JSON.stringify(b));
    const before = (await api.pullAll('members')).rows.map((r) => r.rev);
    const run = await runCli(['restore', file, '--dry-run', '--api', fresh.url, '--user', 'admin'], {
      LOCAL_AUTH_SECRET: fresh.secret,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('工会会员名册：将新增 0 行，将覆盖 1 行');
    expect(run.stdout).toContain('试运行：未写入任何数据');
    expect((await api.pullAll('members')).rows.map((r) => r.rev)).toEqual(before);
  });

  it('keeps the current settings until every row is written, so a cut-off restore locks nobody out', async () => {
    const api = client(fresh.url, fresh.tokens.admin);
    const b = (await api.get<Backup>('backup')).body;
    b.settings.orgName = '恢复后的名称';
    b.ledgers.members![0]!.fields.name = '恢复中';
    const write = fresh.app.store.rows.write;
    fresh.app.store.rows.write = async () => {
      throw new Error('connection reset');
    };
    const cut = await api.post('restore', b);
    fresh.app.store.rows.write = write;
    expect(cut.status).toBeGreaterThanOrEqual(500);
    const settings = (await api.get<SettingsResponse>('settings')).body;
    expect(settings.settings.orgName).not.toBe('恢复后的名称');
    expect((await api.put('settings', settings.settings, { 'if-match': settings.rev })).status).toBe(200);
    // Run again: it finishes.
    const done = await api.post<RestoreResponse>('restore', b);
    expect(done.status).toBe(200);
    expect((await api.get<SettingsResponse>('settings')).body.settings.orgName).toBe('恢复后的名称');
    expect((await api.pullAll('members')).rows.map((r) => r.fields.name)).toContain('恢复中');
  });
});

/** A stored members row back as the cells an officer would type. */
function memberRowCells(fields: Record<string, unknown>): Record<string, string> {
  return {
    staffNo: String(fields.staffNo),
    name: String(fields.name),
    unit: '机电学院工会',
    gender: String(fields.gender),
    joinDate: String(fields.joinDate),
  };
}
