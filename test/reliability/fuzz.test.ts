import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  MAX_ROWS_PER_CHUNK,
  syncResponseSchema,
  toWireCell,
  type SyncResponse,
  type WireCell,
} from '../../shared/api/index.js';
import * as cells from '../../shared/cells/index.js';
import { LEDGER_KINDS, validateRow } from '../../shared/ledgers/define.js';
import { ledgers } from '../../shared/ledgers/index.js';
import { demoSettings } from '../../shared/settings/index.js';
import { routes } from '../../functions/src/http/routes.js';
import type { LocalStack } from '../../functions/src/local/stack.js';
import { client, testStack } from '../backend/helpers.js';
import { recordFigures } from './support/figures.js';
import { inProcessApp, prototypeSnapshot, responseProblem, type InProcess } from './support/inProcess.js';

/**
 * Issue 7 §3 — bad input. fast-check generates sync bodies, requests to every route, auth
 * headers and Excel cell values; they go through the real dispatch layer in this process
 * (in-memory store), plus a sample over real HTTP against the embedded Cosmos server. Nothing
 * may crash (log an unexpected error), answer 5xx, leave the one error shape, or pollute
 * Object.prototype; valid rows sent alongside garbage in the same chunk must be stored.
 */
const SEED = Number(process.env.RELIABILITY_SEED ?? 20231231);
const RUNS = {
  sync: 2000,
  routes: 3000,
  auth: 5000,
  cells: 6000,
  rows: 2000,
  http: 300,
};

let harness: InProcess;
const PROTO = prototypeSnapshot();
const figures = {
  cases: 0,
  crashes: [] as string[],
  bare500s: [] as string[],
  shapeProblems: [] as string[],
  validRowsSent: 0,
  validRowsStored: 0,
  validRowsLost: [] as string[],
  prototypePolluted: false,
};

beforeAll(async () => {
  harness = await inProcessApp();
});
afterAll(async () => {
  await harness?.close();
  recordFigures('fuzz', {
    seed: SEED,
    casesGenerated: figures.cases,
    crashes: figures.crashes.length,
    bare500s: figures.bare500s.length,
    answersOutsideTheErrorShape: figures.shapeProblems.length,
    validRowsSentWithGarbage: figures.validRowsSent,
    validRowsStored: figures.validRowsStored,
    prototypePolluted: figures.prototypePolluted,
  });
});

function note(where: string, r: { status: number; json?: unknown }): void {
  const problem = responseProblem(r);
  if (!problem) return;
  (r.status >= 500 ? figures.bare500s : figures.shapeProblems).push(`${where}: ${problem}`);
}
function takeCrashes(where: string): void {
  for (const c of harness.crashes.splice(0))
    figures.crashes.push(
      `${where}: ${c.message} ${c.error instanceof Error ? c.error.stack : String(c.error)}`,
    );
  if (prototypeSnapshot() !== PROTO || ({} as Record<string, unknown>).polluted !== undefined)
    figures.prototypePolluted = true;
}
/** Where the lists stood when the running test began: each test answers for its own findings. */
let mark = { crashes: 0, bare500s: 0, shapeProblems: 0, validRowsLost: 0 };
beforeEach(() => {
  mark = {
    crashes: figures.crashes.length,
    bare500s: figures.bare500s.length,
    shapeProblems: figures.shapeProblems.length,
    validRowsLost: figures.validRowsLost.length,
  };
});
function clean(): Record<string, unknown> {
  return {
    crashes: figures.crashes.slice(mark.crashes).slice(0, 5),
    bare500s: figures.bare500s.slice(mark.bare500s).slice(0, 5),
    shapeProblems: figures.shapeProblems.slice(mark.shapeProblems).slice(0, 5),
    validRowsLost: figures.validRowsLost.slice(mark.validRowsLost).slice(0, 5),
    prototypePolluted: figures.prototypePolluted,
  };
}
const CLEAN = { crashes: [], bare500s: [], shapeProblems: [], validRowsLost: [], prototypePolluted: false };

// ------------------------------------------------------------------------------------------ arbitraries

