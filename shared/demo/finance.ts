import { splitTotal } from './alloc.js';
import { addDays, randomDate } from './cellForms.js';
import { ALLOCATION_PER_MEMBER, IDEAS, SCHOOL_ACCOUNTS, UNIT_FIGURES, WELFARE, YEAR } from './figures.js';
import type { ActivityRecord } from './activities.js';
import type { Rng } from './prng.js';
import type { WelfareRecord, WelfareYear } from './welfare.js';

export interface BudgetRecord {
  unit: string;
  account: string;
  /** 元 */
  amount: number;
  basis: string;
}

/** §8.2 budget: 11 school lines (§8.3) + 12 sub-union 50102 lines at 150 元 × members (23). */
export function generateBudget(): BudgetRecord[] {
  const school: Record<string, string> = {
    '50105': '节日慰问1036人×500元×2次，三八、六一及生育、住院、丧事慰问',
    '50205': '“双节”送温暖约120人次×800元',
    '50102': '校级文体活动9项，参加上级比赛4项',
    '50101': '思想政治学习及代表培训',
    '50103': '工会宣传及阵地建设',
    '50104': '劳模、先进工作者疗休养',
    '50301': '工会干部外出学习培训3批次',
    '50302': '双代会及执委会会务',
    '50304': '职工之家建设、金点子奖励、提案工作',
    '505': '职工之家设施设备购置',
    '508': '其他零星支出',
  };
  return [
    ...SCHOOL_ACCOUNTS.map((a) => ({
      unit: 'school',
      account: a.code,
      amount: a.budget,
      basis: school[a.code]!,
    })),
    ...UNIT_FIGURES.map((f) => ({
      unit: f.id,
      account: '50102',
      amount: ALLOCATION_PER_MEMBER * f.members,
      basis: `${ALLOCATION_PER_MEMBER}元/人×${f.members}人`,
    })),
  ];
}

export interface ExpenseRecord {
  date: string;
  voucher: string;
  unit: string;
  account: string;
  summary: string;
  /** 元 */
  amount: number;
  payee: string | null;
  linkKind: '慰问' | '活动' | '其他' | null;
  linkRef: string | null;
}

type Draft = Omit<ExpenseRecord, 'voucher'>;

const SUPPLIERS = [
  '重庆渝合商贸有限公司',
  '合川区永辉超市团购部',
  '重庆嘉禾食品有限公司',
  '重庆鑫诚礼品有限公司',
];
const SPORTS_PAYEES = [
  '合川区体育用品商行',
  '重庆乐动体育文化有限公司',
  '重庆欣源文化传播有限公司',
  '学校后勤服务公司',
];

/**
 * §8.3 expenses: 162 school rows (each group exact, drawn in multiples of 10 元 with the last
 * row absorbing the remainder) and one row per sub-union activity (35). Welfare is booked
 * per batch (4 rows) and per individual occasion (124 rows) on 50105, 送温暖 per batch on
 * 50205; every activity's cost is its one expense row. Sorted by date, vouchers numbered.
 */
