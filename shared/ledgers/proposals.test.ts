import { describe, expect, it } from 'vitest';
import { normalizeHeader } from '../cells/index.js';
import { demoSettings } from '../settings/index.js';
import { validateRow, type RawRow, type ValidationContext } from './define.js';
import type { Issue } from './issue.js';
import { proposals, proposalStatus, type ProposalRow } from './proposals.js';
import type { RosterEntry } from './roster.js';

function member(staffNo: string, name: string, isRep: boolean): RosterEntry {
  return {
    staffNo,
    name,
    unit: 'mech-info',
    gender: '女',
    birthMonth: null,
    joinDate: '2010-09-01',
    leaveDate: null,
    status: '在会',
    isRep,
    staffType: '专任教师',
    childrenUnder14: null,
  };
}

const roster = new Map([
  ['20150032', member('20150032', '张三', true)],
  ['20180007', member('20180007', '李四', false)],
]);
const ctx: ValidationContext = { settings: demoSettings, today: '2024-01-15', roster };

/** A motion that went the whole way: 立案, 交办, 答复, 满意, 办结. */
const closed = {
  no: '2023-001',
  title: '关于增设教职工子女暑期托管班的建议',
  proposer: '张三',
  proposerNo: '20150032',
  delegation: '机电学院代表团',
  seconders: '王五、赵六',
  category: '后勤保障',
  submitDate: '2023-03-06',
  review: '立案',
  reviewDate: '2023-04-07',
  leadDept: '后勤处',
  coDept: '工会',
  leader: '陈校长',
  assignDate: '2023-04-14',
  replyDate: '2023-05-15',
  reply: '已于暑期开办托管班',
  outcome: '已解决',
  feedback: '满意',
  closeDate: '2023-07-01',
  status: '已办结',
};

function check(cells: Record<string, unknown>, headers?: Record<string, string>, c: ValidationContext = ctx) {
  const raw: RawRow = headers ? { cells, headers } : { cells };
  return validateRow(proposals, raw, c);
}

function messages(issues: Issue[]): string[] {
  return issues.map((i) => i.message);
}

describe('proposals: a valid row', () => {
  it('accepts a closed motion without any message', () => {
    const v = check(closed);
    expect(v.issues).toEqual([]);
    expect(v.year).toBe(2023);
    expect(v.fields).toMatchObject({
      no: '2023-001',
      proposer: '张三',
      proposerNo: '20150032',
      seconders: ['王五', '赵六'],
      review: '立案',
      feedback: '满意',
      status: '已办结',
      unit: 'school',
      remarks: null,
    });
  });

  it('is scoped to the school and detected by 提案', () => {
    expect(proposals.scope).toBe('school');
    expect(proposals.nameHints).toContain('提案');
    expect(proposals.fields.proposerNo.common).toBe(false);
  });
});

describe('proposals: defaults', () => {
  const minimal = {
    no: 'A-12',
    title: '关于食堂延时供餐的建议',
    proposer: '张三',
    proposerNo: '20150032',
    seconders: '王五 赵六',
    submitDate: '2023年3月8日',
  };

  it('defaults review to 待审查, the unit to school, and derives the status', () => {
    const v = check(minimal);
    expect(v.issues).toEqual([]);
    expect(v.fields).toMatchObject({
      review: '待审查',
      unit: 'school',
      status: '待审查',
      submitDate: '2023-03-08',
    });
  });

  it('keeps a unit column when the sheet has one', () => {
    expect(check({ ...minimal, unit: '机电学院' }).fields?.unit).toBe('mech-info');
  });

  it('stores the derived status when the sheet gives none', () => {
    const { status: _status, ...noStatus } = closed;
    expect(check(noStatus).fields?.status).toBe('已办结');
  });
});

describe('proposals: required fields', () => {
  it.each([
    ['no', '提案编号'],
    ['title', '案由'],
    ['proposer', '提案人'],
    ['proposerNo', '提案人工号'],
    ['submitDate', '提交日期'],
  ] as const)('%s blank → 「%s」不能为空', (key, header) => {
    const v = check({ ...closed, [key]: '' });
    expect(v.fields).toBeNull();
    expect(v.issues).toContainEqual({
      field: key,
      severity: 'error',
      code: 'required',
      message: `「${header}」不能为空`,
    });
  });
});

