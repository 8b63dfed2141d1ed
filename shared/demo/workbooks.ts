import type { ActivityRecord, AwardRecord } from './activities.js';
import {
  cnDate,
  cnMonth,
  dotDate,
  dotMonth,
  jsDate,
  serialDate,
  slashDate,
  thousands,
  yenText,
  yuanText,
} from './cellForms.js';
import type {
  CheckupRecord,
  EnrolmentRecord,
  HomeRecord,
  HonourRecord,
  IdeaRecord,
  ParticipationRecord,
  ProposalRecord,
} from './congress.js';
import { CONGRESS, EXECUTIVE } from './figures.js';
import type { BudgetRecord, ExpenseRecord } from './finance.js';
import { buildSheet, seq, signatureRow, totalRow, type Column } from './layout.js';
import type { Person } from './people.js';
import type { DemoWorkbook } from './types.js';
import { canonical, short } from './units.js';
import type { WelfareRecord } from './welfare.js';

/**
 * One workbook per ledger, laid out as officers lay them out (DOMAIN.md §4, §8): title rows,
 * `*` marks, header aliases, 序号, dates as `2023年3月8日` strings, serial numbers, Dates and
 * `2023.3.8`; amounts as numbers, `1,000.00元` and `¥500`; 是/否 and √; 合计 and 填表人 rows.
 */

const TEXT = '@';
const ISO_FORMAT = 'yyyy-mm-dd';
const CN_FORMAT = 'yyyy"年"m"月"d"日"';
const SLASH_FORMAT = 'yyyy/m/d';
const MONEY_FORMAT = '#,##0.00';

const yesNo = (b: boolean): string => (b ? '是' : '否');
const sum = <T>(items: readonly T[], f: (t: T) => number): number => items.reduce((s, x) => s + f(x), 0);

export interface Staff {
  /** 校工会 office staff who fill in and sign the ledgers. */
  handlers: readonly string[];
  /** The union chair who approves expenses. */
  approver: string;
}

export function membersWorkbook(people: readonly Person[], staff: Staff): DemoWorkbook {
  const columns: Column<Person>[] = [
    seq(),
    { header: '*工号', cell: (p) => p.staffNo, format: TEXT },
    { header: '*姓名', cell: (p) => p.name },
    { header: '*性别', cell: (p) => p.gender },
    { header: '*所属工会', cell: (p) => canonical(p.unit) },
    { header: '部门', cell: (p) => p.department },
    { header: '人员类别', cell: (p) => p.staffType },
    { header: '用工形式', cell: (p) => p.employment },
    { header: '出生年月', cell: (p) => dotMonth(p.birthMonth), format: TEXT },
    { header: '*入会日期', cell: (p) => jsDate(p.joinDate), format: ISO_FORMAT },
    { header: '会员状态', cell: (p) => p.status },
    { header: '离会日期', cell: (p) => (p.leaveDate ? jsDate(p.leaveDate) : null), format: ISO_FORMAT },
    { header: '是否教代会代表', cell: (p) => yesNo(p.isRep) },
    { header: '代表团', cell: (p) => p.delegation },
    { header: '14周岁以下子女数', cell: (p) => p.childrenUnder14 },
    { header: '手机号码', cell: (p) => p.phone, format: TEXT },
    { header: '身份证号后四位', cell: (p) => p.idLast4, format: TEXT },
    { header: '困难职工建档', cell: (p) => (p.hardship ? '是' : null) },
    { header: '备注', cell: (p) => (p.status === '退休' ? `${p.leaveDate!.slice(0, 4)}年退休` : null) },
  ];
  return {
    file: '会员名册.xlsx',
    sheets: [
      buildSheet({
        name: '会员名册',
        titleRows: ['重庆人文科技学院工会会员名册', '填报单位：校工会  统计日期：2023年1月1日'],
        columns,
        records: people,
        footer: (cols) => [
          signatureRow(
            cols,
            `填表人：${staff.handlers[0]}    审核人：${staff.approver}    填报日期：2023年1月6日`,
          ),
        ],
      }),
    ],
  };
}

