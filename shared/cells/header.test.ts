import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayHeader, headerFirstLine, normalizeHeader } from './header.js';

describe('normalizeHeader (§4.7)', () => {
  it.each<[unknown, string]>([
    ['金额', '金额'],
    ['  金 额 ', '金额'],
    ['慰问\n日期', '慰问日期'],
    ['慰问\r\n日期', '慰问日期'],
    ['*姓名', '姓名'],
    ['姓名*', '姓名'],
    ['＊姓名', '姓名'],
    ['**姓名', '姓名'],
    ['金额（元）', '金额'],
    ['金额(元)', '金额'],
    ['工号（必填）', '工号'],
    ['慰问日期（yyyy-mm-dd）', '慰问日期'],
    ['金额[元]', '金额'],
    ['金额【元】', '金额'],
    ['*金额（元）', '金额'],
    ['金额（元）*', '金额'],
    ['金额*（元）', '金额'],
    ['金额\n（元）', '金额'],
    ['金额(元)(必填)', '金额(元)'],
    ['工会（分会）名称', '工会(分会)名称'],
    ['（元）', '(元)'],
    ['ＩＤ', 'ID'],
    [{ richText: [{ text: '*姓' }, { text: '名' }] }, '姓名'],
    [null, ''],
    [undefined, ''],
    [12, '12'],
    // HR systems append the field's English name (issue 18).
    ['姓名_real_name', '姓名'],
    ['身份证号_id_card_no', '身份证号'],
    ['联系方式_mobile', '联系方式'],
    ['金额（元）_amount', '金额'],
    ['_id', '_id'],
    ['id_card_no', 'id_card_no'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeHeader(input)).toBe(expected);
  });

  it('never leaves whitespace or an edge star (property)', () => {
    const unit = fc.constantFrom(' ', '\n', '*', '＊', '（', '）', '(', ')', '元', '金', '额', '\u3000');
    fc.assert(
      fc.property(fc.string({ unit }), (s) => {
        const h = normalizeHeader(s);
        expect(h).not.toMatch(/\s|^\*|\*$/);
      }),
    );
  });
});

describe('displayHeader (settled conventions)', () => {
  it.each<[unknown, string]>([
    ['金额（元）', '金额（元）'],
    [' *金额（元） ', '金额（元）'],
    ['金额（元）*', '金额（元）'],
    ['＊慰问日期', '慰问日期'],
    ['慰问\n日期', '慰问日期'],
    ['慰问\r\n日期', '慰问日期'],
    ['* 姓名', '姓名'],
    ['金　额', '金　额'],
    [null, ''],
  ])('%j -> %j', (input, expected) => {
    expect(displayHeader(input)).toBe(expected);
  });
});

describe('headerFirstLine: a header with an instruction below its name (issue 18)', () => {
  it.each<[unknown, string | null]>([
    ['是否农民工会员\n填写“是”或“否”', '是否农民工会员'],
    ['证件号码\r\n(填写18位身份证)', '证件号码'],
    [{ richText: [{ text: '民族\n' }, { text: '（汉族填汉）' }] }, '民族'],
    ['姓名', null],
    [null, null],
  ])('%j -> %j', (input, expected) => {
    expect(headerFirstLine(input)).toBe(expected);
  });
});