describe('proposals: header aliases', () => {
  const spec: Record<string, readonly string[]> = {
    no: ['编号', '提案号', '案号'],
    title: ['提案名称', '提案题目', '标题'],
    proposer: ['第一提案人', '提案人姓名'],
    proposerNo: ['工号'],
    delegation: ['所在代表团'],
    seconders: ['联名人'],
    category: ['类别'],
    submitDate: ['提出日期'],
    review: ['立案情况', '是否立案', '审查意见'],
    reviewDate: ['立案日期'],
    reviewNote: ['审查说明'],
    leadDept: ['主办部门', '主办单位'],
    coDept: ['会办部门'],
    leader: ['督办领导'],
    replyDate: ['办复日期'],
    reply: ['办理情况', '答复内容'],
    outcome: ['落实情况'],
    feedback: ['满意度', '反馈意见'],
    status: ['办理状态'],
  };

  it('declares the aliases of DOMAIN.md §3.7', () => {
    for (const [key, aliases] of Object.entries(spec)) {
      const field = proposals.fields[key as keyof typeof proposals.fields];
      expect(field.aliases, key).toEqual(expect.arrayContaining([...aliases]));
    }
  });

  it('binds every header and alias to exactly one field', () => {
    const owners = new Map<string, Set<string>>();
    for (const [key, f] of Object.entries(proposals.fields))
      for (const h of [f.header, ...f.aliases]) {
        const set = owners.get(normalizeHeader(h)) ?? new Set<string>();
        owners.set(normalizeHeader(h), set.add(key));
      }
    for (const [h, set] of owners) expect([...set], h).toHaveLength(1);
  });

  it('names the header as typed in messages', () => {
    const v = check({ ...closed, title: null, proposerNo: '12' }, { title: '*提案题目', proposerNo: '工号' });
    expect(messages(v.issues)).toEqual(
      expect.arrayContaining(['「提案题目」不能为空', '「工号」格式不正确：应为4至12位字母或数字']),
    );
  });
});

describe('proposals: value aliases and enums', () => {
  it.each([
    ['予以立案', '立案'],
    ['不予立案', '不立案'],
    ['转为意见建议', '转意见建议'],
    ['作为建议', '转意见建议'],
    ['意见建议', '转意见建议'],
  ])('审查结果 %s → %s', (typed, canonical) => {
    const v = check({
      ...closed,
      review: typed,
      reviewNote: '属个人事项',
      assignDate: null,
      replyDate: null,
      feedback: null,
      closeDate: null,
      status: null,
    });
    expect(v.fields?.review).toBe(canonical);
  });

  it.each([
    [
      'category',
      '「提案类别」只能填写：教学科研、人事师资、薪酬福利、后勤保障、校园建设、管理服务、民主管理、其他',
    ],
    ['review', '「审查结果」只能填写：待审查、立案、不立案、转意见建议'],
    ['outcome', '「办理结果」只能填写：已解决、正在解决、列入计划、暂不具备条件'],
    ['feedback', '「提案人意见」只能填写：满意、基本满意、不满意'],
    ['status', '「状态」只能填写：待审查、已立案、已交办、已答复、已反馈、已办结、不立案、转意见建议'],
  ])('%s: std enum', (key, message) => {
    const v = check({ ...closed, [key]: '随便' });
    expect(v.issues).toContainEqual({ field: key, severity: 'error', code: 'enum.invalid', message });
  });
});

describe('proposals: cell formats', () => {
  it('rejects a 提案编号 outside ^[A-Za-z0-9-]{1,20}$', () => {
    expect(messages(check({ ...closed, no: '第1号' }).issues)).toEqual([
      '「提案编号」格式不正确：应为1至20位字母、数字或“-”',
    ]);
    expect(messages(check({ ...closed, no: '2023-0000000000000001' }).issues)).toEqual([
      '「提案编号」不能超过20个字',
    ]);
  });

  it('limits the text lengths', () => {
    expect(messages(check({ ...closed, title: '长'.repeat(101) }).issues)).toEqual([
      '「案由」不能超过100个字',
    ]);
    expect(messages(check({ ...closed, reviewNote: '长'.repeat(201) }).issues)).toEqual([
      '「不立案理由」不能超过200个字',
    ]);
    expect(messages(check({ ...closed, reply: '长'.repeat(501) }).issues)).toEqual([
      '「答复意见」不能超过500个字',
    ]);
  });

  it.each([
    ['proposer', '提案人', 20],
    ['delegation', '代表团', 20],
    ['leadDept', '承办部门', 40],
    ['coDept', '协办部门', 60],
    ['leader', '分管校领导', 20],
  ] as const)('%s: at most %s characters', (key, header, max) => {
    expect(messages(check({ ...closed, [key]: '长'.repeat(max + 1) }).issues)).toEqual([
      `「${header}」不能超过${max}个字`,
    ]);
    expect(check({ ...closed, [key]: '长'.repeat(max) }).issues.filter((i) => i.field === key)).toEqual([]);
  });

  it('reports an invalid date with the std message', () => {
    expect(messages(check({ ...closed, submitDate: '3/8/2023' }).issues)).toEqual([
      '「提交日期」不是有效日期（示例：2023-03-08）',
    ]);
  });
});

