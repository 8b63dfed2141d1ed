import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberToDecimal } from './decimal.js';

describe('numberToDecimal', () => {
  it.each<[number, string]>([
    [0, '0'],
    [-0, '0'],
    [20150032, '20150032'],
    [1200.1, '1200.1'],
    [-1200.5, '-1200.5'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [1320.0000000000002, '1320'],
    [0.1 + 0.2, '0.3'],
    [123456789012345, '123456789012345'],
  ])('%s -> %s', (n, expected) => {
    expect(numberToDecimal(n)).toBe(expected);
  });

  it('gives the value of 15 significant digits, in plain notation (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        const text = numberToDecimal(n);
        expect(text).toMatch(/^-?\d+(\.\d*[1-9])?$/);
        expect(Number(text)).toBe(Number(n.toPrecision(15)) || 0);
      }),
    );
  });

  it('gives back any decimal of at most 15 significant digits exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n }),
        fc.integer({ min: 0, max: 8 }),
        (digits, scale) => {
          const abs = (digits < 0n ? -digits : digits).toString().padStart(scale + 1, '0');
          const whole = abs.slice(0, abs.length - scale);
          const fraction = abs.slice(abs.length - scale).replace(/0+$/, '');
          const body = fraction === '' ? whole : `${whole}.${fraction}`;
          const expected = digits < 0n && body !== '0' ? `-${body}` : body;
          expect(numberToDecimal(Number(expected))).toBe(expected);
        },
      ),
    );
  });
});
