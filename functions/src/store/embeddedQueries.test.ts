import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { linearCode, makeEmbeddedQueriesLinear } from './embeddedQueries.js';

/**
 * The embedded server's queries must answer exactly as before the linear-time rewrite: every
 * query below runs through the library unpatched, then patched, on the same documents.
 */
const fromServer = createRequire(createRequire(import.meta.url).resolve('@vercel/cosmosdb-server'));
const query = (fromServer('@zeit/cosmosdb-query') as { default: (q: string) => QueryObject }).default;
interface QueryObject {
  code: string;
  exec(
    docs: unknown[],
    opts?: { parameters?: { name: string; value: unknown }[]; maxItemCount?: number; continuation?: unknown },
  ): { result: unknown[]; continuation: unknown };
}

const docs = Array.from({ length: 60 }, (_, i) => ({
  id: `r${i}`,
  _rid: `rid${String(i).padStart(3, '0')}`,
  pk: i % 3 ? 'a|welfare' : 'a|members',
  type: i % 10 ? 'row' : 'counter',
  deleted: i % 7 === 0,
  seq: 60 - i,
  tags: i % 4 ? [{ name: 'x', n: i }, { name: 'y' }] : [],
  fields: { amount: i * 100, name: `职工${i}`, ...(i % 5 ? { note: '备注' } : {}) },
}));

const CASES: { q: string; parameters?: { name: string; value: unknown }[]; maxItemCount?: number }[] = [
  { q: 'SELECT * FROM c' },
  {
    q: "SELECT c.id, c.fields.note FROM c WHERE c.pk = @pk AND c.type = 'row'",
    parameters: [{ name: '@pk', value: 'a|welfare' }],
  },
  { q: 'SELECT VALUE [c.id, c.fields.note] FROM c' },
  {
    q: 'SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id)',
    parameters: [{ name: '@ids', value: ['r1', 'r7', 'nope'] }],
  },
  {
    q: 'SELECT c.id FROM c WHERE ARRAY_CONTAINS(c.tags, @t, true)',
    parameters: [{ name: '@t', value: { name: 'x' } }],
  },
  {
    q: 'SELECT c.id FROM c WHERE ARRAY_CONTAINS(@pks, c.pk) AND c.deleted = false',
    parameters: [{ name: '@pks', value: ['a|members'] }],
  },
  {
    q: 'SELECT c.id FROM c WHERE c.id IN (@a, @b)',
    parameters: [
      { name: '@a', value: 'r2' },
      { name: '@b', value: 'r3' },
    ],
  },
  { q: 'SELECT c.id, t.name FROM c JOIN t IN c.tags WHERE c.seq > 30' },
  { q: 'SELECT * FROM c ORDER BY c.seq', maxItemCount: 7 },
  { q: 'SELECT VALUE COUNT(1) FROM c WHERE c.deleted = false' },
  { q: 'SELECT VALUE SUM(c.fields.amount) FROM c' },
];

function runAll(): unknown[] {
  return CASES.map(({ q, parameters, maxItemCount }) => {
    const compiled = query(q);
    const first = compiled.exec(docs, {
      ...(parameters ? { parameters } : {}),
      ...(maxItemCount ? { maxItemCount } : {}),
    });
    // Follow one continuation too, where there is one: pagination must be unchanged.
    const second = first.continuation
      ? compiled.exec(docs, {
          ...(parameters ? { parameters } : {}),
          maxItemCount,
          continuation: first.continuation,
        })
      : null;
    return JSON.parse(JSON.stringify({ first, second }));
  });
}

describe('embedded server queries in linear time', () => {
  it('answers every query exactly as the library did before', () => {
    const before = runAll();
    makeEmbeddedQueriesLinear();
    makeEmbeddedQueriesLinear(); // idempotent
    expect(runAll()).toEqual(before);
    expect((before[2] as { first: { result: unknown[][] } }).first.result[1]).toEqual(['r1', '备注']);
  });

  it('still finds the gathering pattern in the library’s generated code', () => {
    // If the library changes its code generation, the rewrite silently stops applying: say so here.
    const code = query('SELECT * FROM c WHERE c.pk = @pk').code;
    expect(code).toContain('[...$,');
    expect(linearCode(code)).not.toContain('[...$,');
    expect(linearCode(code)).toContain('$.push(');
  });
});