describe('proposals: workflow rules', () => {
  const pending = {
    ...closed,
    assignDate: null,
    replyDate: null,
    reply: null,
    feedback: null,
    closeDate: null,
  };

  it('须填写「审查日期」 once reviewed', () => {
    const v = check({ ...pending, reviewDate: null, status: null });
    expect(v.issues).toEqual([
      {
        field: 'reviewDate',
        severity: 'error',
        code: 'proposals.reviewDateRequired',
        message: '已审查的提案须填写「审查日期」',
      },
    ]);
    expect(
      check({ ...pending, review: '待审查', reviewDate: null, leadDept: null, status: null }).issues,
    ).toEqual([]);
  });

  it('uses the typed header in the conditional requireds', () => {
    const v = check({ ...pending, reviewDate: null, status: null }, { reviewDate: '立案日期' });
    expect(messages(v.issues)).toEqual(['已审查的提案须填写「立案日期」']);
  });

  it('does not add the conditional required to a date that failed to parse', () => {
    const v = check({ ...pending, reviewDate: '2023-02-30', status: null });
    expect(messages(v.issues)).toEqual(['「审查日期」不是有效日期（示例：2023-03-08）']);
  });

  it('不立案须填写「不立案理由」', () => {
    const v = check({ ...pending, review: '不立案', leadDept: null, status: null });
    expect(v.issues).toEqual([
      {
        field: 'reviewNote',
        severity: 'error',
        code: 'proposals.reviewNoteRequired',
        message: '不立案须填写「不立案理由」',
      },
    ]);
    expect(check({ ...pending, review: '不立案', reviewNote: '属个人事项', status: null }).issues).toEqual(
      [],
    );
  });

  it('立案提案须填写「承办部门」', () => {
    const v = check({ ...pending, leadDept: '', status: null });
    expect(v.issues).toEqual([
      {
        field: 'leadDept',
        severity: 'error',
        code: 'proposals.leadDeptRequired',
        message: '立案提案须填写「承办部门」',
      },
    ]);
  });

  it('std order: 交办日期 not before 审查日期, 答复日期 not before 交办日期', () => {
    expect(check({ ...closed, assignDate: '2023-04-01' }).issues).toContainEqual({
      field: 'assignDate',
      severity: 'error',
      code: 'proposals.dateOrder',
      message: '「交办日期」不能早于「审查日期」',
    });
    expect(check({ ...closed, replyDate: '2023-04-13' }).issues).toContainEqual({
      field: 'replyDate',
      severity: 'error',
      code: 'proposals.dateOrder',
      message: '「答复日期」不能早于「交办日期」',
    });
    const typed = check(
      { ...closed, replyDate: '2023-04-13' },
      { replyDate: '办复日期', assignDate: '交办时间' },
    );
    expect(messages(typed.issues)).toContain('「办复日期」不能早于「交办时间」');
    expect(
      check({ ...closed, assignDate: '2023-04-07', replyDate: '2023-04-07', closeDate: '2023-04-07' }).issues,
    ).toEqual([]);
  });

  it('尚未答复，不能填写「提案人意见」', () => {
    const v = check({ ...closed, replyDate: null, closeDate: null, status: null });
    expect(v.fields).toBeNull();
    expect(v.issues).toEqual([
      {
        field: 'feedback',
        severity: 'error',
        code: 'proposals.feedbackBeforeReply',
        message: '尚未答复，不能填写「提案人意见」',
      },
    ]);
    expect(
      messages(
        check({ ...closed, replyDate: null, closeDate: null, status: null }, { feedback: '满意度' }).issues,
      ),
    ).toEqual(['尚未答复，不能填写「满意度」']);
  });

  it('须先填写「提案人意见」才能办结', () => {
    const v = check({ ...closed, feedback: null, status: null });
    expect(v.issues).toEqual([
      {
        field: 'closeDate',
        severity: 'error',
        code: 'proposals.closeWithoutFeedback',
        message: '须先填写「提案人意见」才能办结',
      },
    ]);
  });

  it('warns when a dissatisfied motion is closed', () => {
    const v = check({ ...closed, feedback: '不满意' });
    expect(v.fields).not.toBeNull();
    expect(v.issues).toEqual([
      {
        field: 'closeDate',
        severity: 'warning',
        code: 'proposals.closeDissatisfied',
        message: '提案人不满意，建议重新办理后再办结',
      },
    ]);
  });

  it('has no overdue message: a row does not depend on the day', () => {
    const assigned = { ...pending, assignDate: '2023-04-14', status: '已交办' };
    expect(check(assigned, undefined, { ...ctx, today: '2024-01-15' }).issues).toEqual([]);
  });
});

