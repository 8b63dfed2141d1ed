import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBool } from './boolean.js';

const TRUE_FORMS = ['是', '是的', '有', '√', '✓', '✔', 'Y', 'y', 'Yes', 'yes', 'YES', 'TRUE', 'true', '1'];
const FALSE_FORMS = ['否', '无', '没有', '×', '✗', 'N', 'n', 'No', 'no', 'NO', 'FALSE', 'false', '0'];

describe('parseBool (§4.4)', () => {
  it.each(TRUE_FORMS)('reads %j as true', (input) => {
    expect(parseBool(input)).toEqual({ ok: true, value: true });
  });

  it.each(FALSE_FORMS)('reads %j as false', (input) => {
    expect(parseBool(input)).toEqual({ ok: true, value: false });
  });

  it.each<[string, unknown, boolean | null]>([
    ['Excel TRUE', true, true],
    ['Excel FALSE', false, false],
    ['the number 1', 1, true],
    ['the number 0', 0, false],
    ['padded and full-width', ' Ｙｅｓ ', true],
    ['a formula result', { formula: 'A1>0', result: true }, true],
    ['blank', null, null],
    ['blank string', '  ', null],
  ])('reads %s', (_, input, expected) => {
    expect(parseBool(input)).toEqual({ ok: true, value: expected });
  });

  it.each<[unknown]>([['是否'], ['不是'], ['x'], ['2'], [2], [0.5], ['yess'], [new Date(0)], [NaN]])(
    'rejects %j',
    (input) => {
      expect(parseBool(input)).toEqual({ ok: false, code: 'bool.invalid' });
    },
  );

  it('reports error values', () => {
    expect(parseBool({ error: '#N/A' })).toEqual({ ok: false, code: 'cell.errorValue' });
  });

  it('never throws and only answers true, false, null or bool.invalid (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything({ withDate: true, withBigInt: true }), fc.string({ unit: 'grapheme' })),
        (v) => {
          const r = parseBool(v);
          if (r.ok) expect([true, false, null]).toContain(r.value);
          else expect(['bool.invalid', 'cell.errorValue']).toContain(r.code);
        },
      ),
    );
  });
});