const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
];
const FIELD_KEYS = [...new Set(LEDGER_KINDS.flatMap((k) => Object.keys(ledgers[k].fields)))];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const nasty = fc.constantFrom(
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\u0000',
  '\uFEFF',
  '\u202E',
  '１２３４',
  '壹仟贰佰元整',
  '1,200.00元',
  '2023年2月30日',
  '110101199003071234',
  '#N/A',
  'NaN',
  'Infinity',
  '1e309',
  '-0',
  '   ',
  '\r\n',
  '${jndi:ldap://x}',
  "'; DROP TABLE rows; --",
  'SELECT * FROM c',
  '<script>alert(1)</script>',
);
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.array(loneSurrogate, { minLength: 1, maxLength: 4 }).map((a) => `a${a.join('')}b`),
  nasty,
  fc.integer({ min: 32_000, max: 33_000 }).map((n) => '长'.repeat(n)),
);
/** Deeply nested arrays and objects, built without recursion. */
const deep = fc.integer({ min: 50, max: 3000 }).map((depth) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { v };
  return v;
});
const cellValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.record({ error: fc.oneof(fc.string({ maxLength: 30 }), fc.integer()) }),
  fc.record({ richText: fc.array(fc.record({ text: text })) }),
  fc.record({ formula: fc.string(), result: fc.oneof(fc.integer(), fc.string()) }),
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  deep,
  fc.jsonValue({ maxDepth: 3 }),
);
const key = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FIELD_KEYS) },
  fc.constantFrom(...PROTO_KEYS),
  fc.string({ maxLength: 45 }),
);
const cellsArb = fc.dictionary(key, cellValue, { maxKeys: 8 });
const rowIdArb = fc.stringMatching(/^[A-Za-z0-9-]{8,64}$/).map((s) => `adv-${s}`.slice(0, 64));
const badRowId = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.integer(),
  fc.string({ maxLength: 7 }),
  fc.constant('../../../etc/passwd'),
  fc.constant('x'.repeat(65)),
  fc.constant({ $ne: null }),
);
const garbageRow = fc.record(
  {
    rowId: rowIdArb,
    baseRev: fc.oneof(
      fc.constant(null),
      fc.string({ maxLength: 220 }),
      fc.integer(),
      fc.object({ maxDepth: 1 }),
    ),
    sheetRow: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 4 }), fc.constant(undefined)),
    cells: fc.oneof({ weight: 5, arbitrary: cellsArb }, fc.jsonValue({ maxDepth: 2 }), deep),
    delete: fc.oneof(fc.boolean(), fc.constant(undefined), fc.string({ maxLength: 3 })),
    extra: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 1 })),
  },
  { requiredKeys: ['rowId'] },
);

let staffSerial = 0;
/** A members row that is valid on its own, for the unit the writer may use. */
function validMember(unit: string): { rowId: string; baseRev: null; cells: Record<string, WireCell> } {
  staffSerial++;
  return {
    rowId: randomUUID(),
    baseRev: null,
    cells: {
      staffNo: `FZ${String(staffSerial).padStart(8, '0')}`,
      name: `模糊${staffSerial % 1000}`,
      unit,
      gender: staffSerial % 2 ? '男' : '女',
      joinDate: '2012-09-01',
      idLast4: String(1000 + (staffSerial % 9000)),
    },
  };
}

// ------------------------------------------------------------------------------------------ tests