describe('proposals: seconders', () => {
  it.each([[null], ['王五'], ['王五，']])('附议人 %s → warning', (seconders) => {
    const v = check({ ...closed, seconders });
    expect(v.fields).not.toBeNull();
    expect(v.issues).toEqual([
      { field: 'seconders', severity: 'warning', code: 'proposals.fewSeconders', message: '附议人少于2人' },
    ]);
  });

  it('splits the list on the usual separators', () => {
    expect(check({ ...closed, seconders: '王五,赵六；钱七;孙八 周九' }).fields?.seconders).toEqual([
      '王五',
      '赵六',
      '钱七',
      '孙八',
      '周九',
    ]);
  });
});

describe('proposals: the proposer against the roster', () => {
  it('warns when the proposer is not a delegate', () => {
    const v = check({ ...closed, proposer: '李四', proposerNo: '20180007' });
    expect(v.fields).not.toBeNull();
    expect(v.issues).toEqual([
      { field: 'proposerNo', severity: 'warning', code: 'proposals.notRep', message: '提案人不是教代会代表' },
    ]);
  });

  it('warns when the proposer is not in a present roster', () => {
    const v = check({ ...closed, proposerNo: '20990001' });
    expect(v.issues).toEqual([
      {
        field: 'proposerNo',
        severity: 'warning',
        code: 'person.notInRoster',
        message: '工号20990001不在会员名册中',
      },
    ]);
  });

  it('says nothing without a roster', () => {
    expect(
      check({ ...closed, proposerNo: '20990001' }, undefined, { settings: demoSettings, today: '2024-01-15' })
        .issues,
    ).toEqual([]);
    expect(
      check({ ...closed, proposerNo: '20990001' }, undefined, {
        ...ctx,
        roster: new Map<string, RosterEntry>(),
      }).issues,
    ).toEqual([]);
  });
});

describe('proposals: derived status', () => {
  const base = {
    review: '立案',
    assignDate: null,
    replyDate: null,
    feedback: null,
    closeDate: null,
  } as const;

  it('follows the workflow', () => {
    expect(proposalStatus({ ...base, review: null })).toBe('待审查');
    expect(proposalStatus({ ...base, review: '待审查' })).toBe('待审查');
    expect(proposalStatus({ ...base, review: '不立案' })).toBe('不立案');
    expect(proposalStatus({ ...base, review: '转意见建议', replyDate: '2023-05-01' })).toBe('转意见建议');
    expect(proposalStatus(base)).toBe('已立案');
    expect(proposalStatus({ ...base, assignDate: '2023-04-14' })).toBe('已交办');
    expect(proposalStatus({ ...base, assignDate: '2023-04-14', replyDate: '2023-05-15' })).toBe('已答复');
    expect(proposalStatus({ ...base, replyDate: '2023-05-15', feedback: '满意' })).toBe('已反馈');
    expect(
      proposalStatus({ ...base, replyDate: '2023-05-15', feedback: '满意', closeDate: '2023-07-01' }),
    ).toBe('已办结');
  });

  it('warns when the given status differs, and stores the derived one', () => {
    const v = check({ ...closed, status: '已答复' });
    expect(v.issues).toEqual([
      {
        field: 'status',
        severity: 'warning',
        code: 'proposals.statusMismatch',
        message: '「状态」与已填内容不一致，应为“已办结”',
      },
    ]);
    expect(v.fields?.status).toBe('已办结');
    expect(messages(check({ ...closed, status: '已答复' }, { status: '办理状态' }).issues)).toEqual([
      '「办理状态」与已填内容不一致，应为“已办结”',
    ]);
  });

  it('does not guess a status over a workflow cell that failed to parse', () => {
    const v = check({ ...closed, closeDate: '2023-13-01' });
    expect(messages(v.issues)).toEqual(['「办结日期」不是有效日期（示例：2023-03-08）']);
  });
});

describe('proposals: duplicates', () => {
  const [rule] = proposals.duplicates ?? [];
  const row = check(closed).fields as ProposalRow;

  it('keys a motion by number and year', () => {
    expect(rule?.code).toBe('proposals.duplicate');
    expect(rule?.key(row, 2023)).toBe('2023-001|2023');
    expect(rule?.key(row, 2024)).not.toBe(rule?.key(row, 2023));
  });

  it('says 提案编号“{v}”重复', () => {
    const rctx = { ...ctx, header: (k: string) => k, raw: { cells: {} } };
    expect(rule?.message(row, rctx, 2023, { sheetRow: 3, fields: row })).toBe('提案编号“2023-001”重复');
  });
});
