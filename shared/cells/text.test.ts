import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlank, normalizeName, normalizeText } from './text.js';

// Characters that exercise every rule: full-width ASCII, both spaces, line breaks, dots.
const messy = fc.string({
  unit: fc.constantFrom(
    ' ',
    '\u3000',
    '\n',
    '\t',
    '\u00a0',
    '\u200b',
    'Ａ',
    '１',
    '（',
    '，',
    'a',
    '1',
    '张',
    '·',
    '•',
    '．',
    '.',
  ),
});

describe('normalizeText (§4.1)', () => {
  it.each<[string, unknown, string | null]>([
    ['trims', '  张三  ', '张三'],
    ['full-width letters and digits', 'ＡＢＣ１２３', 'ABC123'],
    ['full-width brackets, colon and comma', '（备注）：１，２', '(备注):1,2'],
    ['ideographic space', '张\u3000三', '张 三'],
    ['collapses inner whitespace and line breaks', 'a  b\n\nc\t d', 'a b c d'],
    ['removes zero-width characters', '张\u200b三\ufeff', '张三'],
    ['keeps other CJK punctuation', '张三、李四。', '张三、李四。'],
    ['blank string', '   ', null],
    ['ideographic spaces only', '\u3000\u3000', null],
    ['null', null, null],
    ['undefined', undefined, null],
    ['an integer, without .0', 20150032, '20150032'],
    ['a decimal', 120.5, '120.5'],
    ['a large number, without exponent', 1e21, '1000000000000000000000'],
    ['a boolean, as Excel shows it', true, 'TRUE'],
    ['a Date, as an ISO date', new Date(Date.UTC(2023, 2, 8)), '2023-03-08'],
    ['rich text', { richText: [{ text: ' 机电' }, { text: '学院 ' }] }, '机电学院'],
    ['a formula result', { formula: 'A1', result: ' x ' }, 'x'],
    ['a hyperlink', { text: '链接', hyperlink: 'https://a' }, '链接'],
    ['an error value, as its text (callers check isErrorValue)', { error: '#N/A' }, '#N/A'],
  ])('%s', (_, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.oneof(messy, fc.string({ unit: 'grapheme' })), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });

  it('leaves no full-width ASCII, no double or edge space (property)', () => {
    fc.assert(
      fc.property(messy, (s) => {
        const t = normalizeText(s);
        if (t === null) return;
        expect(t).not.toMatch(/[\uFF01-\uFF5E\u3000]|\s\s|^\s|\s$/);
      }),
    );
  });
});

describe('normalizeName (§4.1)', () => {
  it.each<[unknown, string | null]>([
    ['张 三', '张三'],
    [' 张\u3000三 ', '张三'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['阿依古丽•买买提', '阿依古丽·买买提'],
    ['阿依古丽・买买提', '阿依古丽·买买提'],
    ['阿依古丽．买买提', '阿依古丽·买买提'],
    ['阿依古丽.买买提', '阿依古丽·买买提'],
    ['ＬＩ Ｍｉｎｇ', 'LIMing'],
    ['', null],
    ['   ', null],
    [null, null],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeName(input)).toBe(expected);
  });

  it('is idempotent and has no spaces (property)', () => {
    fc.assert(
      fc.property(messy, (s) => {
        const once = normalizeName(s);
        expect(normalizeName(once)).toBe(once);
        expect(once ?? '').not.toMatch(/\s/);
      }),
    );
  });
});

describe('isBlank', () => {
  it.each<[unknown, boolean]>([
    [null, true],
    [undefined, true],
    ['', true],
    ['  \n ', true],
    ['\u3000', true],
    [{ richText: [{ text: ' ' }, { text: '\u3000' }] }, true],
    [{ formula: 'A1' }, true],
    ['0', false],
    [0, false],
    [false, false],
    [new Date(0), false],
    [{ error: '#N/A' }, false],
    ['x', false],
  ])('%j -> %s', (input, expected) => {
    expect(isBlank(input)).toBe(expected);
  });
});
