import { describe, expect, it } from 'vitest';
import { demoSettings } from '../settings/index.js';
import { detectLayout } from './detect.js';
import { proposalsSheet, usedRange, welfareSheet } from './testing.js';

const fieldsOf = (l: { columns: { col: number; field: string }[] }): Record<string, number> =>
  Object.fromEntries(l.columns.map((c) => [c.field, c.col]));

describe('detectLayout: a 慰问台账 with title rows', () => {
  const layout = detectLayout(welfareSheet(), { sheetName: '2023慰问' });

  it('finds the kind and the header row below the merged title and the 填报单位 line', () => {
    expect(layout.kind).toBe('welfare');
    expect(layout.headerRow).toBe(3);
  });

  it('binds the columns, with the headers as typed', () => {
    expect(fieldsOf(layout)).toEqual({
      date: 2,
      staffNo: 3,
      name: 4,
      unit: 5,
      type: 6,
      festival: 7,
      form: 8,
      amount: 9,
      reason: 10,
      signed: 11,
      remarks: 13,
    });
    const header = (f: string) => layout.columns.find((c) => c.field === f)?.header;
    expect(header('date')).toBe('慰问日期');
    expect(header('amount')).toBe('金额（元）');
    expect(header('signed')).toBe('本人签收');
  });

  it('keeps the unknown column and ignores 序号', () => {
    expect(layout.unknownColumns).toEqual([{ col: 12, header: '联系电话' }]);
    expect(layout.serialColumns).toEqual([1]);
    expect([layout.idCol, layout.revCol, layout.statusCol]).toEqual([null, null, null]);
  });

  it('reports the candidates, best first', () => {
    expect(layout.candidates[0]).toMatchObject({
      kind: 'welfare',
      score: 7,
      matched: 11,
      required: 4,
      requiredTotal: 4,
      headerRow: 3,
      hinted: true,
      eligible: true,
    });
    for (let i = 1; i < layout.candidates.length; i++)
      expect(layout.candidates[i]!.score).toBeLessThanOrEqual(layout.candidates[i - 1]!.score);
  });
});

describe('detectLayout: a two-row header (提案人 over 姓名 / 工号)', () => {
  const layout = detectLayout(proposalsSheet(), { sheetName: 'Sheet1' });

  it('takes the lower row as the header row and binds group + sub-header', () => {
    expect(layout.kind).toBe('proposals');
    expect(layout.headerRow).toBe(3);
    expect(layout.columns).toEqual([
      { col: 2, field: 'no', header: '提案编号' },
      { col: 3, field: 'title', header: '案由' },
      { col: 4, field: 'proposer', header: '姓名' },
      { col: 5, field: 'proposerNo', header: '工号' },
      { col: 6, field: 'delegation', header: '代表团' },
      { col: 7, field: 'seconders', header: '附议人' },
      { col: 8, field: 'submitDate', header: '提交日期' },
      { col: 9, field: 'review', header: '审查结果' },
    ]);
    expect(layout.serialColumns).toEqual([1]);
    expect(layout.unknownColumns).toEqual([]);
  });
});