export function welfareWorkbook(
  festival: readonly WelfareRecord[],
  individual: readonly WelfareRecord[],
  staff: Staff,
): DemoWorkbook {
  const batchColumns: Column<WelfareRecord>[] = [
    seq(),
    { header: '*工号', cell: (w) => w.person.staffNo, format: TEXT },
    { header: '*姓名', cell: (w) => w.person.name },
    { header: '所属工会', cell: (w) => short(w.person.unit) },
    { header: '慰问类型', cell: (w) => w.type },
    { header: '节日', cell: (w) => w.festival },
    { header: '慰问形式', cell: (w) => w.form },
    { header: '金额（元）', cell: (w) => w.amount },
    { header: '慰问日期', cell: (w) => cnDate(w.date) },
    { header: '慰问批次', cell: (w) => w.batch },
    { header: '本人签收', cell: () => '√' },
    { header: '经办人', cell: (w) => w.handler },
    { header: '备注', cell: () => null },
  ];
  const amountCell = (w: WelfareRecord): string =>
    w.amount === 500 ? yenText(w.amount) : yuanText(w.amount);
  const contactNotes = ['已电话联系本人', '已与家属联系', '分工会主席陪同走访', '本人在院，家属代签'];
  const individualColumns: Column<WelfareRecord>[] = [
    seq(),
    { header: '慰问日期', cell: (w) => serialDate(w.date), format: SLASH_FORMAT },
    { header: '工号', cell: (w) => w.person.staffNo, format: TEXT },
    { header: '被慰问人', cell: (w) => w.person.name },
    { header: '分工会', cell: (w) => canonical(w.person.unit) },
    { header: '慰问类别', cell: (w) => w.type },
    { header: '慰问形式', cell: (w) => w.form },
    { header: '慰问金额', cell: amountCell },
    { header: '事由', cell: (w) => w.reason },
    { header: '亲属关系', cell: (w) => w.relation },
    { header: '是否手术', cell: (w) => (w.surgery === null ? null : yesNo(w.surgery)) },
    { header: '经办人', cell: (w) => w.handler },
    { header: '签收', cell: () => '是' },
    // An officer's own column, unknown to the system: left exactly as it is.
    {
      header: '联系人备注',
      cell: (w, i) => (w.type === '送温暖' ? null : contactNotes[i % contactNotes.length]),
    },
  ];
  return {
    file: '慰问台账.xlsx',
    sheets: [
      buildSheet({
        name: '节日慰问',
        titleRows: ['2023年慰问台账（节日慰问及三八、六一慰问）', '填报单位：校工会  填报日期：2023年12月'],
        columns: batchColumns,
        records: festival,
        footer: (cols) => [
          totalRow(cols, { '金额（元）': sum(festival, (w) => w.amount) }),
          signatureRow(cols, `填表人：${staff.handlers[1]}    审核人：${staff.approver}`),
        ],
      }),
      buildSheet({
        name: '送温暖及个人慰问',
        titleRows: ['2023年送温暖及生育、住院、丧事慰问登记表'],
        columns: individualColumns,
        records: individual,
        footer: (cols) => [
          totalRow(cols, { 慰问金额: yuanText(sum(individual, (w) => w.amount)) }, '合 计'),
          signatureRow(cols, `填表人：${staff.handlers[2]}`),
        ],
      }),
    ],
  };
}

export function checkupsWorkbook(
  records: readonly CheckupRecord[],
  institution: string,
  staff: Staff,
): DemoWorkbook {
  const columns: Column<CheckupRecord>[] = [
    seq(),
    { header: '单位', cell: (c) => short(c.person.unit) },
    // 工号 as numbers, as a sheet exported without a text format has them (§4.5).
    { header: '工号', cell: (c) => Number(c.person.staffNo) },
    { header: '姓名', cell: (c) => c.person.name },
    { header: '性别', cell: (c) => c.person.gender },
    { header: '体检套餐', cell: (c) => c.package },
    { header: '体检日期', cell: (c) => dotDate(c.date) },
    { header: '体检医院', cell: () => institution },
    { header: '是否参检', cell: () => '是' },
    { header: '经费来源', cell: () => '学校行政' },
  ];
  return {
    file: '体检名单.xlsx',
    sheets: [
      buildSheet({
        name: '体检名单',
        titleRows: [
          '2023年教职工健康体检名单',
          `体检机构：${institution}  体检时间：2023年10月9日至11月17日`,
        ],
        columns,
        records,
        footer: (cols) => [signatureRow(cols, `制表人：${staff.handlers[0]}`)],
      }),
    ],
  };
}

