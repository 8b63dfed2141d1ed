import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  PullResponse,
  RowResult,
  StoredRowWire,
  SyncResponse,
  SyncRow,
} from '../../shared/api/index.js';
import { canSeeBudgetExecution, canWriteLedger } from '../../shared/ledgers/access.js';
import { LEDGER_KINDS, type LedgerKind } from '../../shared/ledgers/define.js';
import { ledgers } from '../../shared/ledgers/index.js';
import type { Settings } from '../../shared/settings/index.js';
import { routes } from '../../functions/src/http/routes.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, testStack } from '../backend/helpers.js';
import { recordFigures } from './support/figures.js';
import { sampleRow } from './support/samples.js';

/**
 * Issue 7 §1 — the access-control matrix: every route of THE route table × every role × read
 * and write, with the expectations written down from DOMAIN.md §2 (write scope per ledger)
 * and DESIGN.md's role table. A route added to functions/src/http/routes.ts fails here until
 * it is given an expectation in RULES. Officers must never see or change another unit's rows,
 * through any route; "leaks" counts every answer that gave more than the role may have.
 */

const A = 'mech-info';
const B = 'lit-news';
const UNIT_NAME: Record<string, string> = { [A]: '机电学院工会', [B]: '文新学院工会' };

type Role = 'admin' | 'officerA' | 'officerB' | 'finance' | 'leader' | 'anonymous';
const ROLES: readonly Role[] = ['admin', 'officerA', 'officerB', 'finance', 'leader', 'anonymous'];
const USER: Record<Exclude<Role, 'anonymous'>, string> = {
  admin: 'admin',
  officerA: `officer-${A}`,
  officerB: `officer-${B}`,
  finance: 'finance',
  leader: 'leader',
};
const OWN: Partial<Record<Role, string>> = { officerA: A, officerB: B };
const isOfficer = (role: Role): boolean => role === 'officerA' || role === 'officerB';

/** DOMAIN.md §2, "Write scope per ledger", transcribed cell by cell. */
type Scope = 'all' | 'own unit' | 'read own unit' | 'read';
const SCOPE_TABLE: Record<LedgerKind, { admin: 'all'; officer: Scope; finance: Scope }> = {
  members: { admin: 'all', officer: 'own unit', finance: 'read' },
  welfare: { admin: 'all', officer: 'own unit', finance: 'read' },
  checkups: { admin: 'all', officer: 'own unit', finance: 'read' },
  activities: { admin: 'all', officer: 'own unit', finance: 'read' },
  awards: { admin: 'all', officer: 'own unit', finance: 'read' },
  enrolment: { admin: 'all', officer: 'own unit', finance: 'read' },
  honours: { admin: 'all', officer: 'read own unit', finance: 'read' },
  proposals: { admin: 'all', officer: 'read own unit', finance: 'read' },
  ideas: { admin: 'all', officer: 'read own unit', finance: 'read' },
  meetings: { admin: 'all', officer: 'read own unit', finance: 'read' },
  participation: { admin: 'all', officer: 'read own unit', finance: 'read' },
  mailbox: { admin: 'all', officer: 'read own unit', finance: 'read' },
  homes: { admin: 'all', officer: 'read own unit', finance: 'read' },
  budget: { admin: 'all', officer: 'read own unit', finance: 'all' },
  expenses: { admin: 'all', officer: 'own unit', finance: 'all' },
};

function mayWrite(role: Role, kind: LedgerKind, unit: string): boolean {
  switch (role) {
    case 'admin':
      return true;
    case 'officerA':
    case 'officerB':
      return SCOPE_TABLE[kind].officer === 'own unit' && OWN[role] === unit;
    case 'finance':
      return SCOPE_TABLE[kind].finance === 'all';
    default:
      return false;
  }
}

/**
 * Which rows of a ledger a role reads through pull. The leader's row in DESIGN.md's role table
 * is "read summaries and download summary workbooks; write nothing": no raw rows.
 */
function readScope(role: Role): 'all' | 'own' | 'refused' | 'unauthenticated' {
  if (role === 'anonymous') return 'unauthenticated';
  if (role === 'leader') return 'refused';
  return isOfficer(role) ? 'own' : 'all';
}

/** DOMAIN.md §3.1: 困难职工建档 is visible to admin and the unit's officer only. */
const PRIVATE_FIELDS: Partial<Record<LedgerKind, string[]>> = { members: ['hardship'] };

// ------------------------------------------------------------------------------------------