describe('bad input (issue 7 §3)', () => {
  it(`answers ${RUNS.sync} adversarial sync chunks row by row, storing the valid rows among them`, async () => {
    let sinceClear = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('admin', 'officer-mech-info'),
        fc.array(garbageRow, { maxLength: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.oneof(
          { weight: 8, arbitrary: fc.constant(null) },
          fc.dictionary(key, fc.oneof(fc.string({ maxLength: 30 }), fc.integer()), { maxKeys: 3 }),
        ),
        fc.option(badRowId, { freq: 10 }),
        async (user, garbage, validCount, headers, brokenId) => {
          figures.cases++;
          if (++sinceClear > 100) {
            harness.store.clearRows();
            sinceClear = 0;
          }
          const valid = Array.from({ length: validCount }, () => validMember('机电学院工会'));
          const rows: unknown[] = [
            ...garbage.map(({ extra, ...r }) => (extra === undefined ? r : { ...r, extra })),
          ];
          // The valid rows go in among the garbage.
          valid.forEach((v, i) => rows.splice((i * 3) % (rows.length + 1), 0, v));
          if (brokenId !== null) rows.push({ rowId: brokenId, baseRev: null, cells: {} });
          const body = { ...(headers ? { headers } : {}), rows };
          const r = await harness.call({
            method: 'POST',
            path: 'ledgers/members/sync',
            headers: { authorization: `Bearer ${harness.tokens[user]}`, 'content-type': 'application/json' },
            body: Buffer.from(JSON.stringify(body)),
          });
          takeCrashes('sync');
          note('sync', r);
          const envelopeOk =
            brokenId === null &&
            (headers === null ||
              Object.entries(headers)
                .filter(([k]) => k !== '__proto__') // zod drops it: harmless, and no pollution
                .every(
                  ([k, v]) =>
                    /^[a-zA-Z][a-zA-Z0-9]{0,39}$/.test(k) && typeof v === 'string' && v.length <= 200,
                ));
          if (!envelopeOk) {
            if (r.status === 200)
              figures.shapeProblems.push(
                `sync: a broken envelope answered 200: ${JSON.stringify({ headers, brokenId })}`,
              );
            return;
          }
          if (r.status !== 200) {
            figures.validRowsLost.push(
              `chunk refused with ${r.status}: ${JSON.stringify(r.json).slice(0, 300)}`,
            );
            return;
          }
          const parsed = syncResponseSchema.safeParse(r.json);
          if (!parsed.success) {
            figures.shapeProblems.push(
              `sync 200 not in the wire schema: ${parsed.error.message.slice(0, 200)}`,
            );
            return;
          }
          const res = parsed.data as SyncResponse;
          if (res.results.length !== rows.length) figures.shapeProblems.push('sync: not one result per row');
          const stored = await harness.store.rows.readByIds(
            demoSettings.orgId,
            'members',
            valid.map((v) => v.rowId),
          );
          for (const v of valid) {
            figures.validRowsSent++;
            const result = res.results.find((x) => x.rowId === v.rowId);
            if (result?.status === 'created' && stored.get(v.rowId)?.fields.staffNo === v.cells.staffNo)
              figures.validRowsStored++;
            else
              figures.validRowsLost.push(`${v.rowId}: ${result?.status} ${JSON.stringify(result?.issues)}`);
          }
        },
      ),
      { numRuns: RUNS.sync, seed: SEED, endOnFailure: true },
    );
    expect(clean()).toEqual(CLEAN);
    expect(figures.validRowsStored).toBe(figures.validRowsSent);
  }, 120_000);

  it(`answers ${RUNS.routes} random requests to every route in the one error shape`, async () => {
    const bodies = fc.oneof(
      fc.constant(null),
      fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
      fc.string({ maxLength: 200 }).map((s) => Buffer.from(s)),
      fc.integer({ min: 1000, max: 200_000 }).map((n) => Buffer.from(`${'['.repeat(n)}${']'.repeat(n)}`)),
      fc.integer({ min: 1000, max: 50_000 }).map((n) => Buffer.from(`${'{"a":'.repeat(n)}1${'}'.repeat(n)}`)),
      fc.constant(Buffer.from('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}')),
      fc.constant(
        Buffer.from('{"rows":[{"rowId":"aaaaaaaa","baseRev":null,"cells":{"__proto__":{"polluted":1}}}]}'),
      ),
      fc.constant(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d])),
      fc.constant(Buffer.from([0xff, 0xfe, 0xfd, 0x22])),
      fc.constant(Buffer.alloc(4 * 1024 * 1024 + 1, 0x20)),
    );
    const kinds = fc.oneof(
      fc.constantFrom(...LEDGER_KINDS),
      fc.constantFrom(...PROTO_KEYS),
      fc.string({ maxLength: 20 }),
    );
    const queries = fc.dictionary(
      fc.oneof(
        fc.constantFrom('year', 'unit', 'since', 'limit', 'kind', 'rowId', 'continuation'),
        fc.constantFrom(...PROTO_KEYS),
        fc.string({ maxLength: 10 }),
      ),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.integer().map(String),
        fc.constantFrom(
          '2023',
          '1e3',
          '-1',
          '0x7e7',
          '2023.5',
          ' 2023',
          'mech-info',
          'lit-news',
          ...PROTO_KEYS,
        ),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.base64String({ maxLength: 200 }),
      ),
      { maxKeys: 4 },
    );
    const users = fc.constantFrom('admin', 'officer-mech-info', 'finance', 'leader', null);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        kinds,
        queries,
        users,
        bodies,
        fc.option(fc.string({ maxLength: 60 })),
        async (route, kind, query, user, body, ifMatch) => {
          figures.cases++;
          const path = route.route.replace('{kind}', encodeURIComponent(kind));
          const r = await harness.call({
            method: route.method,
            path,
            query,
            headers: {
              ...(user ? { authorization: `Bearer ${harness.tokens[user]}` } : {}),
              ...(ifMatch !== null ? { 'if-match': ifMatch } : {}),
            },
            body,
          });
          takeCrashes(`${route.method} ${path}`);
          note(`${route.method} ${path}?${new URLSearchParams(query)}`, r);
        },
      ),
      { numRuns: RUNS.routes, seed: SEED + 1, endOnFailure: true },
    );
    expect(clean()).toEqual(CLEAN);
  }, 120_000);

  it(`refuses ${RUNS.auth} random and mutated Authorization headers`, async () => {
    const genuine = harness.tokens.admin!;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 100 }),
          fc.string({ maxLength: 300 }).map((s) => `Bearer ${s}`),
          fc.base64String({ maxLength: 400 }).map((s) => `Bearer ${s}.${s}.${s}`),
          fc
            .tuple(fc.nat({ max: genuine.length - 1 }), fc.constantFrom(...'ABCabc019-_.'.split('')))
            .map(([i, c]) => `Bearer ${genuine.slice(0, i)}${c}${genuine.slice(i + 1)}`),
          fc.constantFrom(
            `Basic ${Buffer.from('admin:admin').toString('base64')}`,
            `Bearer ${genuine} ${genuine}`,
            'Bearer',
          ),
        ),
        async (authorization) => {
          figures.cases++;
          const r = await harness.call({ method: 'GET', path: 'settings', headers: { authorization } });
          takeCrashes('auth');
          note('auth', r);
          // A mutation may only get in if it left the token's bytes as they were (base64url's spare bits).
          const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
          const sameBytes =
            token !== undefined &&
            token.split('.').length === 3 &&
            token
              .split('.')
              .every((part, i) =>
                Buffer.from(part, 'base64url').equals(Buffer.from(genuine.split('.')[i]!, 'base64url')),
              );
          if (r.status === 200 && !sameBytes)
            figures.shapeProblems.push(`auth: ${authorization.slice(0, 80)} got in`);
        },
      ),
      { numRuns: RUNS.auth, seed: SEED + 2, endOnFailure: true },
    );
    expect(clean()).toEqual(CLEAN);
  }, 60_000);

  it(`reads ${RUNS.cells} random Excel cell values through shared/cells without throwing`, () => {
    const problems: string[] = [];
    const excelish = fc.oneof(
      cellValue,
      fc.date({ noInvalidDate: false }),
      fc.double({ min: -1e7, max: 1e7 }),
      fc.integer({ min: -100_000, max: 3_000_000 }),
      fc.bigInt(),
      fc.anything({ maxDepth: 3, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true }),
      fc.record({ hyperlink: fc.string(), text: text }),
      fc.record({ type: fc.constantFrom('Error', 'String', 'Double'), basicValue: cellValue }),
      fc.constant(Object.create(null) as unknown),
      fc.constant({
        get text(): string {
          throw new Error('host getter');
        },
      }),
    );
    const parsers: [string, (v: unknown) => unknown][] = [
      ['plainCellValue', cells.plainCellValue],
      ['isErrorValue', cells.isErrorValue],
      ['normalizeText', cells.normalizeText],
      ['normalizeName', cells.normalizeName],
      ['isBlank', cells.isBlank],
      ['normalizeHeader', cells.normalizeHeader],
      ['displayHeader', cells.displayHeader],
      ['isTotalLabel', cells.isTotalLabel],
      ['isSignatureLabel', cells.isSignatureLabel],
      ['parseDate', (v) => cells.parseDate(v)],
      ['parseMonth', (v) => cells.parseMonth(v)],
      ['parseAmount', cells.parseAmount],
      ['parseBool', cells.parseBool],
      ['parseInteger', (v) => cells.parseInteger(v, { min: 0, max: 9 })],
      ['parseNumber', cells.parseNumber],
      ['staffNoText', cells.staffNoText],
      ['splitNameAndStaffNo', cells.splitNameAndStaffNo],
      ['splitList', cells.splitList],
      ['identityLast4', cells.identityLast4],
      ['toWireCell', toWireCell],
    ];
    fc.assert(
      fc.property(excelish, (v) => {
        figures.cases++;
        for (const [name, parse] of parsers) {
          let out: unknown;
          try {
            out = parse(v);
          } catch (e) {
            problems.push(`${name}(${safe(v)}) threw ${String(e)}`);
            continue;
          }
          if (name.startsWith('parse')) {
            const res = out as { ok: boolean; value?: unknown; code?: string };
            if (typeof res?.ok !== 'boolean') problems.push(`${name}(${safe(v)}) gave ${safe(out)}`);
            if (name === 'parseAmount' && res.ok && res.value !== null && !Number.isSafeInteger(res.value))
              problems.push(`parseAmount(${safe(v)}) gave a non-integer 分 ${safe(res.value)}`);
            if ((name === 'parseDate' || name === 'parseMonth') && res.ok && res.value !== null)
              if (!/^\d{4}-\d{2}(-\d{2})?$/.test(String(res.value)))
                problems.push(`${name}(${safe(v)}) gave ${safe(res.value)}`);
          }
          if (name === 'identityLast4' && out !== null && [...(out as { last4: string }).last4].length > 4)
            problems.push(`identityLast4(${safe(v)}) kept more than four characters`);
          if (name === 'toWireCell' && out !== null && typeof out === 'number' && !Number.isFinite(out))
            problems.push(`toWireCell(${safe(v)}) gave ${out}`);
        }
      }),
      { numRuns: RUNS.cells, seed: SEED + 3 },
    );
    expect(problems.slice(0, 10)).toEqual([]);
  }, 60_000);

  it(`validates ${RUNS.rows} random rows of every ledger without throwing`, () => {
    const problems: string[] = [];
    const ctx = {
      settings: demoSettings,
      today: '2023-12-31',
      actor: { role: 'officer' as const, unit: 'mech-info' },
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...LEDGER_KINDS),
        cellsArb,
        fc.dictionary(key, fc.string({ maxLength: 30 })),
        (kind, raw, headers) => {
          figures.cases++;
          try {
            const verdict = validateRow(ledgers[kind], { cells: raw, headers }, ctx);
            if (
              verdict.fields &&
              verdict.fields.idLast4 !== undefined &&
              String(verdict.fields.idLast4 ?? '').length > 4
            )
              problems.push(`${kind}: idLast4 longer than 4 accepted`);
          } catch (e) {
            problems.push(`${kind} ${safe(raw)} threw ${e instanceof Error ? e.stack : String(e)}`);
          }
        },
      ),
      { numRuns: RUNS.rows, seed: SEED + 4 },
    );
    expect(problems.slice(0, 5)).toEqual([]);
  }, 60_000);
});