describe('detectLayout: kinds of other ledgers', () => {
  it.each<[string, unknown[], string]>([
    [
      'activities',
      ['活动名称', '活动类别', '活动级别', '组织单位', '活动日期', '地点', '参与人次', '经费（元）', '备注'],
      '活动',
    ],
    ['expenses', ['日期', '凭证号', '支出科目', '摘要', '金额', '经办人', '审批人'], '2023'],
    ['budget', ['年度', '预算单位', '预算科目', '预算金额（元）', '测算依据'], '预算'],
    [
      'members',
      ['工号', '姓名', '性别', '所属分工会', '入会日期', '教代会代表', '身份证号', '手机号码'],
      'Sheet1',
    ],
    ['checkups', ['体检日期', '工号', '姓名', '所属工会', '体检套餐', '体检机构'], 'Sheet1'],
    ['meetings', ['会议名称', '会议类型', '会议日期', '议题', '议题类型', '审议方式'], 'Sheet1'],
  ])('%s', (kind, headers, sheetName) => {
    const layout = detectLayout(usedRange([headers, headers.map(() => null)]), { sheetName });
    expect(layout.kind).toBe(kind);
    expect(layout.headerRow).toBe(1);
    expect(layout.unknownColumns).toEqual([]);
  });

  it('works in sheet coordinates when the used range does not start at A1', () => {
    const layout = detectLayout(
      usedRange(
        [
          ['2023年经费预算表', null, null, null],
          ['年度', '预算单位', '预算科目', '预算金额'],
          [2023, '机电学院工会', '文体活动费', 12000],
        ],
        ['C3:F3'],
        3,
        3,
      ),
      { sheetName: 'x' },
    );
    expect(layout.kind).toBe('budget');
    expect(layout.headerRow).toBe(4);
    expect(fieldsOf(layout)).toEqual({ year: 3, unit: 4, account: 5, amount: 6 });
  });

  it('on a tie between header rows takes the lower one', () => {
    const headers = ['慰问日期', '工号', '姓名', '慰问类别', '慰问形式', '金额'];
    const layout = detectLayout(usedRange([headers, headers]), { sheetName: 'x' });
    expect(layout.headerRow).toBe(2);
  });

  it('reads a rich-text header and a header in a merged cell', () => {
    const layout = detectLayout(
      usedRange([
        [{ richText: [{ text: '*慰问' }, { text: '日期' }] }, '工号', '姓名', '慰问类别', '慰问形式', '金额'],
      ]),
      { sheetName: 'x' },
    );
    expect(layout.kind).toBe('welfare');
    expect(layout.columns[0]).toEqual({ col: 1, field: 'date', header: '慰问日期' });
  });

  it('finds our own columns in the header row', () => {
    const layout = detectLayout(
      usedRange([['慰问日期', '工号', '姓名', '慰问类别', '慰问形式', '金额', '同步状态', '_id', '_rev']]),
      { sheetName: 'x' },
    );
    expect([layout.idCol, layout.revCol, layout.statusCol]).toEqual([8, 9, 7]);
    expect(layout.unknownColumns).toEqual([]);
  });
});

describe('detectLayout: ties and doubt (Kind detection convention)', () => {
  // welfare (日期, 金额), checkups (日期, 金额→体检费用) and expenses (日期, 金额) all score 2.
  const tied = ['日期', '工号', '姓名', '所属工会', '金额'];

  it('a tie without a name hint gives no kind', () => {
    const layout = detectLayout(usedRange([tied]), { sheetName: 'Sheet1' });
    expect(layout.kind).toBeNull();
    expect(layout.headerRow).toBeNull();
    expect(layout.columns).toEqual([]);
    expect(
      layout.candidates
        .filter((c) => c.score === 2)
        .map((c) => c.kind)
        .sort(),
    ).toEqual(['checkups', 'expenses', 'welfare']);
  });

  it('a tie is broken by the sheet name', () => {
    expect(detectLayout(usedRange([tied]), { sheetName: '体检' }).kind).toBe('checkups');
    expect(detectLayout(usedRange([tied]), { sheetName: '送温暖' }).kind).toBe('welfare');
  });

  it('a tie is broken by a title row', () => {
    const layout = detectLayout(
      usedRange([['2023年教职工体检名单', null, null, null, null], tied], ['A1:E1']),
      {
        sheetName: 'Sheet1',
      },
    );
    expect(layout.kind).toBe('checkups');
    expect(layout.headerRow).toBe(2);
  });

  it('two hinted ledgers in a tie still give no kind', () => {
    expect(detectLayout(usedRange([tied]), { sheetName: '体检支出' }).kind).toBeNull();
  });

  it('the highest score must cover half of its required fields, or no kind', () => {
    // welfare scores 4 (日期, 事由, 经办人, 批次) but has only 1 of its 4 non-common required
    // fields; expenses (2 of 4) scores 3: the sheet is not confidently either.
    const layout = detectLayout(usedRange([['日期', '工号', '姓名', '所属工会', '事由', '经办人', '批次']]), {
      sheetName: 'Sheet1',
    });
    expect(layout.candidates[0]).toMatchObject({ kind: 'welfare', score: 4, eligible: false });
    expect(layout.kind).toBeNull();
  });

  it('an unrelated sheet gives no kind and no candidates', () => {
    const layout = detectLayout(
      usedRange([
        ['课程', '学分', '教室'],
        ['高数', 4, 'A101'],
      ]),
      { sheetName: '课表' },
    );
    expect(layout.kind).toBeNull();
    expect(layout.candidates).toEqual([]);
  });

  it('an empty sheet gives no kind', () => {
    expect(detectLayout(usedRange([]), { sheetName: 'Sheet1' }).kind).toBeNull();
  });
});