export function activitiesWorkbook(records: readonly ActivityRecord[], staff: Staff): DemoWorkbook {
  const columns: Column<ActivityRecord>[] = [
    seq(),
    { header: '*活动名称', cell: (a) => a.name },
    { header: '活动类别', cell: (a) => a.category },
    { header: '活动级别', cell: (a) => a.level },
    { header: '组织单位', cell: (a) => canonical(a.unit) },
    { header: '开始日期', cell: (a) => jsDate(a.startDate), format: CN_FORMAT },
    { header: '结束日期', cell: (a) => (a.endDate ? jsDate(a.endDate) : null), format: CN_FORMAT },
    { header: '地点', cell: (a) => a.venue },
    { header: '参与人次', cell: (a) => a.participants },
    { header: '经费（元）', cell: (a) => a.cost, format: MONEY_FORMAT },
    { header: '主题', cell: (a) => a.theme },
    { header: '主讲人', cell: (a) => a.host },
    { header: '备注', cell: () => null },
  ];
  const sorted = [...records].sort((a, b) => a.startDate.localeCompare(b.startDate));
  return {
    file: '活动台账.xlsx',
    sheets: [
      buildSheet({
        name: '活动台账',
        titleRows: ['2023年工会活动台账', '填报单位：校工会  填报日期：2023年12月29日'],
        columns,
        records: sorted,
        footer: (cols) => [
          totalRow(cols, {
            参与人次: sum(sorted, (a) => a.participants ?? 0),
            '经费（元）': sum(sorted, (a) => a.cost ?? 0),
          }),
          signatureRow(cols, `填表人：${staff.handlers[1]}`),
        ],
      }),
    ],
  };
}

export function awardsWorkbook(records: readonly AwardRecord[]): DemoWorkbook {
  const columns: Column<AwardRecord>[] = [
    seq(),
    { header: '比赛名称', cell: (a) => a.competition },
    { header: '主办单位', cell: (a) => a.organiser },
    { header: '比赛级别', cell: (a) => a.level },
    { header: '项目', cell: (a) => a.event },
    { header: '组别', cell: (a) => a.group },
    { header: '获奖等次', cell: (a) => a.result },
    { header: '获奖类型', cell: (a) => a.winnerType },
    { header: '获奖者', cell: (a) => a.winner },
    { header: '工号', cell: (a) => a.person?.staffNo ?? null, format: TEXT },
    { header: '所属工会', cell: (a) => short(a.unit) },
    { header: '获奖日期', cell: (a) => slashDate(a.date) },
    { header: '活动主题', cell: (a) => a.theme },
  ];
  const sorted = [...records].sort((a, b) => a.date.localeCompare(b.date));
  return {
    file: '比赛获奖台账.xlsx',
    sheets: [
      buildSheet({
        name: '获奖情况',
        titleRows: ['2023年教职工比赛获奖情况登记表'],
        columns,
        records: sorted,
      }),
    ],
  };
}

export function honoursWorkbook(records: readonly HonourRecord[]): DemoWorkbook {
  const columns: Column<HonourRecord>[] = [
    seq(),
    { header: '年度', cell: () => 2023 },
    { header: '表彰名称', cell: (h) => h.title },
    { header: '级别', cell: (h) => h.level },
    { header: '对象类型', cell: (h) => h.targetType },
    { header: '表彰对象', cell: (h) => h.target },
    { header: '工号', cell: (h) => h.person?.staffNo ?? null, format: TEXT },
    { header: '所属工会', cell: (h) => canonical(h.unit) },
    { header: '状态', cell: (h) => h.status },
    { header: '表彰日期', cell: (h) => cnDate(h.date) },
    { header: '文号', cell: (h) => h.docNo },
  ];
  return {
    file: '表彰名单.xlsx',
    sheets: [buildSheet({ name: '表彰名单', titleRows: ['2023年度工会表彰及推荐名单'], columns, records })],
  };
}

const REVIEW_TYPED: Record<ProposalRecord['review'], string> = {
  立案: '立案',
  转意见建议: '转为意见建议',
  不立案: '不予立案',
};

