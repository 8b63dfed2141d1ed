import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInteger, parseNumber } from './number.js';

describe('parseInteger', () => {
  it.each<[string, unknown, number | null]>([
    ['a whole number', 3, 3],
    ['zero', 0, 0],
    ['negative zero', -0, 0],
    ['a formula result with binary noise', 2.9999999999999996, 3],
    ['digits', '12', 12],
    ['full-width digits', '１２', 12],
    ['thousands separators', '1,200', 1200],
    ['a whole number written with decimals', '5.00', 5],
    ['padded', ' 7 ', 7],
    ['blank', null, null],
    ['blank string', '', null],
  ])('accepts %s', (_, input, expected) => {
    expect(parseInteger(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown]>([
    ['a unit', '12人'],
    ['negative', -1],
    ['negative text', '-1'],
    ['fractional', 1.5],
    ['fractional text', '1.5'],
    ['spaced digits', '1 200'],
    ['bad grouping', '12,00'],
    ['words', '三'],
    ['boolean', true],
    ['Date', new Date(0)],
    ['beyond safe integers', 2 ** 60],
    ['Infinity', Infinity],
  ])('rejects %s', (_, input) => {
    expect(parseInteger(input)).toEqual({ ok: false, code: 'int.invalid' });
  });

  it('applies bounds', () => {
    expect(parseInteger(9, { min: 0, max: 9 })).toEqual({ ok: true, value: 9 });
    expect(parseInteger(10, { min: 0, max: 9 })).toEqual({ ok: false, code: 'int.invalid' });
    expect(parseInteger('1', { min: 2 })).toEqual({ ok: false, code: 'int.invalid' });
    expect(parseInteger(null, { min: 2 })).toEqual({ ok: true, value: null });
  });

  it('reports error values', () => {
    expect(parseInteger('#N/A')).toEqual({ ok: false, code: 'cell.errorValue' });
  });

  it('reads any safe non-negative integer back from a number, digits or grouped digits (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 15 - 1 }), (n) => {
        const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        for (const input of [n, String(n), grouped])
          expect(parseInteger(input)).toEqual({ ok: true, value: n });
      }),
    );
  });
});

describe('parseNumber', () => {
  it.each<[string, unknown, number | null]>([
    ['a decimal number', 120.5, 120.5],
    ['decimal text', '120.5', 120.5],
    ['thousands separators', '1,200.75', 1200.75],
    ['full-width', '１２０．５', 120.5],
    ['negative', '-3.5', -3.5],
    ['leading point', '.5', 0.5],
    ['a formula result with binary noise', 0.1 + 0.2, 0.3],
    ['blank', null, null],
  ])('accepts %s', (_, input, expected) => {
    expect(parseNumber(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown]>([
    ['a unit', '120平方米'],
    ['bad grouping', '1,20.5'],
    ['exponent', '1e3'],
    ['two points', '1.2.3'],
    ['a sign only', '-'],
    ['boolean', false],
    ['NaN', NaN],
  ])('rejects %s', (_, input) => {
    expect(parseNumber(input)).toEqual({ ok: false, code: 'number.invalid' });
  });

  it('reports error values', () => {
    expect(parseNumber({ error: '#NUM!' })).toEqual({ ok: false, code: 'cell.errorValue' });
  });

  it('reads any number of up to 15 significant digits back from its text (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (x) => {
        const n = Number(x.toPrecision(15)) || 0;
        expect(parseNumber(n)).toEqual({ ok: true, value: n });
        // Exponent text (5e-324) is not something an officer types, and is rejected on purpose.
        if (!String(n).includes('e')) expect(parseNumber(String(n))).toEqual({ ok: true, value: n });
      }),
    );
  });
});