let stack: LocalStack;
const api = (role: Role) => client(stack.url, role === 'anonymous' ? undefined : stack.tokens[USER[role]]);

const tally = { cases: 0, leaks: [] as string[], wrong: [] as string[] };
/** One case of the matrix. `leak`: the role got more than it may (data or a write). */
function expectCase(what: string, ok: boolean, leak: boolean): void {
  tally.cases++;
  if (!ok) (leak ? tally.leaks : tally.wrong).push(what);
}
/** Each test answers for the cases it ran. */
let mark = { leaks: 0, wrong: 0 };
function assertClean(): void {
  const mine = { leaks: tally.leaks.slice(mark.leaks), wrong: tally.wrong.slice(mark.wrong) };
  mark = { leaks: tally.leaks.length, wrong: tally.wrong.length };
  expect(mine).toEqual({ leaks: [], wrong: [] });
}

interface Seed {
  rowId: string;
  rev: string;
  row: SyncRow;
}
/** One row per ledger in unit A and in unit B, written by admin before the matrix runs. */
const seeds = new Map<string, Seed>();
const seedKey = (kind: LedgerKind, unit: string): string => `${kind}|${unit}`;
const syncBody = (rows: SyncRow[]) => ({ rows });

async function pushAs(role: Role, kind: LedgerKind, rows: SyncRow[]) {
  const r = await api(role).post<SyncResponse>(`ledgers/${kind}/sync`, syncBody(rows));
  if (isOfficer(role)) checkContent(role, `push ${kind}`, JSON.stringify(rows), JSON.stringify(r.body));
  return r;
}

/**
 * Answer content (issue 14): what an officer is told never holds a name, 工号, unit or date of
 * the other unit's rows that the officer did not send itself.
 */
const content = { probes: 0, leaks: [] as string[] };
function foreignValues(role: Role): string[] {
  const other = OWN[role] === A ? B : A;
  const valuesOf = (unit: string): string[] =>
    [...seeds.entries()]
      .filter(([key]) => key.endsWith(`|${unit}`))
      .flatMap(([, seed]) =>
        Object.entries(seed.row.cells)
          .filter(
            ([field, v]) =>
              typeof v === 'string' &&
              (/^(name|staffNo|proposerNo)$/.test(field) || /^\d{4}-\d{2}-\d{2}$/.test(v)),
          )
          .map(([, v]) => String(v)),
      );
  const mine = new Set(valuesOf(OWN[role]!));
  return [...new Set([...valuesOf(other), UNIT_NAME[other]!, other])].filter((v) => !mine.has(v));
}
function checkContent(role: Role, what: string, sent: string, answer: string): void {
  content.probes++;
  for (const value of foreignValues(role))
    if (answer.includes(value) && !sent.includes(value)) {
      content.leaks.push(`${what} as ${role}: “${value}” in ${answer.slice(0, 300)}`);
      expectCase(`${what} as ${role} names “${value}”`, false, true);
    }
}

/** Push a sample of `kind` into `unit` as `role`; samples that are invalid on their own are skipped. */
async function pushSample(
  role: Role,
  kind: LedgerKind,
  unit: string,
  from: number,
  extra: SyncRow['cells'] = {},
): Promise<{ row: SyncRow; result: RowResult; sample: number } | null> {
  for (let i = from; i < from + 40; i++) {
    const row = sampleRow(kind, i, UNIT_NAME[unit]!, extra);
    const r = await pushAs(role, kind, [row]);
    if (r.status !== 200) throw new Error(`${role} ${kind}: HTTP ${r.status} ${JSON.stringify(r.body)}`);
    const result = r.body.results[0]!;
    if (result.status === 'invalid') continue;
    return { row, result, sample: i };
  }
  return null;
}

beforeAll(async () => {
  stack = await testStack();
  await Promise.all(
    LEDGER_KINDS.map(async (kind) => {
      let from = 0;
      for (const unit of [A, B]) {
        const extra: SyncRow['cells'] = kind === 'members' ? { hardship: '是', idLast4: '1234' } : {};
        const pushed = await pushSample('admin', kind, unit, from, extra);
        if (!pushed || pushed.result.status !== 'created')
          throw new Error(`seed ${kind} ${unit}: ${JSON.stringify(pushed?.result)}`);
        seeds.set(seedKey(kind, unit), { rowId: pushed.row.rowId, rev: pushed.result.rev!, row: pushed.row });
        from = pushed.sample + 1;
      }
    }),
  );
}, 120_000);

