import { describe, expect, it } from 'vitest';
import { validateRow } from '../ledgers/define.js';
import { members } from '../ledgers/members.js';
import { welfare } from '../ledgers/welfare.js';
import { demoSettings } from '../settings/index.js';
import { detectLayout } from './detect.js';
import { maskIdentity, readRows, type SheetRow } from './rows.js';
import { proposalsSheet, usedRange, welfareSheet } from './testing.js';

const UUID = '0b6c3a52-3f0e-4c55-9f36-0d9a3c7e1a01';

describe('readRows: a 慰问台账', () => {
  const used = welfareSheet();
  const layout = detectLayout(used, { sheetName: '慰问' });
  const rows = readRows(used, layout);

  it('keeps the data rows and skips the blank row, the 合计 row and the 填表人 line', () => {
    expect(rows.map((r) => r.sheetRow)).toEqual([4, 5, 7]);
    expect(rows.every((r) => r.rowId === null && r.rev === null && !r.cleared)).toBe(true);
  });

  it('gives cells by field key (bound fields only) and the headers as typed', () => {
    const r = rows[1]!;
    expect(r.raw.cells).toEqual({
      date: 45000,
      staffNo: '20160018',
      name: '李 四',
      unit: '机电学院',
      type: '生病住院慰问',
      festival: null,
      form: '慰问金',
      amount: '1,000.00元',
      reason: '住院手术',
      signed: '√',
      remarks: '住院十天',
    });
    expect(r.raw.headers).toMatchObject({ date: '慰问日期', amount: '金额（元）', signed: '本人签收' });
    expect(Object.keys(r.raw.cells)).not.toContain('serial');
  });

  it('gives rows the ledger validates', () => {
    const verdict = validateRow(welfare, rows[0]!.raw, { settings: demoSettings, today: '2024-01-15' });
    expect(verdict.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(verdict.fields).toMatchObject({
      date: '2023-01-16',
      staffNo: '20150032',
      type: '节日慰问',
      amount: 30000,
    });
  });
});

describe('readRows: ids, blank and cleared rows', () => {
  const used = usedRange(
    [
      ['慰问日期', '工号', '姓名', '慰问类别', '慰问形式', '金额', '同步状态', '_id', '_rev'],
      ['2023-05-01', '20150032', '张三', '生日慰问', '蛋糕券', 200, '已新增', UUID, '"00001"'],
      [null, null, null, null, null, null, '已新增', '1f1c1e4a-0000-4000-8000-000000000002', '"00002"'],
      [null, null, null, null, null, null, null, null, null],
      ['2023-05-02', '20150033', '李四', '生日慰问', '蛋糕券', 200, null, '手填的', null],
      ['  ', null, '', null, null, null, '备注在未知列', null, null],
    ],
    [],
  );
  const layout = detectLayout(used, { sheetName: '慰问' });
  const rows = readRows(used, layout);

  it('reads the id and the revision, and marks a row whose bound cells were all cleared', () => {
    expect(rows.map((r) => [r.sheetRow, r.rowId, r.rev, r.cleared])).toEqual([
      [2, UUID, '"00001"', false],
      [3, '1f1c1e4a-0000-4000-8000-000000000002', '"00002"', true],
      // Text that is not a row id in `_id` is not ours: the row is new.
      [5, null, null, false],
    ]);
  });

  it('skips blank rows without an id, whatever the status and unknown columns hold', () => {
    expect(rows.find((r) => r.sheetRow === 6)).toBeUndefined();
  });
});

describe('readRows: merged cells, totals and footers', () => {
  it('gives a vertically merged 所属工会 to every row it covers', () => {
    const used = usedRange(
      [
        ['所属工会', '慰问日期', '工号', '姓名', '慰问类别', '慰问形式', '金额'],
        ['机电学院工会', '2023-05-01', 'A001', '张三', '生日慰问', '蛋糕券', 200],
        [null, '2023-05-02', 'A002', '李四', '生日慰问', '蛋糕券', 200],
        ['合 计', null, null, null, null, null, 400],
        ['小计：', null, null, null, null, null, 400],
      ],
      ['A2:A3'],
    );
    const rows = readRows(used, detectLayout(used, { sheetName: '慰问' }));
    expect(rows.map((r) => r.raw.cells.unit)).toEqual(['机电学院工会', '机电学院工会']);
  });

  it('keeps a row beginning with 负责人 when it has two bound values or more', () => {
    const used = usedRange([
      ['序号', '活动名称', '活动类别', '活动级别', '开始日期', '主讲人'],
      [1, '负责人培训班', '干部培训', '校级', '2023-06-01', '王五'],
      ['负责人：王五', null, null, null, null, null],
      [null, '联系人：赵六', null, null, null, null],
    ]);
    const rows = readRows(used, detectLayout(used, { sheetName: '活动' }));
    expect(rows.map((r) => r.sheetRow)).toEqual([2]);
  });

  it('gives nothing without a header row', () => {
    const used = usedRange([['a', 'b']]);
    expect(readRows(used, detectLayout(used, { sheetName: 'x' }))).toEqual([]);
  });
});

describe('readRows: §4.5 name with staff number', () => {
  it('splits 张三（20150032） when the sheet has no 工号 column', () => {
    const used = usedRange([
      ['慰问日期', '姓名', '慰问类别', '慰问形式', '金额'],
      ['2023-05-01', '张三（20150032）', '生日慰问', '蛋糕券', 200],
      ['2023-05-01', '李四(20160018)', '生日慰问', '蛋糕券', 200],
      ['2023-05-01', '王芳', '生日慰问', '蛋糕券', 200],
    ]);
    const rows = readRows(used, detectLayout(used, { sheetName: '慰问' }));
    expect(rows.map((r) => [r.raw.cells.name, r.raw.cells.staffNo])).toEqual([
      ['张三', '20150032'],
      ['李四', '20160018'],
      ['王芳', undefined],
    ]);
    // The 工号 header is the canonical one in messages: the sheet has no such column.
    expect(rows[0]!.raw.headers).not.toHaveProperty('staffNo');
  });

  it('leaves the name alone when the sheet has a 工号 column', () => {
    const used = usedRange([
      ['慰问日期', '工号', '姓名', '慰问类别', '慰问形式', '金额'],
      ['2023-05-01', null, '张三（20150032）', '生日慰问', '蛋糕券', 200],
    ]);
    const [row] = readRows(used, detectLayout(used, { sheetName: '慰问' }));
    expect(row!.raw.cells).toMatchObject({ name: '张三（20150032）', staffNo: null });
  });

  it('splits the proposer of a 提案 sheet without a 提案人工号 column', () => {
    const used = usedRange([
      ['提案编号', '案由', '提案人', '提交日期'],
      ['T2023-01', '关于食堂的建议', '张三（20150032）', '2023-03-01'],
    ]);
    const [row] = readRows(used, detectLayout(used, { sheetName: '提案' }));
    expect(row!.raw.cells).toMatchObject({ proposer: '张三', proposerNo: '20150032' });
  });

  it('reads a two-row header sheet from the row below the lower header row', () => {
    const used = proposalsSheet();
    const rows = readRows(used, detectLayout(used, { sheetName: '提案' }));
    expect(rows.map((r) => [r.sheetRow, r.raw.cells.proposer, r.raw.cells.proposerNo])).toEqual([
      [4, '张三', '20150032'],
      [5, '李四', '20160018'],
    ]);
    expect(rows[0]!.raw.headers).toMatchObject({ proposer: '姓名', proposerNo: '工号' });
  });
});

describe('readRows: a header row with cells merged down over a sub-header row', () => {
  it('starts the data below the merges', () => {
    const used = usedRange(
      [
        ['提案编号', '案由', '提案人', '提交日期', '附议人', null],
        [null, null, null, null, '1', '2'],
        ['T2023-01', '关于食堂的建议', '张三', '2023-03-01', '李四', '王芳'],
      ],
      ['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:F1'],
    );
    const layout = detectLayout(used, { sheetName: '提案' });
    // The upper row binds 附议人 on its own; the lower one cannot (附议人1): the upper row wins.
    expect(layout.headerRow).toBe(1);
    expect(readRows(used, layout).map((r) => [r.sheetRow, r.raw.cells.no])).toEqual([[3, 'T2023-01']]);
  });
});

describe('maskIdentity (§4.6)', () => {
  const used = usedRange([
    ['工号', '姓名', '性别', '所属分工会', '入会日期', '*身份证号'],
    ['20150032', '张三', '男', '机电', '2015-09-01', '500101199001011234'],
    ['20160018', '李四', '女', '机电', '2016-09-01', '**************567x'],
    ['20170021', '王芳', '女', '机电', '2017-09-01', '123X'],
    ['20170022', '赵六', '女', '机电', '2017-09-01', null],
  ]);
  const rows = readRows(used, detectLayout(used, { sheetName: '会员名册' }));

  it('sends only the last four characters of a full number and warns with the header as typed', () => {
    const { row, issues } = maskIdentity(rows[0]!);
    expect(row.raw.cells.idLast4).toBe('1234');
    expect(issues).toEqual([
      {
        field: 'idLast4',
        severity: 'warning',
        code: 'idLast4.masked',
        message: '「身份证号」含完整证件号码，仅上传后四位，建议在表格中脱敏',
      },
    ]);
    // The row read from the sheet is not changed.
    expect(rows[0]!.raw.cells.idLast4).toBe('500101199001011234');
    expect(
      validateRow(members, row.raw, { settings: demoSettings, today: '2024-01-15' }).fields?.idLast4,
    ).toBe('1234');
  });

  it('shortens a number our pull masked without a warning', () => {
    const { row, issues } = maskIdentity(rows[1]!);
    expect(row.raw.cells.idLast4).toBe('567X');
    expect(issues).toEqual([]);
  });

  it('leaves four characters or a blank cell as they are', () => {
    for (const r of [rows[2]!, rows[3]!]) expect(maskIdentity(r)).toEqual({ row: r, issues: [] });
  });

  it('does nothing on a ledger without an identity field', () => {
    const row: SheetRow = {
      sheetRow: 2,
      rowId: null,
      rev: null,
      raw: { cells: { name: '123456789' } },
      cleared: false,
    };
    expect(maskIdentity(row).row).toBe(row);
  });
});

describe('readRows: note rows are not data (issue 18)', () => {
  const headers = ['姓名', '性别', '证件号码', '入会日期', '工号', '所属工会'];
  const note =
    '填表说明：1.会籍变化类型填写：入会、转入、转出、退会、除名；2.证件号码填写18位居民身份证号码，如460100199001011234。';

  it('skips a note merged across the table, below the data and on its own', () => {
    const used = usedRange(
      [
        headers,
        ['王伟', '男', '460100198805121234', '2023-09-01', '20230101', '机电学院'],
        [null, null, null, null, null, null],
        [note, null, null, null, null, null],
        [null, null, null, null, null, null],
      ],
      ['A4:F5'],
    );
    const rows = readRows(used, detectLayout(used, { sheetName: '会员名册' }));
    expect(rows.map((r) => r.sheetRow)).toEqual([2]);
  });

  it('skips a 注： line written in one cell, but not a row merged over part of the table', () => {
    const used = usedRange(
      [
        headers,
        ['王伟', '男', '460100198805121234', '2023-09-01', '20230101', '机电学院'],
        ['注：本表由分工会填写，12月10日前报校工会。', null, null, null, null, null],
        ['李芳', '女', '460100199203081246', '2023-10-15', '20230102', '机电学院'],
        ['说明：已离职人员不填', null, null, null, null, null],
      ],
      ['E4:F4'],
    );
    const rows = readRows(used, detectLayout(used, { sheetName: '会员名册' }));
    expect(rows.map((r) => r.sheetRow)).toEqual([2, 4]);
  });
});