export function proposalsWorkbook(records: readonly ProposalRecord[]): DemoWorkbook {
  const d = (iso: string | null): string | null => (iso ? dotDate(iso) : null);
  const columns: Column<ProposalRecord>[] = [
    { header: '提案编号', cell: (p) => p.no, format: TEXT },
    { header: '案由', cell: (p) => p.title },
    { header: '提案人', cell: (p) => p.proposer.name },
    { header: '提案人工号', cell: (p) => p.proposer.staffNo, format: TEXT },
    { header: '代表团', cell: (p) => p.proposer.delegation },
    { header: '附议人', cell: (p) => p.seconders.map((s) => s.name).join('、') },
    { header: '提案类别', cell: (p) => p.category },
    { header: '提交日期', cell: (p) => d(p.submitDate) },
    { header: '审查结果', cell: (p) => REVIEW_TYPED[p.review] },
    { header: '审查日期', cell: (p) => d(p.reviewDate) },
    { header: '不立案理由', cell: (p) => p.reviewNote },
    { header: '承办部门', cell: (p) => p.leadDept },
    { header: '分管校领导', cell: (p) => p.leader },
    { header: '交办日期', cell: (p) => d(p.assignDate) },
    { header: '答复日期', cell: (p) => d(p.replyDate) },
    { header: '答复意见', cell: (p) => p.reply },
    { header: '办理结果', cell: (p) => p.outcome },
    { header: '提案人意见', cell: (p) => p.feedback },
    { header: '办结日期', cell: (p) => d(p.closeDate) },
    { header: '状态', cell: (p) => p.status },
  ];
  return {
    file: '提案登记表.xlsx',
    sheets: [
      buildSheet({
        name: '提案登记',
        titleRows: ['第二届教代会暨第一届工代会第二次会议提案登记表'],
        columns,
        records,
      }),
    ],
  };
}

export function ideasWorkbook(records: readonly IdeaRecord[]): DemoWorkbook {
  const columns: Column<IdeaRecord>[] = [
    { header: '点子编号', cell: (i) => i.no },
    { header: '点子名称', cell: (i) => i.title },
    { header: '提出人', cell: (i) => i.person.name },
    { header: '工号', cell: (i) => i.person.staffNo, format: TEXT },
    { header: '所属工会', cell: (i) => short(i.person.unit) },
    { header: '类别', cell: (i) => i.category },
    { header: '提交日期', cell: (i) => serialDate(i.submitDate), format: ISO_FORMAT },
    { header: '主要内容', cell: (i) => i.content },
    { header: '评审结果', cell: (i) => i.result },
    { header: '奖励金额', cell: (i) => (i.reward === null ? null : yuanText(i.reward)) },
  ];
  return {
    file: '金点子征集表.xlsx',
    sheets: [
      buildSheet({
        name: '金点子征集',
        titleRows: ['2023年教职工“金点子”征集汇总表', '评审日期：2023年11月20日'],
        columns,
        records,
      }),
    ],
  };
}

interface MeetingItem {
  meeting: string;
  type: '双代会' | '执委会';
  date: string;
  item: string;
  itemType: string;
  action: string;
  expected: number | null;
  present: number | null;
}

/** A congress or committee meeting and its agenda, as figures.ts states them. */
export interface MeetingPlan {
  name: string;
  date: string;
  expected?: number;
  present?: number;
  items: readonly (readonly [string, string])[];
}

export function meetingsWorkbook(
  congress: MeetingPlan = CONGRESS,
  executive: MeetingPlan = EXECUTIVE,
): DemoWorkbook {
  const CONGRESS = congress;
  const EXECUTIVE = executive;
  const records: MeetingItem[] = [
    ...CONGRESS.items.map(([item, itemType]) => ({
      meeting: CONGRESS.name,
      type: '双代会' as const,
      date: CONGRESS.date,
      item,
      itemType,
      action: '听取审议',
      expected: CONGRESS.expected ?? null,
      present: CONGRESS.present ?? null,
    })),
    ...EXECUTIVE.items.map(([item, itemType]) => ({
      meeting: EXECUTIVE.name,
      type: '执委会' as const,
      date: EXECUTIVE.date,
      item,
      itemType,
      action: '讨论',
      expected: null,
      present: null,
    })),
  ];
  const columns: Column<MeetingItem>[] = [
    seq(),
    { header: '会议名称', cell: (m) => m.meeting },
    { header: '会议类型', cell: (m) => m.type },
    { header: '会议日期', cell: (m) => cnDate(m.date) },
    { header: '议题', cell: (m) => m.item },
    { header: '议题类型', cell: (m) => m.itemType },
    { header: '审议方式', cell: (m) => m.action },
    { header: '应到代表数', cell: (m) => m.expected },
    { header: '实到代表数', cell: (m) => m.present },
  ];
  return {
    file: '会议议程台账.xlsx',
    sheets: [
      buildSheet({ name: '会议议程', titleRows: ['2023年教代会、执委会会议议程台账'], columns, records }),
    ],
  };
}