describe('detectLayout: a kind given by the user', () => {
  it('is used instead of detection', () => {
    const layout = detectLayout(usedRange([['日期', '工号', '姓名', '所属工会', '金额']]), {
      sheetName: 'Sheet1',
      kind: 'welfare',
    });
    expect(layout.kind).toBe('welfare');
    expect(layout.headerRow).toBe(1);
    expect(fieldsOf(layout)).toEqual({ date: 1, staffNo: 2, name: 3, unit: 4, amount: 5 });
  });

  it('accepts a header row with two matches even below half of the required fields', () => {
    const layout = detectLayout(usedRange([['说明文字'], ['日期', '金额', '其他']]), {
      sheetName: 'Sheet1',
      kind: 'welfare',
    });
    expect(layout.headerRow).toBe(2);
    expect(layout.unknownColumns).toEqual([{ col: 3, header: '其他' }]);
  });

  it('without two matches has no header row', () => {
    const layout = detectLayout(usedRange([['日期', '其他']]), { sheetName: 'Sheet1', kind: 'welfare' });
    expect(layout).toMatchObject({ kind: 'welfare', headerRow: null, columns: [] });
  });

  it('applies the binding overrides of the state sheet', () => {
    const layout = detectLayout(
      usedRange([['慰问日期', '工号', '姓名', '慰问类别', '慰问形式', '金额', '发放金额']]),
      {
        sheetName: '慰问',
        bindings: { amount: 7, nope: 1, type: 99 },
      },
    );
    expect(fieldsOf(layout)).toMatchObject({ amount: 7, type: 4 });
    expect(layout.columns.find((c) => c.col === 7)?.header).toBe('发放金额');
    expect(layout.unknownColumns).toEqual([{ col: 6, header: '金额' }]);
  });
});

describe('detectLayout: evidence a person would agree with (issue 18)', () => {
  // A monthly sign-in sheet: 日期, 星期, 姓名 merged over three header rows, 上午/下午 › 上班/下班 › 时间/签名.
  const attendance = (title: string) =>
    usedRange(
      [
        [title, null, null, null, null, null, null, null, null, null, null],
        ['日期', '星期', '姓名', '上午', null, null, null, '下午', null, null, null],
        [null, null, null, '上班', null, '下班', null, '上班', null, '下班', null],
        [null, null, null, '时间', '签名', '时间', '签名', '时间', '签名', '时间', '签名'],
        [45110, '一', '王伟', '08:01', null, '12:00', null, '14:30', null, '17:31', null],
      ],
      ['A1:K1', 'A2:A4', 'B2:B4', 'C2:C4', 'D2:G2', 'H2:K2', 'D3:E3', 'F3:G3', 'H3:I3', 'J3:K3'],
    );

  it('does not take an attendance sheet for a 体检名单 on 日期 + 姓名 alone', () => {
    const layout = detectLayout(attendance('员工考勤签到表（2023年1月）'), { sheetName: '2023年1月' });
    expect(layout.kind).toBeNull();
    expect(layout.candidates[0]).toMatchObject({
      kind: 'checkups',
      eligible: true,
      evidence: [],
      recognisable: false,
    });
    expect(layout.detection.source).toBe('none');
    expect(layout.detection.reason).toBe(
      '未识别：「体检名单」只匹配到通用的 日期、姓名，没有该台账特有的列，表名和标题也未提到该台账',
    );
  });

  it('still recognises the same headers when the title names the ledger', () => {
    const layout = detectLayout(attendance('2023年教职工体检签到表'), { sheetName: 'Sheet1' });
    expect(layout.kind).toBe('checkups');
    expect(layout.detection.reason).toContain('表名或标题含台账名称');
  });

  it('explains a detection: matched, specific and missing headers', () => {
    const layout = detectLayout(usedRange([['体检日期', '姓名', '体检套餐', '体检机构', '备注']]), {
      sheetName: 'Sheet1',
    });
    expect(layout.kind).toBe('checkups');
    expect(layout.detection).toEqual({
      source: 'detected',
      matched: [
        { header: '体检日期', field: 'date', canonical: '体检日期' },
        { header: '姓名', field: 'name', canonical: '姓名' },
        { header: '体检套餐', field: 'package', canonical: '体检套餐' },
        { header: '体检机构', field: 'institution', canonical: '体检机构' },
        { header: '备注', field: 'remarks', canonical: '备注' },
      ],
      evidence: ['体检日期', '体检套餐', '体检机构'],
      missing: ['工号', '所属工会'],
      reason:
        '识别为「体检名单」：表头在第1行，匹配 体检日期、姓名、体检套餐、体检机构、备注；其中「体检日期」「体检套餐」「体检机构」为该台账特有；缺少必填列：工号、所属工会',
    });
  });

  it('says why a chosen kind has no header row', () => {
    const layout = detectLayout(usedRange([['发票号', '事项']]), { sheetName: 'Sheet1', kind: 'expenses' });
    expect(layout.headerRow).toBeNull();
    expect(layout.detection.source).toBe('chosen');
    expect(layout.detection.reason).toBe(
      '指定为「支出明细账」，但前10行中没有表头行：需有至少两列表头与该台账相符（如：日期、所属工会、支出科目、摘要、金额）',
    );
  });
});

