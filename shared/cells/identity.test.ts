import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identityLast4 } from './identity.js';

describe('identityLast4 (§4.6)', () => {
  it.each<[unknown, { last4: string; wasFull: boolean } | null]>([
    ['110101199003071234', { last4: '1234', wasFull: true }],
    ['11010119900307123x', { last4: '123X', wasFull: true }],
    ['11010119900307123X', { last4: '123X', wasFull: true }],
    ['110101 19900307 1234', { last4: '1234', wasFull: true }],
    ['１１０１０１１９９００３０７１２３４', { last4: '1234', wasFull: true }],
    ['110101********1234', { last4: '1234', wasFull: true }],
    ['110101900307123', { last4: '7123', wasFull: true }],
    ['**************1234', { last4: '1234', wasFull: false }],
    ['＊＊＊＊＊＊＊＊＊＊＊＊＊＊123x', { last4: '123X', wasFull: false }],
    ['1234', { last4: '1234', wasFull: false }],
    ['123x', { last4: '123X', wasFull: false }],
    [1234, { last4: '1234', wasFull: false }],
    ['123', { last4: '123', wasFull: false }],
    [null, null],
    ['  ', null],
  ])('%j -> %j', (input, expected) => {
    expect(identityLast4(input)).toEqual(expected);
  });

  it('keeps only four characters of any 18-character number, and flags it (property)', () => {
    const digit = fc.constantFrom(...'0123456789');
    const check = fc.constantFrom(...'0123456789Xx');
    fc.assert(
      fc.property(fc.string({ unit: digit, minLength: 17, maxLength: 17 }), check, (body, last) => {
        const r = identityLast4(body + last);
        expect(r).toEqual({ last4: (body.slice(-3) + last).toUpperCase(), wasFull: true });
      }),
    );
  });

  it('never flags a cell the pull masked (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'0123456789X'), minLength: 4, maxLength: 4 }),
        (last4) => {
          expect(identityLast4(`**************${last4}`)).toEqual({ last4, wasFull: false });
        },
      ),
    );
  });
});
