import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../cells/index.js';
import { ledgers, LEDGER_KINDS } from '../ledgers/index.js';
import { proposals } from '../ledgers/proposals.js';
import { welfare } from '../ledgers/welfare.js';
import { bindHeaderRow, headerIndex, specialColumn, type HeaderCell } from './headers.js';

const cells = (...values: unknown[]): HeaderCell[] => values.map((cell, i) => ({ col: i + 1, cell }));

describe('headerIndex', () => {
  it('maps headers and aliases in their normalised form to field keys', () => {
    const index = headerIndex(welfare);
    expect(index.get('慰问日期')).toBe('date');
    expect(index.get('发放日期')).toBe('date');
    expect(index.get(normalizeHeader('*金额（元）'))).toBe('amount');
    expect(index.get(normalizeHeader('慰问\n金额'))).toBe('amount');
    expect(index.get(normalizeHeader('本人\n签收'))).toBe('signed');
    expect(index.get('被慰问人')).toBe('name');
    expect(index.get('所在单位')).toBe('unit');
    expect(index.get('联系电话')).toBeUndefined();
  });

  it.each(LEDGER_KINDS)('%s: every field is found by its own header', (kind) => {
    const ledger = ledgers[kind];
    const index = headerIndex(ledger);
    for (const [key, field] of Object.entries(ledger.fields))
      expect(index.get(normalizeHeader(field.header))).toBe(key);
  });

  it('is cached per ledger', () => {
    expect(headerIndex(welfare)).toBe(headerIndex(welfare));
  });
});

describe('specialColumn', () => {
  it.each<[unknown, string | null]>([
    ['序号', 'serial'],
    [' 序 号 ', 'serial'],
    ['_id', 'id'],
    ['_ID', 'id'],
    ['_rev', 'rev'],
    ['同步状态', 'status'],
    ['姓名', null],
    [null, null],
  ])('%j -> %j', (cell, expected) => {
    expect(specialColumn(cell)).toBe(expected);
  });
});

describe('bindHeaderRow', () => {
  it('binds known headers, keeps unknown ones and recognises our own columns', () => {
    const b = bindHeaderRow(
      headerIndex(welfare),
      cells('序号', '*慰问日期', '姓名', null, '联系电话', '*金额（元）', '_id', '_rev', '同步状态'),
    );
    expect(b.columns).toEqual([
      { col: 2, field: 'date', header: '慰问日期' },
      { col: 3, field: 'name', header: '姓名' },
      { col: 6, field: 'amount', header: '金额（元）' },
    ]);
    expect(b.unknownColumns).toEqual([{ col: 5, header: '联系电话' }]);
    expect(b.serialColumns).toEqual([1]);
    expect([b.idCol, b.revCol, b.statusCol]).toEqual([7, 8, 9]);
  });

  it('lets the first of two columns naming one field win; the second is unknown', () => {
    const b = bindHeaderRow(headerIndex(welfare), cells('日期', '慰问日期', '金额'));
    expect(b.columns.map((c) => [c.col, c.field])).toEqual([
      [1, 'date'],
      [3, 'amount'],
    ]);
    expect(b.unknownColumns).toEqual([{ col: 2, header: '慰问日期' }]);
  });

  it('binds a two-row header: sub-header alone first, then group + sub-header', () => {
    const row: HeaderCell[] = [
      { col: 1, cell: '案由' },
      { col: 2, cell: '姓名', group: '提案人' },
      { col: 3, cell: '工号', group: '提案人' },
      { col: 4, cell: '电话', group: '提案人' },
    ];
    const b = bindHeaderRow(headerIndex(proposals), row);
    expect(b.columns).toEqual([
      { col: 1, field: 'title', header: '案由' },
      // 提案人 + 姓名 → 提案人姓名; the header as typed is the sub-header.
      { col: 2, field: 'proposer', header: '姓名' },
      // 工号 alone is an alias of proposerNo.
      { col: 3, field: 'proposerNo', header: '工号' },
    ]);
    expect(b.unknownColumns).toEqual([{ col: 4, header: '电话' }]);
  });

  it('prefers a later sub-header bound alone over an earlier group + sub-header', () => {
    const row: HeaderCell[] = [
      { col: 1, cell: '姓名', group: '提案人' },
      { col: 2, cell: '第一提案人' },
    ];
    const b = bindHeaderRow(headerIndex(proposals), row);
    expect(b.columns).toEqual([{ col: 2, field: 'proposer', header: '第一提案人' }]);
    expect(b.unknownColumns).toEqual([{ col: 1, header: '姓名' }]);
  });
});
