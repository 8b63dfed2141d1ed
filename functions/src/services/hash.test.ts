import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './hash.js';

/** The canonical form as first written: stored rows carry hashes of it, so it may never change. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

describe('canonicalJson', () => {
  it('writes exactly what it always wrote', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.dictionary(fc.string(), fc.option(fc.jsonValue(), { nil: undefined })),
        (json, obj) => {
          expect(canonicalJson(json)).toBe(reference(json));
          expect(canonicalJson(obj)).toBe(reference(obj));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the hashes of stored rows', () => {
    expect(contentHash({ name: '职工1', amount: 500, date: '2023-01-02', remarks: null, x: undefined })).toBe(
      contentHash({ x: undefined, remarks: null, date: '2023-01-02', amount: 500, name: '职工1' }),
    );
    expect(contentHash({})).toBe('RBNvo1WzZ4oRRq0W9-hknpT7T8If536D');
  });
});