export function generateExpenses(
  rng: Rng,
  welfare: WelfareYear,
  activities: readonly ActivityRecord[],
): ExpenseRecord[] {
  const r = rng.fork('expenses');
  const rows: Draft[] = [];
  const W = WELFARE;
  const batch = (
    date: string,
    account: string,
    summary: string,
    amount: number,
    linkRef: string,
    payee: string | null,
  ): void => {
    rows.push({ date, unit: 'school', account, summary, amount, payee, linkKind: '慰问', linkRef });
  };
  const count = (pred: (w: WelfareRecord) => boolean, list: readonly WelfareRecord[]): number =>
    list.filter(pred).length;
  const springN = count((w) => w.festival === '春节', welfare.festival);
  const autumnN = count((w) => w.festival === '中秋国庆', welfare.festival);
  const womenN = count((w) => w.type === '三八节慰问', welfare.festival);
  const childrenN = count((w) => w.type === '儿童节慰问', welfare.festival);
  const janN = count((w) => w.batch === W.warmthJanuary.batch, welfare.individual);
  const sepN = count((w) => w.batch === W.warmthSeptember.batch, welfare.individual);
  batch(
    W.springFestival.date,
    '50105',
    `春节教职工慰问品（${springN}人×${W.springFestival.amount}元）`,
    springN * W.springFestival.amount,
    W.springFestival.batch,
    r.pick(SUPPLIERS),
  );
  batch(
    W.womensDay.date,
    '50105',
    `三八节女教职工慰问品（${womenN}人×${W.womensDay.amount}元）`,
    womenN * W.womensDay.amount,
    W.womensDay.batch,
    r.pick(SUPPLIERS),
  );
  batch(
    W.childrensDay.date,
    '50105',
    `六一儿童节教职工子女慰问品（${childrenN}人×${W.childrensDay.amount}元）`,
    childrenN * W.childrensDay.amount,
    W.childrensDay.batch,
    r.pick(SUPPLIERS),
  );
  batch(
    W.midAutumn.date,
    '50105',
    `中秋国庆教职工慰问品（${autumnN}人×${W.midAutumn.amount}元）`,
    autumnN * W.midAutumn.amount,
    W.midAutumn.batch,
    r.pick(SUPPLIERS),
  );
  batch(
    W.warmthJanuary.date,
    '50205',
    `元旦春节送温暖慰问金（${janN}人×${W.warmthJanuary.amount}元）`,
    janN * W.warmthJanuary.amount,
    W.warmthJanuary.batch,
    '困难教职工（名单附后）',
  );
  batch(
    W.warmthSeptember.date,
    '50205',
    `中秋国庆送温暖慰问金（${sepN}人×${W.warmthSeptember.amount}元）`,
    sepN * W.warmthSeptember.amount,
    W.warmthSeptember.batch,
    '困难教职工（名单附后）',
  );
  for (const w of welfare.individual) {
    if (w.type === '送温暖') continue;
    rows.push({
      date: w.date,
      unit: 'school',
      account: '50105',
      summary: `${w.type} ${w.person.name}`,
      amount: w.amount,
      payee: w.person.name,
      linkKind: '慰问',
      linkRef: null,
    });
  }
  for (const a of activities) {
    if (a.cost === null || a.account === null) continue;
    rows.push({
      date: addDays(a.startDate, Math.min(r.int(0, 6), Math.max(0, 27 - Number(a.startDate.slice(8))))),
      unit: a.unit,
      account: a.account,
      summary: `${a.name}经费`,
      amount: a.cost,
      payee: a.account === '50102' ? r.pick(SPORTS_PAYEES) : null,
      linkKind: '活动',
      linkRef: a.name,
    });
  }
  const other = (
    code: string,
    items: readonly { summary: string; from: string; to: string; payee: string }[],
    weights: number[],
    fixed?: Draft,
  ): void => {
    const a = SCHOOL_ACCOUNTS.find((x) => x.code === code)!;
    const parts = splitTotal(r, a.actual - (fixed?.amount ?? 0), items.length, { weights, min: 1_000 });
    items.forEach((it, i) =>
      rows.push({
        date: randomDate(r, it.from, it.to, true),
        unit: 'school',
        account: code,
        summary: it.summary,
        amount: parts[i]!,
        payee: it.payee,
        linkKind: '其他',
        linkRef: null,
      }),
    );
    if (fixed) rows.push(fixed);
  };
  other(
    '50103',
    [
      {
        summary: '“中国梦·劳动美”主题宣传展板制作',
        from: '2023-04-10',
        to: '2023-04-28',
        payee: '重庆彩印广告有限公司',
      },
      { summary: '工会工作宣传册印制', from: '2023-06-05', to: '2023-06-30', payee: '合川区新华印刷厂' },
      {
        summary: '工会网站及公众号维护',
        from: '2023-11-01',
        to: '2023-11-30',
        payee: '重庆云帆网络科技有限公司',
      },
    ],
    [1.2, 1, 0.8],
  );
  other(
    '50302',
    [
      {
        summary: '第二届教代会暨第一届工代会第二次会议会务费',
        from: '2023-03-27',
        to: '2023-04-07',
        payee: '学校后勤服务公司',
      },
      {
        summary: '教代会执委会工作会议会务费',
        from: '2023-06-08',
        to: '2023-06-16',
        payee: '学校后勤服务公司',
      },
    ],
    [6, 1],
  );
  other(
    '50304',
    [
      { summary: '先进职工之家创建验收工作经费', from: '2023-11-06', to: '2023-11-27', payee: '校工会' },
      { summary: '二级工会职工小家建设补助', from: '2023-07-03', to: '2023-07-28', payee: '各分工会' },
      { summary: '教代会提案工作经费', from: '2023-07-03', to: '2023-07-31', payee: '校工会' },
    ],
    [2, 2.5, 0.3],
    {
      date: '2023-11-24',
      unit: 'school',
      account: '50304',
      summary: '教职工“金点子”征集评选奖励',
      amount: IDEAS.goldenReward,
      payee: '金点子获奖教职工',
      linkKind: '其他',
      linkRef: null,
    },
  );
  other(
    '505',
    [
      {
        summary: '职工之家健身器材购置',
        from: '2023-08-21',
        to: '2023-09-08',
        payee: '重庆力健体育器材有限公司',
      },
      {
        summary: '教工活动中心音响设备购置',
        from: '2023-10-09',
        to: '2023-10-31',
        payee: '重庆声美电子有限公司',
      },
    ],
    [1.4, 1],
  );
  other(
    '508',
    [
      {
        summary: '工会档案数字化整理服务费',
        from: '2023-12-04',
        to: '2023-12-15',
        payee: '重庆档案信息服务有限公司',
      },
    ],
    [1],
  );
  rows.sort((a, b) => a.date.localeCompare(b.date));
  const perMonth = new Map<string, number>();
  return rows.map((row) => {
    const month = row.date.slice(5, 7);
    const n = (perMonth.get(month) ?? 0) + 1;
    perMonth.set(month, n);
    return { ...row, voucher: `记-${YEAR}${month}-${String(n).padStart(3, '0')}` };
  });
}