export function participationWorkbook(records: readonly ParticipationRecord[]): DemoWorkbook {
  const columns: Column<ParticipationRecord>[] = [
    seq(),
    { header: '日期', cell: (p) => serialDate(p.date), format: SLASH_FORMAT },
    { header: '代表姓名', cell: (p) => p.person.name },
    { header: '工号', cell: (p) => p.person.staffNo, format: TEXT },
    { header: '所属工会', cell: (p) => canonical(p.person.unit) },
    { header: '参与形式', cell: (p) => p.form },
    { header: '事项', cell: (p) => p.matter },
  ];
  return {
    file: '代表参与民主管理登记.xlsx',
    sheets: [
      buildSheet({
        name: '代表参与民主管理',
        titleRows: ['2023年教代会代表参与民主管理登记表'],
        columns,
        records,
      }),
    ],
  };
}

export function enrolmentWorkbook(records: readonly EnrolmentRecord[]): DemoWorkbook {
  const columns: Column<EnrolmentRecord>[] = [
    seq(),
    { header: '登记日期', cell: (e) => jsDate(e.applyDate), format: ISO_FORMAT },
    { header: '工号', cell: (e) => e.person.staffNo, format: TEXT },
    { header: '姓名', cell: (e) => e.person.name },
    { header: '所属工会', cell: (e) => short(e.person.unit) },
    { header: '子女姓名', cell: (e) => e.childName },
    { header: '子女出生年月', cell: (e) => cnMonth(e.childBirth) },
    { header: '入学学段', cell: (e) => e.stage },
    { header: '意向学校', cell: (e) => e.wishSchool },
    { header: '协调单位', cell: () => '合川区教委' },
    { header: '落实情况', cell: (e) => e.result },
    { header: '落实学校', cell: (e) => e.placedSchool },
    { header: '落实日期', cell: (e) => (e.placedDate ? jsDate(e.placedDate) : null), format: ISO_FORMAT },
    { header: '备注', cell: (e) => e.remarks },
  ];
  return {
    file: '子女入学登记.xlsx',
    sheets: [
      buildSheet({ name: '子女入学登记', titleRows: ['2023年教职工子女入学登记表'], columns, records }),
    ],
  };
}

/** One letter to the 代表信箱 (opened in 2024, §3.12). */
export interface MailboxRecord {
  no: string;
  date: string;
  from: string;
  staffNo: string;
  subject: string;
  category: string;
  dept: string;
  replyDate: string | null;
  reply: string | null;
  status: '已回复' | '已转办';
}

export function mailboxWorkbook(records: readonly MailboxRecord[] = []): DemoWorkbook {
  const headers = [
    '编号',
    '收信日期',
    '来信人',
    '工号',
    '主题',
    '类别',
    '转办部门',
    '回复日期',
    '回复摘要',
    '办理状态',
  ];
  return {
    file: '代表信箱.xlsx',
    sheets: [
      {
        name: '代表信箱',
        titleRows:
          records.length === 0
            ? ['教代会代表信箱来信登记表', '（代表信箱于2024年开通，2023年度无来信）']
            : ['教代会代表信箱来信登记表'],
        headers,
        rows: records.map((m) => [
          m.no,
          cnDate(m.date),
          m.from,
          m.staffNo,
          m.subject,
          m.category,
          m.dept,
          m.replyDate === null ? null : cnDate(m.replyDate),
          m.reply,
          m.status,
        ]),
        columnFormats: { 3: TEXT },
      },
    ],
  };
}

const SIX_HAVES = [
  '有依法选举的工会主席',
  '有独立健全的组织机构',
  '有服务职工的活动载体',
  '有健全完善的制度机制',
  '有自主管理的工会经费',
  '有会员满意的工作绩效',
];