describe('regressions found by the fuzzer', () => {
  it('never echoes a sheet row the wire schema cannot carry (one bad row must not spoil the response)', async () => {
    const good = validMember('机电学院工会');
    const r = await harness.call({
      method: 'POST',
      path: 'ledgers/members/sync',
      headers: { authorization: `Bearer ${harness.tokens.admin}` },
      body: Buffer.from(
        JSON.stringify({
          rows: [good, { rowId: 'adv-unsafe-sheet-row', baseRev: 7, sheetRow: 1e20, cells: {} }],
        }),
      ),
    });
    expect(r.status).toBe(200);
    const parsed = syncResponseSchema.parse(r.json);
    expect(parsed.results.map((x) => x.status)).toEqual(['created', 'invalid']);
    expect(parsed.results[1]!.sheetRow).toBeUndefined();
  });
});

describe('bad input over real HTTP (embedded Cosmos)', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await testStack();
  });
  afterAll(() => stack?.close());

  it(`answers a sample of ${RUNS.http} hostile requests on the wire, and stores the valid rows sent with garbage`, async () => {
    const problems: string[] = [];
    const send = async (
      method: string,
      path: string,
      body?: Buffer | string,
      headers: Record<string, string> = {},
    ) => {
      const r = await fetch(`${stack.url}/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${stack.tokens.admin}`,
          'content-type': 'application/json',
          ...headers,
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : new Uint8Array(body) } : {}),
      });
      const textBody = await r.text();
      let json: unknown;
      try {
        json = textBody ? JSON.parse(textBody) : undefined;
      } catch {
        problems.push(`${method} ${path}: ${r.status} body is not JSON: ${textBody.slice(0, 80)}`);
      }
      const problem = responseProblem({ status: r.status, json });
      if (problem) (r.status >= 500 ? figures.bare500s : problems).push(`${method} ${path}: ${problem}`);
      return { status: r.status, json };
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        fc.oneof(
          fc.constantFrom(...routes.map((r) => r.route.replace('{kind}', 'members'))),
          fc.constantFrom(
            'ledgers/%2e%2e/sync',
            'ledgers/%E0%A4%A/rows',
            'ledgers/__proto__/rows',
            '../api/health',
            '%00',
            'ledgers/members/sync/extra',
          ),
          fc.webPath().map((p) => p.replace(/^\//, '')),
        ),
        fc.oneof(
          fc.constant(undefined),
          fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
          fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)),
        ),
        async (method, path, body) => {
          figures.cases++;
          if (method === 'OPTIONS') return;
          await send(method, path, method === 'GET' ? undefined : body);
        },
      ),
      { numRuns: RUNS.http - 20, seed: SEED + 5 },
    );
    // Oversize bodies: declared, streamed without a length, and just over the limit.
    const limit = 4 * 1024 * 1024;
    figures.cases += 3;
    expect((await send('POST', 'ledgers/members/sync', Buffer.alloc(limit + 1, 0x20))).status).toBe(413);
    const streamed = await fetch(`${stack.url}/ledgers/members/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.tokens.admin}` },
      body: new ReadableStream({
        start(controller) {
          for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(1024 * 1024).fill(0x20));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await send('POST', 'restore', Buffer.alloc(101 * 1024 * 1024 + 1, 0x20))).status).toBe(413);

    // Valid rows in chunks full of garbage, on the real store: every one stored and pullable.
    const api = client(stack.url, stack.tokens.admin);
    const valid: ReturnType<typeof validMember>[] = [];
    const sampler = fc.sample(fc.array(garbageRow, { minLength: 3, maxLength: 12 }), {
      numRuns: 5,
      seed: SEED + 6,
    });
    await Promise.all(
      sampler.map(async (garbage) => {
        figures.cases++;
        const mine = [1, 2, 3, 4].map((i) => validMember(i % 2 ? '机电学院工会' : '文新学院工会'));
        valid.push(...mine);
        const rows = [...garbage.map(({ extra: _extra, ...r }) => r), ...mine].slice(-MAX_ROWS_PER_CHUNK);
        const r = await send('POST', 'ledgers/members/sync', JSON.stringify({ rows }));
        if (r.status !== 200) problems.push(`valid rows with garbage: ${r.status}`);
      }),
    );
    const stored = await api.pullAll('members');
    const ids = new Set(stored.rows.filter((r) => !r.deleted).map((r) => r.rowId));
    for (const v of valid) {
      figures.validRowsSent++;
      if (ids.has(v.rowId)) figures.validRowsStored++;
      else figures.validRowsLost.push(`http: ${v.rowId}`);
    }
    expect({ problems: problems.slice(0, 10), ...clean() }).toEqual({ problems: [], ...CLEAN });
  }, 180_000);
});

function safe(v: unknown): string {
  try {
    const s = typeof v === 'bigint' ? `${v}n` : JSON.stringify(v);
    return (s ?? String(v)).slice(0, 120);
  } catch {
    return Object.prototype.toString.call(v);
  }
}