afterAll(async () => {
  await stack?.close();
  recordFigures('access', {
    routes: routes.map((r) => `${r.method} /api/${r.route}`),
    roles: ROLES,
    casesTried: tally.cases,
    leaks: tally.leaks.length,
    crossUnitAnswersChecked: content.probes,
    crossUnitAnswerLeaks: content.leaks.length,
    wrongAnswers: tally.wrong.length,
  });
});

// ------------------------------------------------------------------------------------------ rules

async function pullAll(role: Role, kind: LedgerKind): Promise<{ status: number; rows: StoredRowWire[] }> {
  const rows: StoredRowWire[] = [];
  let since: string | undefined;
  for (let page = 0; page < 50; page++) {
    const q = new URLSearchParams({ limit: '500', ...(since ? { since } : {}) });
    const r = await api(role).get<PullResponse>(`ledgers/${kind}/rows?${q}`);
    if (r.status !== 200) return { status: r.status, rows };
    rows.push(...r.body.rows);
    since = r.body.next;
    if (!r.body.more) break;
  }
  return { status: 200, rows };
}

/** Per route (`METHOD route` of the route table): run every role against it. */
const RULES: Record<string, () => Promise<void>> = {
  async 'GET health'() {
    for (const role of ROLES) {
      const r = await api(role).get('health');
      expectCase(`GET health as ${role}: ${r.status}`, r.status === 200, false);
    }
  },

  async 'GET ledgers'() {
    for (const role of ROLES) {
      const r = await api(role).get<{ ledgers: { kind: LedgerKind; canWrite: boolean }[] }>('ledgers');
      if (role === 'anonymous') {
        expectCase(`GET ledgers as ${role}: ${r.status}`, r.status === 401, r.status === 200);
        continue;
      }
      expectCase(`GET ledgers as ${role}: ${r.status}`, r.status === 200, false);
      for (const l of r.body.ledgers ?? []) {
        // canWrite drives the task pane's buttons; it must say what the server enforces.
        const expected = isOfficer(role) ? mayWrite(role, l.kind, OWN[role]!) : mayWrite(role, l.kind, A);
        expectCase(
          `ledgers canWrite ${l.kind} as ${role}: ${l.canWrite}`,
          l.canWrite === expected,
          l.canWrite,
        );
      }
    }
  },

  async 'POST ledgers/{kind}/sync'() {
    await Promise.all(LEDGER_KINDS.map((kind) => writeMatrix(kind)));
  },

  async 'GET ledgers/{kind}/rows'() {
    for (const kind of LEDGER_KINDS) {
      for (const role of ROLES) {
        const { status, rows } = await pullAll(role, kind);
        const scope = readScope(role);
        const what = `pull ${kind} as ${role}`;
        if (scope === 'unauthenticated' || scope === 'refused') {
          const want = scope === 'unauthenticated' ? 401 : 403;
          expectCase(`${what}: ${status}`, status === want, status === 200);
          continue;
        }
        expectCase(`${what}: ${status}`, status === 200, false);
        if (scope === 'own') {
          const foreign = rows.filter((r) => r.unit !== OWN[role]);
          expectCase(
            `${what}: rows of ${[...new Set(foreign.map((r) => r.unit))]}`,
            foreign.length === 0,
            true,
          );
          const mine = seeds.get(seedKey(kind, OWN[role]!))!;
          expectCase(
            `${what}: own seed missing`,
            rows.some((r) => r.rowId === mine.rowId),
            false,
          );
        } else {
          for (const unit of [A, B])
            expectCase(
              `${what}: seed of ${unit} missing`,
              rows.some((r) => r.rowId === seeds.get(seedKey(kind, unit))!.rowId),
              false,
            );
        }
        // Field-level privacy: only admin and the unit's own officer see private fields.
        for (const field of PRIVATE_FIELDS[kind] ?? []) {
          const shown = rows.filter((r) => field in r.fields && !(role === 'admin' || OWN[role] === r.unit));
          expectCase(`${what}: ${field} shown on ${shown.length} rows`, shown.length === 0, true);
        }
      }
    }
    // A change token is not a capability: an officer using admin's token still reads their own unit only.
    const adminPage = await api('admin').get<PullResponse>('ledgers/members/rows?limit=1');
    const r = await api('officerB').get<PullResponse>(
      `ledgers/members/rows?${new URLSearchParams({ since: adminPage.body.next })}`,
    );
    const foreign = (r.body.rows ?? []).filter((row) => row.unit !== B);
    expectCase(
      'pull with admin token as officerB',
      r.status === 200 && foreign.length === 0,
      foreign.length > 0,
    );
  },

  async 'GET summary'() {
    for (const role of ROLES) {
      for (const unit of [undefined, A, B, 'no-such-unit']) {
        const q = new URLSearchParams({ year: '2023', ...(unit ? { unit } : {}) });
        const r = await api(role).get<{ unit: string | null }>(`summary?${q}`);
        const what = `summary unit=${unit ?? '-'} as ${role}: ${r.status}`;
        if (role === 'anonymous') {
          expectCase(what, r.status === 401, r.status === 200);
          continue;
        }
        if (unit === 'no-such-unit') {
          expectCase(what, r.status === 400, r.status === 200);
          continue;
        }
        if (isOfficer(role)) {
          const allowed = unit === undefined || unit === OWN[role];
          expectCase(what, allowed ? r.status === 200 : r.status === 403, !allowed && r.status === 200);
          if (r.status === 200)
            expectCase(
              `${what} scoped to ${r.body.unit}`,
              r.body.unit === OWN[role],
              r.body.unit !== OWN[role],
            );
          continue;
        }
        expectCase(what, r.status === 200 && r.body.unit === (unit ?? null), false);
      }
    }
    // An officer's figures are exactly admin's figures for that unit.
    for (const role of ['officerA', 'officerB'] as const) {
      const mine = await api(role).get('summary?year=2023');
      const admins = await api('admin').get(`summary?year=2023&unit=${OWN[role]}`);
      expectCase(`summary of ${role} equals admin's unit summary`, sameJson(mine.body, admins.body), true);
    }
  },

  async 'GET summary/rows'() {
    // The rows behind a figure: what pull would give the role, limited to the figure's rows.
    for (const role of ROLES) {
      for (const unit of [undefined, A, B]) {
        const q = new URLSearchParams({
          year: '2023',
          key: 'members.total',
          size: '1000',
          ...(unit ? { unit } : {}),
        });
        const r = await api(role).get<{ unit: string | null; total: number; rows: StoredRowWire[] }>(
          `summary/rows?${q}`,
        );
        const what = `summary/rows unit=${unit ?? '-'} as ${role}: ${r.status}`;
        const got = r.status === 200 ? r.body.rows : [];
        if (role === 'anonymous' || role === 'leader') {
          expectCase(what, r.status === (role === 'anonymous' ? 401 : 403), r.status === 200);
          continue;
        }
        if (isOfficer(role)) {
          const allowed = unit === undefined || unit === OWN[role];
          expectCase(what, allowed ? r.status === 200 : r.status === 403, !allowed && r.status === 200);
          const foreign = got.filter((row) => row.unit !== OWN[role]);
          expectCase(
            `${what}: ${foreign.length} rows of another unit`,
            foreign.length === 0,
            foreign.length > 0,
          );
        } else {
          expectCase(what, r.status === 200 && r.body.unit === (unit ?? null), false);
          expectCase(
            `${what}: rows of both units`,
            unit !== undefined || new Set(got.map((x) => x.unit)).size === 2,
            false,
          );
        }
        for (const row of got) {
          const exposed = (PRIVATE_FIELDS.members ?? []).filter((f) => f in row.fields);
          const mayKnow = role === 'admin' || OWN[role] === row.unit;
          expectCase(
            `${what}: private fields ${exposed.join(',')} of a ${row.unit} row`,
            mayKnow || exposed.length === 0,
            !mayKnow && exposed.length > 0,
          );
        }
        if (r.status === 200)
          expectCase(
            `${what}: total ${r.body.total} = rows ${got.length}`,
            r.body.total === got.length,
            false,
          );
      }
    }
  },

  async 'GET budget-execution'() {
    for (const role of ROLES) {
      const r = await api(role).get<{ units?: { unit: string }[] }>('budget-execution?year=2023');
      const what = `budget-execution as ${role}: ${r.status}`;
      if (role === 'anonymous') {
        expectCase(what, r.status === 401, r.status === 200);
        continue;
      }
      // The pane shows 预算执行 from shared/ledgers/access canSeeBudgetExecution: it must say what the server does.
      const shown = canSeeBudgetExecution({
        userId: USER[role],
        role: role === 'officerA' || role === 'officerB' ? 'officer' : role,
        unit: OWN[role],
      });
      expectCase(what, r.status === 200 && shown, false);
      if (isOfficer(role)) {
        const other = OWN[role] === A ? B : A;
        const text = JSON.stringify(r.body);
        const mentions = text.includes(`"${other}"`) || text.includes(UNIT_NAME[other]!);
        expectCase(`${what}: mentions ${other}`, !mentions, true);
      }
    }
  },

  async 'GET reports/annual.docx'() {
    // The work report draft: the organisation's for admin, leader and finance; an officer's
    // own unit's, never another's.
    for (const role of ROLES) {
      for (const unit of [undefined, A, B]) {
        const q = new URLSearchParams({ year: '2023', ...(unit ? { unit } : {}) });
        const r = await fetch(`${stack.url}/reports/annual.docx?${q}`, {
          headers: role === 'anonymous' ? {} : { authorization: `Bearer ${stack.tokens[USER[role]]}` },
        });
        const body = Buffer.from(await r.arrayBuffer());
        const what = `annual.docx unit=${unit ?? '-'} as ${role}: ${r.status}`;
        if (role === 'anonymous') {
          expectCase(what, r.status === 401, r.status === 200);
          continue;
        }
        if (isOfficer(role)) {
          const allowed = unit === undefined || unit === OWN[role];
          expectCase(what, allowed ? r.status === 200 : r.status === 403, !allowed && r.status === 200);
          if (r.status === 200) {
            const name = decodeURIComponent(r.headers.get('content-disposition') ?? '');
            expectCase(
              `${what}: ${name}`,
              name.includes(UNIT_NAME[OWN[role]!]!),
              !name.includes(UNIT_NAME[OWN[role]!]!),
            );
          }
          continue;
        }
        expectCase(what, r.status === 200 && body.subarray(0, 2).toString() === 'PK', false);
      }
    }
  },

  async 'GET settings'() {
    for (const role of ROLES) {
      const r = await api(role).get<{ settings: Settings }>('settings');
      const what = `GET settings as ${role}: ${r.status}`;
      if (role === 'anonymous') {
        expectCase(what, r.status === 401, r.status === 200);
        continue;
      }
      expectCase(what, r.status === 200, false);
      const users = r.body.settings?.users.map((u) => u.id) ?? [];
      const others = role === 'admin' ? [] : users.filter((u) => u !== USER[role]);
      expectCase(`${what}: sees users ${others}`, others.length === 0, true);
    }
  },

  async 'PUT settings'() {
    const current = (await api('admin').get<{ settings: Settings }>('settings')).body.settings;
    for (const role of ROLES) {
      const r = await api(role).put('settings', current);
      const want = role === 'admin' ? 200 : role === 'anonymous' ? 401 : 403;
      expectCase(
        `PUT settings as ${role}: ${r.status}`,
        r.status === want,
        role !== 'admin' && r.status === 200,
      );
    }
  },

  async 'GET audit'() {
    const seedB = seeds.get(seedKey('members', B))!;
    for (const role of ROLES)
      for (const q of ['', `?kind=members&rowId=${seedB.rowId}`]) {
        const r = await api(role).get<{ entries: { rowId: string }[] }>(`audit${q}`);
        const want = role === 'admin' ? 200 : role === 'anonymous' ? 401 : 403;
        expectCase(
          `GET audit${q} as ${role}: ${r.status}`,
          r.status === want,
          role !== 'admin' && r.status === 200,
        );
        if (role === 'admin' && q)
          expectCase(
            'admin audit of a seed lists that row only',
            r.body.entries.length >= 1 && r.body.entries.every((e) => e.rowId === seedB.rowId),
            false,
          );
      }
  },

  async 'GET backup'() {
    for (const role of ROLES) {
      const r = await api(role).get('backup');
      const want = role === 'admin' ? 200 : role === 'anonymous' ? 401 : 403;
      expectCase(
        `GET backup as ${role}: ${r.status}`,
        r.status === want,
        role !== 'admin' && r.status === 200,
      );
    }
  },

  async 'POST restore'() {
    const backup = (await api('admin').get('backup')).body;
    const rev = async () => (await api('admin').get<{ rev: string }>('settings')).body.rev;
    const before = await rev();
    // Everyone but admin first: a refused restore must not have written anything (restore
    // replaces the settings first, which would give them a new revision).
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const r = await api(role).post('restore', backup);
      const want = role === 'anonymous' ? 401 : 403;
      expectCase(`POST restore as ${role}: ${r.status}`, r.status === want, r.status === 200);
    }
    expectCase('refused restores left the settings alone', (await rev()) === before, true);
    const r = await api('admin').post('restore', backup);
    expectCase(`POST restore as admin: ${r.status}`, r.status === 200, false);
  },

  async 'GET reports/annual.xlsx'() {
    for (const role of ROLES) {
      const r = await fetch(`${stack.url}/reports/annual.xlsx?year=2023`, {
        headers: role === 'anonymous' ? {} : { authorization: `Bearer ${stack.tokens[USER[role]]}` },
      });
      await r.arrayBuffer();
      const what = `annual.xlsx as ${role}: ${r.status}`;
      if (role === 'anonymous') expectCase(what, r.status === 401, r.status === 200);
      // DESIGN.md: the leader (and admin, finance) download summary workbooks; it holds every
      // unit's figures, so officers get none.
      else if (isOfficer(role)) expectCase(what, r.status === 403, r.status === 200);
      else expectCase(what, r.status === 200, false);
    }
  },
};