export function homesWorkbook(records: readonly HomeRecord[]): DemoWorkbook {
  const columns: Column<HomeRecord>[] = [
    seq(),
    { header: '单位', cell: (h) => canonical(h.unit) },
    { header: '建设类型', cell: (h) => h.kind },
    { header: '等级', cell: (h) => h.grade },
    { header: '认定单位', cell: (h) => h.certBody },
    { header: '认定日期', cell: (h) => (h.certDate ? cnDate(h.certDate) : null) },
    ...SIX_HAVES.map((header, k) => ({ header, cell: (h: HomeRecord) => (h.haves[k] ? '√' : '×') })),
    { header: '活动场所面积（㎡）', cell: (h) => h.area },
    { header: '结对共建单位', cell: (h) => h.pairing },
    { header: '签约日期', cell: (h) => (h.pairingDate ? cnDate(h.pairingDate) : null) },
    { header: '备注', cell: (h) => (h.grade === '创建中' ? '正在创建，计划2024年申报验收' : null) },
  ];
  return {
    file: '职工之家建设台账.xlsx',
    sheets: [
      buildSheet({
        name: '职工之家建设',
        titleRows: ['职工之家（小家）建设台账', '统计截止：2023年12月31日'],
        columns,
        records,
      }),
    ],
  };
}

const ACCOUNT_CELL: Record<string, string> = {
  '50101': '50101 职工教育支出',
  '50102': '50102 文体活动支出',
  '50103': '50103 宣传活动支出',
  '50104': '50104 劳模职工疗休养支出',
  '50105': '50105 会员活动支出',
  '50205': '50205 送温暖费',
  '50301': '50301 培训费',
  '50302': '50302 会议费',
  '50304': '50304 专项业务费',
  '505': '505 资本性支出',
  '508': '508 其他支出',
};

export function budgetWorkbook(records: readonly BudgetRecord[]): DemoWorkbook {
  const columns: Column<BudgetRecord>[] = [
    seq(),
    { header: '年度', cell: () => 2023 },
    { header: '预算单位', cell: (b) => canonical(b.unit) },
    { header: '收支类型', cell: () => '支出' },
    // The school writes "code name"; the sub-union lines just the name.
    { header: '预算科目', cell: (b) => (b.unit === 'school' ? ACCOUNT_CELL[b.account] : '文体活动支出') },
    {
      header: '预算金额（元）',
      cell: (b) => (b.unit === 'school' ? thousands(b.amount) : b.amount),
      format: MONEY_FORMAT,
    },
    { header: '测算依据', cell: (b) => b.basis },
    { header: '备注', cell: () => null },
  ];
  return {
    file: '经费预算表.xlsx',
    sheets: [
      buildSheet({
        name: '2023年预算',
        titleRows: ['重庆人文科技学院工会2023年经费预算表（支出）', '单位：元'],
        columns,
        records,
        footer: (cols) => [totalRow(cols, { '预算金额（元）': thousands(sum(records, (b) => b.amount)) })],
      }),
    ],
  };
}

export function expensesWorkbook(records: readonly ExpenseRecord[], staff: Staff): DemoWorkbook {
  const accountCell = (e: ExpenseRecord): string =>
    e.unit !== 'school' ? e.account : e.account.length === 3 ? e.account : ACCOUNT_CELL[e.account]!;
  const columns: Column<ExpenseRecord>[] = [
    { header: '日期', cell: (e) => jsDate(e.date), format: ISO_FORMAT },
    { header: '凭证号', cell: (e) => e.voucher },
    { header: '所属工会', cell: (e) => short(e.unit) },
    { header: '支出科目', cell: accountCell, format: TEXT },
    { header: '摘要', cell: (e) => e.summary },
    // Mostly numbers; every seventh row typed as text with separators and 元.
    {
      header: '金额（元）',
      cell: (e, i) => (i % 7 === 3 ? yuanText(e.amount) : e.amount),
      format: MONEY_FORMAT,
    },
    { header: '收款方', cell: (e) => e.payee },
    { header: '经办人', cell: (_e, i) => staff.handlers[i % staff.handlers.length] },
    { header: '审批人', cell: () => staff.approver },
    { header: '关联台账', cell: (e) => e.linkKind },
    { header: '关联活动', cell: (e) => e.linkRef },
  ];
  return {
    file: '支出明细账.xlsx',
    sheets: [
      buildSheet({
        name: '支出明细账',
        titleRows: ['2023年工会经费支出明细账', '单位：元'],
        columns,
        records,
        footer: (cols) => [
          totalRow(cols, { '金额（元）': sum(records, (e) => e.amount) }),
          signatureRow(cols, `制表人：${staff.handlers[0]}    审核人：${staff.approver}`),
        ],
      }),
    ],
  };
}
