import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitList, splitNameAndStaffNo, staffNoText } from './person.js';

describe('staffNoText (§4.5)', () => {
  it.each<[unknown, string | null]>([
    [20150032, '20150032'],
    [{ formula: 'A1', result: 20150032 }, '20150032'],
    ['0015', '0015'],
    [' 2015 0032 ', '20150032'],
    ['Ｔ２０１５', 'T2015'],
    ['T2015', 'T2015'],
    [null, null],
    ['  ', null],
  ])('%j -> %j', (input, expected) => {
    expect(staffNoText(input)).toBe(expected);
  });

  it('gives any whole number as its digits, never with .0 or an exponent (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (n) => {
        expect(staffNoText(n)).toBe(String(n));
      }),
    );
  });
});

describe('splitNameAndStaffNo (§4.5)', () => {
  it.each<[unknown, { name: string; staffNo: string } | null]>([
    ['张三（20150032）', { name: '张三', staffNo: '20150032' }],
    ['张三(20150032)', { name: '张三', staffNo: '20150032' }],
    ['张 三 （ 20150032 ）', { name: '张三', staffNo: '20150032' }],
    ['阿依古丽•买买提(T2015)', { name: '阿依古丽·买买提', staffNo: 'T2015' }],
    ['张三（２０１５００３２）', { name: '张三', staffNo: '20150032' }],
    ['张三', null],
    ['张三（退休）', null],
    ['（20150032）', null],
    ['张三（20150032）备注', null],
    [null, null],
  ])('%j -> %j', (input, expected) => {
    expect(splitNameAndStaffNo(input)).toEqual(expected);
  });
});

describe('splitList (§4.5)', () => {
  it.each<[unknown, string[]]>([
    ['张三、李四', ['张三', '李四']],
    ['张三，李四,王五', ['张三', '李四', '王五']],
    ['张三；李四;王五', ['张三', '李四', '王五']],
    ['张三 李四\n王五', ['张三', '李四', '王五']],
    ['张三、、李四、', ['张三', '李四']],
    ['、张三', ['张三']],
    ['阿依古丽•买买提、张三', ['阿依古丽·买买提', '张三']],
    ['张三', ['张三']],
    ['', []],
    [null, []],
  ])('%j -> %j', (input, expected) => {
    expect(splitList(input)).toEqual(expected);
  });

  it('gives back any list of names joined by any separators (property)', () => {
    const name = fc.string({
      unit: fc.constantFrom('张', '三', '李', '四', '·'),
      minLength: 1,
      maxLength: 6,
    });
    const separator = fc.constantFrom('、', '，', ',', '；', ';', ' ', '\n', '、 ', '，，');
    fc.assert(
      fc.property(fc.array(fc.tuple(name, separator), { minLength: 1, maxLength: 8 }), (parts) => {
        const text = parts.map(([n, s]) => n + s).join('');
        expect(splitList(text)).toEqual(parts.map(([n]) => n));
      }),
    );
  });
});