describe('detectLayout: the provincial member form (issue 18)', () => {
  const headers = [
    '姓名',
    '性别',
    '出生日期（格式：yyyy/MM/dd）',
    '民族',
    '证件号码\n(填写18位身份证)',
    '移动电话',
    '会籍变化类型',
    '会籍变化日期（格式：yyyy/MM/dd）',
    '工作单位',
    '是否农民工会员\n填写“是”或“否”',
  ];
  const form = (unit: string) =>
    usedRange(
      [
        ['海南省工会会员信息采集表', ...headers.slice(1).map(() => null)],
        ['基层工会名称（盖章）：', ...headers.slice(1).map(() => null)],
        headers.map(() => null),
        headers,
        [
          '王伟',
          '男',
          '1988/05/12',
          '汉族',
          '460100198805121234',
          '13800000001',
          '入会',
          '2023/09/01',
          unit,
          '否',
        ],
      ],
      ['A1:J1', 'A2:J2'],
    );
  const context = { settings: demoSettings, today: '2024-01-15' };

  it('is a 工会会员名册 with its header on row 4, instructions below names ignored', () => {
    const layout = detectLayout(form('机电学院'), { sheetName: '会员信息' });
    expect(layout.kind).toBe('members');
    expect(layout.headerRow).toBe(4);
    expect(fieldsOf(layout)).toEqual({
      name: 1,
      gender: 2,
      birthMonth: 3,
      ethnicity: 4,
      idLast4: 5,
      phone: 6,
      membershipChange: 7,
      membershipChangeDate: 8,
      migrantWorker: 10,
    });
    // 会籍变化日期 stands for 入会日期; without the organisation 工作单位 stays a column of its own.
    expect(layout.detection.missing).toEqual(['工号', '所属工会']);
    expect(layout.unknownColumns).toEqual([{ col: 9, header: '工作单位' }]);
  });

  it('binds 工作单位 as 所属工会 where it names units of the organisation, else keeps it', () => {
    const named = detectLayout(form('机电学院'), { sheetName: '会员信息', context });
    expect(fieldsOf(named).unit).toBe(9);
    expect(named.detection.missing).toEqual(['工号']);
    const company = detectLayout(form('海口某某科技有限公司'), { sheetName: '会员信息', context });
    expect(fieldsOf(company).unit).toBeUndefined();
    expect(company.unknownColumns).toEqual([{ col: 9, header: '工作单位' }]);
  });

  it('reads HR headers with an English tail', () => {
    const layout = detectLayout(
      usedRange([
        ['工号_job_number', '姓名_real_name', '性别_gender', '身份证号_id_card_no', '入会日期_join_date'],
      ]),
      { sheetName: 'Sheet1' },
    );
    expect(layout.kind).toBe('members');
    expect(fieldsOf(layout)).toEqual({ staffNo: 1, name: 2, gender: 3, idLast4: 4, joinDate: 5 });
  });
});
