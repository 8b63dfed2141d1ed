import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv1a64, rowHash } from './hash.js';

const hash = (cells: Record<string, unknown>, headers?: Record<string, string>) =>
  rowHash(headers ? { cells, headers } : { cells });

describe('fnv1a64', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('%j -> %s (published test vectors)', (input, expected) => {
    expect(fnv1a64(input)).toBe(expected);
  });

  it('hashes the UTF-8 bytes of Chinese text, 16 hex digits', () => {
    expect(fnv1a64('慰问')).toMatch(/^[0-9a-f]{16}$/);
    expect(fnv1a64('慰问')).not.toBe(fnv1a64('慰同'));
  });
});

describe('rowHash', () => {
  const base = { date: '2023-01-16', name: '张三', amount: 300, signed: true };

  it('does not depend on the order of the keys (property)', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), cell), fc.nat(), (cells, seed) => {
        const keys = Object.keys(cells);
        const shuffled = keys
          .map((k, i) => [k, (i * 7919 + seed) % (keys.length || 1)] as const)
          .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
          .map(([k]) => k);
        const reordered = Object.fromEntries(shuffled.map((k) => [k, cells[k]]));
        expect(hash(reordered)).toBe(hash(cells));
      }),
    );
  });

  it('changes with the content', () => {
    expect(hash({ ...base, amount: 301 })).not.toBe(hash(base));
    expect(hash({ ...base, name: '李四' })).not.toBe(hash(base));
    expect(hash({ ...base, remarks: '补发' })).not.toBe(hash(base));
    // A value does not move between fields unnoticed.
    expect(hash({ a: 'x', b: null })).not.toBe(hash({ a: null, b: 'x' }));
  });

  it('tells a number from its text and a boolean from 是', () => {
    expect(hash({ amount: 300 })).not.toBe(hash({ amount: '300' }));
    expect(hash({ signed: true })).not.toBe(hash({ signed: 'TRUE' }));
  });

  it('trims strings and treats blank cells as absent', () => {
    expect(hash({ ...base, name: '  张三\n' })).toBe(hash(base));
    expect(hash({ ...base, remarks: null, reason: '   ', x: undefined })).toBe(hash(base));
  });

  it('normalises dates to ISO days, numbers and wrapped values', () => {
    expect(hash({ ...base, date: new Date(Date.UTC(2023, 0, 16)) })).toBe(hash(base));
    expect(hash({ ...base, amount: 300.0 })).toBe(hash(base));
    expect(hash({ n: -0 })).toBe(hash({ n: 0 }));
    expect(hash({ ...base, name: { richText: [{ text: '张' }, { text: '三' }] } })).toBe(hash(base));
    expect(hash({ ...base, amount: { formula: 'SUM(A1:A2)', result: 300 } })).toBe(hash(base));
    expect(hash({ v: '#N/A' })).toBe(hash({ v: { error: '#N/A' } }));
  });

  it('ignores the headers', () => {
    expect(hash(base, { name: '职工姓名' })).toBe(hash(base));
  });

  it('has a readable canonical form', () => {
    expect(canonicalJson({ cells: { b: ' x ', a: 1, c: null } })).toBe('[["a",1],["b","x"]]');
  });
});