/** The write half for one ledger: create, update, move to another unit, delete — per role. */
async function writeMatrix(kind: LedgerKind): Promise<void> {
  const writers: Role[] = ['admin', 'officerA', 'officerB', 'finance', 'leader'];
  /** Admin's deleted row of unit A: a tombstone whose id others try to take over. */
  const state: { tombstone: { row: SyncRow; rev: string } | null } = { tombstone: null };
  // Creates: admin first (its deleted row is the tombstone), then the other roles side by side,
  // each from its own range of samples so that their rows cannot collide.
  const creates = async (role: Role, from: number): Promise<void> => {
    let next = from;
    for (const unit of isOfficer(role) ? [A, B] : [A]) {
      const pushed = await pushSample(role, kind, unit, next);
      if (!pushed) {
        expectCase(`create ${kind} in ${unit} as ${role}: no sample valid`, false, false);
        continue;
      }
      next = pushed.sample + 1;
      const allowed = mayWrite(role, kind, unit);
      const got = pushed.result.status;
      expectCase(
        `create ${kind} in ${unit} as ${role}: ${got}`,
        got === (allowed ? 'created' : 'forbidden'),
        got !== 'forbidden' && !allowed,
      );
      if (got === 'created') {
        // The writer removes it again (a delete is a write too), which frees its duplicate keys.
        const del = await pushAs(role, kind, [{ ...pushed.row, baseRev: pushed.result.rev!, delete: true }]);
        expectCase(`delete own ${kind} as ${role}`, del.body.results?.[0]?.status === 'deleted', false);
        if (role === 'admin' && unit === A)
          state.tombstone = { row: pushed.row, rev: del.body.results[0]!.rev! };
      }
    }
  };
  await creates('admin', 100);
  await Promise.all(writers.slice(1).map((role, i) => creates(role, 140 + 40 * i)));
  for (const role of writers) {
    // A deleted row of unit A: its id taken over for the role's own unit, or deleted again.
    const tombstone = state.tombstone;
    if (tombstone && role !== 'admin') {
      const own = OWN[role] ?? A;
      const cells = { ...tombstone.row.cells, unit: UNIT_NAME[own]! };
      for (const baseRev of [null, tombstone.rev]) {
        const r = (await pushAs(role, kind, [{ ...tombstone.row, cells, baseRev }])).body.results?.[0];
        const allowed = mayWrite(role, kind, A) && mayWrite(role, kind, own);
        const what = `reuse deleted ${kind} id of ${A} as ${role} (base ${baseRev ? 'rev' : 'null'}): ${r?.status}`;
        if (allowed) expectCase(what, r?.status !== 'forbidden', false);
        else
          expectCase(
            `${what}${r?.server ? ' with the server row' : ''}`,
            r?.status === 'forbidden' && r.server === undefined,
            r?.status !== 'forbidden' || r.server !== undefined,
          );
        if (allowed && (r?.status === 'created' || r?.status === 'updated')) {
          const del = await pushAs(role, kind, [{ ...tombstone.row, cells, baseRev: r.rev!, delete: true }]);
          tombstone.rev = del.body.results[0]!.rev!;
          break;
        }
      }
      const again = (await pushAs(role, kind, [{ ...tombstone.row, baseRev: tombstone.rev, delete: true }]))
        .body.results?.[0];
      if (!mayWrite(role, kind, A))
        expectCase(
          `delete deleted ${kind} of ${A} as ${role}: ${again?.status}${again?.rev ? ' with its rev' : ''}`,
          again?.status === 'forbidden' && again.rev === undefined,
          again?.rev !== undefined,
        );
    }
    // Update: the seed of unit A pushed again unchanged, on its current revision.
    const seedA = seeds.get(seedKey(kind, A))!;
    const same = await pushAs(role, kind, [{ ...seedA.row, baseRev: seedA.rev }]);
    const status = same.body.results?.[0]?.status;
    const allowed = mayWrite(role, kind, A);
    expectCase(
      `update ${kind} of ${A} as ${role}: ${status}`,
      status === (allowed ? 'unchanged' : 'forbidden'),
      status !== 'forbidden' && !allowed,
    );
    // Move: take unit A's row into the other unit (or B's row into A) by its row id.
    for (const [from, to] of [
      [A, B],
      [B, A],
    ] as const) {
      const seed = seeds.get(seedKey(kind, from))!;
      const moved = await pushAs(role, kind, [
        { ...seed.row, baseRev: seed.rev, cells: { ...seed.row.cells, unit: UNIT_NAME[to]! } },
      ]);
      const r = moved.body.results?.[0];
      const allowed = mayWrite(role, kind, from) && mayWrite(role, kind, to);
      if (allowed) {
        // Admin, and finance on budget and expenses, may move rows; put it back so the matrix keeps its seeds.
        expectCase(`move ${kind} ${from}→${to} as ${role}: ${r?.status}`, r?.status === 'updated', false);
        if (r?.status === 'updated') {
          const back = await pushAs(role, kind, [{ ...seed.row, baseRev: r.rev! }]);
          seed.rev = back.body.results[0]!.rev!;
        }
        continue;
      }
      const leaked = r?.status === 'updated' || r?.status === 'unchanged' || r?.server !== undefined;
      expectCase(
        `move ${kind} ${from}→${to} as ${role}: ${r?.status}`,
        r?.status === 'forbidden' || r?.status === 'invalid',
        leaked,
      );
    }
    // Delete another unit's row (admin's own deletes were checked above).
    if (role !== 'admin') {
      const seedB = seeds.get(seedKey(kind, B))!;
      const del = await pushAs(role, kind, [{ ...seedB.row, baseRev: seedB.rev, delete: true }]);
      const r = del.body.results?.[0];
      const allowed = mayWrite(role, kind, B);
      if (allowed) {
        // Officer B on their own row, or finance on budget/expenses: allowed; put it back.
        expectCase(`delete ${kind} of ${B} as ${role}: ${r?.status}`, r?.status === 'deleted', false);
        if (r?.status === 'deleted') {
          const again = await pushAs('admin', kind, [{ ...seedB.row, baseRev: r.rev! }]);
          seedB.rev = again.body.results[0]!.rev!;
        }
      } else
        expectCase(
          `delete ${kind} of ${B} as ${role}: ${r?.status}`,
          r?.status === 'forbidden',
          r?.status === 'deleted',
        );
    }
  }
  const anonymous = await pushAs('anonymous', kind, [sampleRow(kind, 0, UNIT_NAME[A]!)]);
  expectCase(
    `sync ${kind} anonymously: ${anonymous.status}`,
    anonymous.status === 401,
    anonymous.status === 200,
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ------------------------------------------------------------------------------------------ tests

describe('access-control matrix (issue 7 §1)', () => {
  it('transcribes DOMAIN.md §2 for every ledger, and shared/ledgers/access agrees with it', () => {
    expect(Object.keys(SCOPE_TABLE).sort()).toEqual([...LEDGER_KINDS].sort());
    for (const kind of LEDGER_KINDS) {
      const scope = ledgers[kind].scope;
      const actor = (role: 'admin' | 'officer' | 'finance' | 'leader') => ({ userId: 'x', role, unit: A });
      expect(canWriteLedger(actor('admin'), scope), kind).toBe(true);
      expect(canWriteLedger(actor('officer'), scope), kind).toBe(SCOPE_TABLE[kind].officer === 'own unit');
      expect(canWriteLedger(actor('finance'), scope), kind).toBe(SCOPE_TABLE[kind].finance === 'all');
      expect(canWriteLedger(actor('leader'), scope), kind).toBe(false);
    }
  });

  it('has an expectation for every route of the route table', () => {
    const missing = routes.map((r) => `${r.method} ${r.route}`).filter((key) => !(key in RULES));
    expect(missing, 'routes without an access expectation: add them to RULES').toEqual([]);
  });

  it("keeps unit A's view the same while unit B's data changes", async () => {
    const viewOfA = async (): Promise<string> => {
      const parts: unknown[] = [];
      parts.push((await api('officerA').get('summary?year=2023')).body);
      parts.push((await api('officerA').get('budget-execution?year=2023')).body);
      for (const kind of LEDGER_KINDS) {
        const { rows } = await pullAll('officerA', kind);
        parts.push(rows.map((r) => [r.rowId, r.rev]).sort());
      }
      const report = await fetch(`${stack.url}/reports/annual.xlsx?year=2023`, {
        headers: { authorization: `Bearer ${stack.tokens[USER.officerA]}` },
      });
      parts.push(
        report.status === 200 ? await xlsxText(Buffer.from(await report.arrayBuffer())) : report.status,
      );
      return JSON.stringify(parts);
    };
    const before = await viewOfA();
    // Unit B gets new rows in every ledger it can hold, with large amounts.
    await Promise.all(
      LEDGER_KINDS.map(async (kind) => {
        const pushed = await pushSample('admin', kind, B, kind === 'budget' ? 2 : 300);
        expectCase(
          `extra ${kind} row for ${B}: ${pushed?.result.status}`,
          pushed?.result.status === 'created',
          false,
        );
      }),
    );
    const after = await viewOfA();
    expectCase(
      "unit A's summary, budget execution, pulls and report unchanged by unit B",
      before === after,
      true,
    );
    assertClean();
  }, 120_000);

  for (const route of routes) {
    const key = `${route.method} ${route.route}`;
    it(`${key} × ${ROLES.join(', ')}`, async () => {
      const rule = RULES[key];
      if (!rule) throw new Error(`no access expectation for ${key}: add one to RULES`);
      await rule();
      // Other methods on the same path never reach a handler.
      const path = route.route.replace('{kind}', 'members');
      for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
        if (routes.some((r) => r.route === route.route && r.method === method)) continue;
        const r = await fetch(`${stack.url}/${path}`, {
          method,
          headers: { authorization: `Bearer ${stack.tokens.admin}`, 'content-type': 'application/json' },
          ...(method === 'GET' ? {} : { body: '{}' }),
        });
        await r.arrayBuffer();
        expectCase(`${method} ${path}: ${r.status}`, r.status === 405, r.status < 300);
      }
      assertClean();
    }, 120_000);
  }
});

/** Each defect the matrix found, on its own (the matrix above covers them among the rest). */
describe('regressions found by the access matrix', () => {
  it("does not show finance 困难职工建档 (DOMAIN.md §3.1: admin and the unit's officer only)", async () => {
    const { rows } = await pullAll('finance', 'members');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => 'hardship' in r.fields)).toEqual([]);
    const own = await pullAll('officerA', 'members');
    expect(own.rows.some((r) => r.fields.hardship === true)).toBe(true);
  });

  it('gives the leader summaries, not ledger rows (DESIGN.md role table)', async () => {
    const r = await api('leader').get('ledgers/members/rows');
    expect(r.status).toBe(403);
    expect((await api('leader').get('summary?year=2023')).status).toBe(200);
  });

  it("does not let an officer take over, or learn about, another unit's deleted row", async () => {
    const row = sampleRow('members', 500, UNIT_NAME[A]!);
    const created = (await pushAs('admin', 'members', [row])).body.results[0]!;
    const deleted = (await pushAs('admin', 'members', [{ ...row, baseRev: created.rev!, delete: true }])).body
      .results[0]!;
    for (const baseRev of [null, deleted.rev!]) {
      const r = (
        await pushAs('officerB', 'members', [
          { ...row, baseRev, cells: { ...row.cells, unit: UNIT_NAME[B]! } },
        ])
      ).body.results[0]!;
      expect(r.status).toBe('forbidden');
      expect(r.server).toBeUndefined();
    }
    const again = (await pushAs('officerB', 'members', [{ ...row, baseRev: deleted.rev!, delete: true }]))
      .body.results[0]!;
    expect(again).toMatchObject({ status: 'forbidden' });
    expect(again.rev).toBeUndefined();
  });
});

/** The text of every part of an .xlsx but its timestamps, to compare two downloads. */
async function xlsxText(buf: Buffer): Promise<string> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(buf);
  const names = Object.keys(zip.files)
    .filter((n) => !n.startsWith('docProps/'))
    .sort();
  const parts = await Promise.all(names.map(async (n) => `${n}\n${await zip.file(n)?.async('string')}`));
  return parts.join('\n');
}
