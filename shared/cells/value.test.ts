import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isErrorValue, plainCellValue } from './value.js';

describe('plainCellValue (§4.1)', () => {
  it.each<[string, unknown, unknown]>([
    ['null', null, null],
    ['undefined', undefined, null],
    ['a string, raw', '  张三 ', '  张三 '],
    ['an Office empty cell', '', ''],
    ['a number', 1200.5, 1200.5],
    ['a boolean', true, true],
    ['rich text runs, joined', { richText: [{ text: '张' }, { font: { bold: true }, text: '三' }] }, '张三'],
    ['rich text with a malformed run', { richText: [{ text: 'a' }, null, { text: 3 }, { text: 'b' }] }, 'ab'],
    ['a formula, as its result', { formula: 'A1*2', result: 2400 }, 2400],
    ['a shared formula, as its result', { sharedFormula: 'B2', result: '是' }, '是'],
    ['a formula without a cached result', { formula: 'A1' }, null],
    [
      'a formula whose result is an error',
      { formula: '1/0', result: { error: '#DIV/0!' } },
      { error: '#DIV/0!' },
    ],
    ['a hyperlink, as its text', { text: '通知', hyperlink: 'https://example.edu.cn' }, '通知'],
    [
      'a hyperlink with rich text',
      { text: { richText: [{ text: 'a' }, { text: 'b' }] }, hyperlink: 'x' },
      'ab',
    ],
    ['an exceljs error value', { error: '#N/A' }, { error: '#N/A' }],
    ['an Office error string', '#N/A', { error: '#N/A' }],
    ['an Office #REF! string', '#REF!', { error: '#REF!' }],
    ['an Office #VALUE! string', '#VALUE!', { error: '#VALUE!' }],
    ['text that merely starts with #', '#1 楼', '#1 楼'],
    ['an Office valuesAsJson string', { type: 'String', basicValue: '是' }, '是'],
    [
      'an Office valuesAsJson error',
      { type: 'Error', basicValue: '#N/A', errorType: 'NotAvailable' },
      { error: '#N/A' },
    ],
    ['an unknown object, as blank', { foo: 1 }, null],
    ['an array, as blank', ['a'], null],
    ['a symbol, as blank', Symbol('x'), null],
    ['a bigint, as its digits', 12n, '12'],
  ])('%s', (_, input, expected) => {
    expect(plainCellValue(input)).toEqual(expected);
  });

  it('keeps a Date as the same Date', () => {
    const d = new Date(Date.UTC(2023, 2, 8));
    expect(plainCellValue(d)).toBe(d);
  });

  it('reads a cell whose getter throws as blank instead of throwing', () => {
    const hostile = {
      get richText(): never {
        throw new Error('host object gone');
      },
    };
    expect(plainCellValue(hostile)).toBeNull();
  });

  it('stops on self-referencing wrappers', () => {
    const loop: { formula: string; result?: unknown } = { formula: 'A1' };
    loop.result = loop;
    expect(plainCellValue(loop)).toBeNull();
  });

  it('never throws and returns only plain shapes (property)', () => {
    fc.assert(
      fc.property(
        fc.anything({ withDate: true, withBigInt: true, withBoxedValues: true, withMap: true }),
        (v) => {
          const p = plainCellValue(v);
          const plain =
            p === null ||
            ['string', 'number', 'boolean'].includes(typeof p) ||
            p instanceof Date ||
            (typeof p === 'object' && typeof p.error === 'string');
          expect(plain).toBe(true);
        },
      ),
    );
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.anything({ withDate: true }), (v) => {
        const once = plainCellValue(v);
        expect(plainCellValue(once)).toEqual(once);
      }),
    );
  });
});

describe('isErrorValue', () => {
  it.each<[unknown, boolean]>([
    [{ error: '#N/A' }, true],
    ['#DIV/0!', true],
    [{ formula: 'X', result: { error: '#REF!' } }, true],
    ['N/A', false],
    [null, false],
    [new Date(0), false],
    [0, false],
  ])('%j -> %s', (input, expected) => {
    expect(isErrorValue(input)).toBe(expected);
  });
});
