import { describe, expect, it } from 'vitest';
import { isNoteLabel, isSignatureLabel, isTotalLabel } from './footer.js';

describe('isTotalLabel (§4.7)', () => {
  it.each<[unknown, boolean]>([
    ['合计', true],
    ['合 计', true],
    ['合\u3000计', true],
    ['  小计：', true],
    ['总计', true],
    ['共计 3 人', true],
    [{ richText: [{ text: '合' }, { text: '计' }] }, true],
    ['合作计划', false],
    ['计划合计', false],
    ['张三', false],
    [null, false],
    [100, false],
  ])('%j -> %s', (input, expected) => {
    expect(isTotalLabel(input)).toBe(expected);
  });
});

describe('isSignatureLabel (§4.7)', () => {
  it.each<[unknown, boolean]>([
    ['填表人：王五', true],
    ['制表人', true],
    ['审核人：', true],
    ['负责人:李四', true],
    ['联系人：赵六 13800000000', true],
    ['填 表 人：王五', true],
    ['  填表人', true],
    ['王五（填表人）', false],
    ['填表日期', false],
    [null, false],
  ])('%j -> %s', (input, expected) => {
    expect(isSignatureLabel(input)).toBe(expected);
  });
});

describe('isNoteLabel (issue 18)', () => {
  it.each<[unknown, boolean]>([
    ['注：本表由分工会填写', true],
    ['注:本表由分工会填写', true],
    ['填表说明：1.会籍变化类型填写：入会、转入', true],
    ['说 明：已离职人员不填', true],
    ['备注：', true],
    ['注意安全', false],
    ['说明书', false],
    ['张三', false],
    [null, false],
  ])('%j -> %j', (v, expected) => {
    expect(isNoteLabel(v)).toBe(expected);
  });
});
