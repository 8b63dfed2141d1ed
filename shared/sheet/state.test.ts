import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SheetState } from './port.js';
import { STATE_CELL_CHARS, STATE_HEADERS, stateFromValues, stateToValues } from './state.js';

const states: SheetState[] = [
  {
    sheet: '慰问台账',
    kind: 'welfare',
    bindings: { amount: 7 },
    since: '42',
    hashes: { '00000000-0000-4000-8000-000000000001': 'cbf29ce484222325' },
  },
  { sheet: '2023 提案', kind: 'proposals', hashes: {} },
];

describe('state sheet', () => {
  it('writes a header row and one rectangular row per ledger sheet', () => {
    const values = stateToValues(states);
    expect(values[0]).toEqual([...STATE_HEADERS]);
    expect(values[1]).toEqual([
      '慰问台账',
      'welfare',
      '{"amount":7}',
      '42',
      '{"00000000-0000-4000-8000-000000000001":"cbf29ce484222325"}',
    ]);
    expect(values[2]).toEqual(['2023 提案', 'proposals', '', '', '{}']);
    expect(new Set(values.map((r) => r.length)).size).toBe(1);
  });

  it('reads back what it wrote', () => {
    expect(stateFromValues(stateToValues(states))).toEqual({ states, damaged: false });
    expect(stateFromValues(stateToValues([]))).toEqual({ states: [], damaged: false });
  });

  it('spreads a large hashes map over several cells, each within the Excel limit', () => {
    const hashes: Record<string, string> = {};
    for (let i = 0; i < 3000; i++)
      hashes[`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`] = 'cbf29ce484222325';
    const big: SheetState = { sheet: '名册', kind: 'members', hashes };
    const values = stateToValues([big, states[1]!]);
    expect(values[1]!.length).toBeGreaterThan(5);
    expect(values.flat().every((c) => c.length <= STATE_CELL_CHARS)).toBe(true);
    expect(stateFromValues(values)).toEqual({ states: [big, states[1]], damaged: false });
  });

  it('reads a blank or missing sheet as no state, undamaged', () => {
    expect(stateFromValues([])).toEqual({ states: [], damaged: false });
    expect(stateFromValues([[null, '']])).toEqual({ states: [], damaged: false });
    expect(stateFromValues(undefined)).toEqual({ states: [], damaged: false });
  });

  it('reads garbage as no state, damaged, without throwing', () => {
    expect(stateFromValues([['hello', 'world'], ['x']])).toEqual({ states: [], damaged: true });
    expect(stateFromValues('nope')).toEqual({ states: [], damaged: false });
  });

  it('drops a broken row and keeps the others', () => {
    const values: unknown[][] = stateToValues(states);
    values[1]![4] = '{"00000000-0000-4000-8000-000000000001":'; // cut short
    expect(stateFromValues(values)).toEqual({ states: [states[1]], damaged: true });
    const noKind: unknown[][] = stateToValues(states);
    noKind[2]![1] = '';
    expect(stateFromValues(noKind)).toEqual({ states: [states[0]], damaged: true });
    const badBindings: unknown[][] = stateToValues(states);
    badBindings[1]![2] = '{"amount":-1}';
    expect(stateFromValues(badBindings)).toEqual({ states: [states[1]], damaged: true });
  });

  it('keeps the first of two rows for one sheet', () => {
    const values = stateToValues([states[0]!, { ...states[0]!, kind: 'members' }]);
    expect(stateFromValues(values)).toEqual({ states: [states[0]], damaged: true });
  });

  it('reads numbers an adapter gave back as numbers', () => {
    const values: unknown[][] = stateToValues([{ sheet: '2023', kind: 'budget', since: '17', hashes: {} }]);
    values[1]![0] = 2023;
    values[1]![3] = 17;
    expect(stateFromValues(values).states).toEqual([
      { sheet: '2023', kind: 'budget', since: '17', hashes: {} },
    ]);
  });

  it('never throws, whatever the cells hold (property)', () => {
    const cell = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.json(), fc.object());
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 6 }),
        fc.boolean(),
        (rows, withHeader) => {
          const values = withHeader ? [[...STATE_HEADERS], ...rows] : rows;
          const read = stateFromValues(values);
          expect(Array.isArray(read.states)).toBe(true);
        },
      ),
    );
  });

  it('drops a tampered binding that would reach the prototype, without polluting it', () => {
    const values = [
      [...STATE_HEADERS],
      ['慰问台账', 'welfare', '{"__proto__":{"polluted":1},"name":2}', '', '{}'],
    ];
    const read = stateFromValues(values);
    expect(read.states).toEqual([{ sheet: '慰问台账', kind: 'welfare', bindings: { name: 2 }, hashes: {} }]);
    expect(Object.getPrototypeOf(read.states[0]!.bindings)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('round-trips any state (property)', () => {
    const state = fc.record(
      {
        sheet: fc.string({ minLength: 1, maxLength: 31 }),
        kind: fc.constantFrom('welfare', 'members', 'budget'),
        bindings: fc.dictionary(
          fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/),
          fc.integer({ min: 1, max: 200 }),
          {
            minKeys: 1,
          },
        ),
        since: fc.string({ minLength: 1, maxLength: 20 }),
        hashes: fc.dictionary(fc.uuid(), fc.stringMatching(/^[0-9a-f]{16}$/)),
      },
      { requiredKeys: ['sheet', 'kind', 'hashes'] },
    );
    fc.assert(
      fc.property(fc.uniqueArray(state, { selector: (s) => s.sheet, maxLength: 4 }), (list) => {
        expect(stateFromValues(stateToValues(list))).toEqual({ states: list, damaged: false });
      }),
    );
  });
});
