import { describe, expect, it } from 'vitest';
import { generateDemoYear } from './index.js';
import { countBy, iso, rowsOf, sheetOf, sumBy, table, unitId, yuan, type Row } from './testTables.js';
import type { DemoWorkbook } from './types.js';

/**
 * Every count and total of DOMAIN.md §8, read back from the generated raw cells with
 * shared/cells (so the messy forms are part of what is checked). Figures are written out
 * here from DOMAIN.md, not imported from the generator.
 */

const books = generateDemoYear({ year: 2023 });

const UNITS = [
  'lit-news',
  'mech-info',
  'business',
  'management',
  'architecture',
  'arts',
  'nursing',
  'education',
  'languages',
  'marxism',
  'offices',
  'logistics',
] as const;
const col = (values: readonly number[]): Record<string, number> =>
  Object.fromEntries(UNITS.map((u, i) => [u, values[i]!]));
/** §8.1, column by column. */
const MEMBERS = col([92, 118, 105, 96, 88, 84, 76, 72, 64, 48, 121, 72]);
const FEMALE = col([58, 30, 57, 55, 35, 50, 66, 48, 47, 27, 58, 17]);
const CHECKUPS = col([76, 98, 87, 79, 73, 69, 63, 60, 53, 40, 100, 60]);
const SPORTS = col([3, 4, 3, 3, 3, 3, 3, 3, 2, 2, 4, 2]);
const PARTICIPANTS = col([352, 486, 398, 361, 327, 342, 296, 281, 204, 146, 612, 321]);
const EXCELLENT = col([4, 4, 4, 4, 3, 3, 3, 3, 2, 2, 5, 2]);
const BUDGET = col([13800, 17700, 15750, 14400, 13200, 12600, 11400, 10800, 9600, 7200, 18150, 10800]);
const ACTUAL = col([12960, 16420, 16410, 11230, 12180, 11050, 6120, 9870, 5260, 4310, 17640, 8930]);
const RATE = col([93.91, 92.77, 104.19, 77.99, 92.27, 87.7, 53.68, 91.39, 54.79, 59.86, 97.19, 82.69]);

const rate = (actual: number, budget: number): number => Math.round((actual / budget) * 10000) / 100;

describe('the demo year (§8): workbooks', () => {
  it('has one workbook per ledger, the mailbox with no data rows', () => {
    expect(books.map((b) => b.file)).toEqual([
      '会员名册.xlsx',
      '慰问台账.xlsx',
      '体检名单.xlsx',
      '活动台账.xlsx',
      '比赛获奖台账.xlsx',
      '表彰名单.xlsx',
      '提案登记表.xlsx',
      '金点子征集表.xlsx',
      '会议议程台账.xlsx',
      '代表参与民主管理登记.xlsx',
      '子女入学登记.xlsx',
      '代表信箱.xlsx',
      '职工之家建设台账.xlsx',
      '经费预算表.xlsx',
      '支出明细账.xlsx',
    ]);
    const rows = (file: string): number => table(books, file).length;
    expect(rows('代表信箱.xlsx')).toBe(0);
    expect(sheetOf(books, '代表信箱.xlsx').headers.length).toBeGreaterThan(5);
    expect(
      Object.fromEntries(books.map((b) => [b.file, b.sheets.reduce((s, sh) => s + sh.rows.length, 0)])),
    ).toEqual({
      '会员名册.xlsx': 1048,
      '慰问台账.xlsx': 3226,
      '体检名单.xlsx': 858,
      '活动台账.xlsx': 57,
      '比赛获奖台账.xlsx': 16,
      '表彰名单.xlsx': 43,
      '提案登记表.xlsx': 47,
      '金点子征集表.xlsx': 14,
      '会议议程台账.xlsx': 9,
      '代表参与民主管理登记.xlsx': 25,
      '子女入学登记.xlsx': 3,
      '代表信箱.xlsx': 0,
      '职工之家建设台账.xlsx': 13,
      '经费预算表.xlsx': 23,
      '支出明细账.xlsx': 197,
    });
  });

  it('lays every sheet out as officers do: titles, aligned rows, footers, text-formatted 工号', () => {
    for (const b of books)
      for (const s of b.sheets) {
        expect(s.titleRows.length, `${b.file} ${s.name}`).toBeGreaterThan(0);
        expect(s.titleRows.length).toBeLessThanOrEqual(5);
        for (const r of [...s.rows, ...(s.footerRows ?? [])]) expect(r).toHaveLength(s.headers.length);
        s.headers.forEach((h, i) => {
          if (/工号/.test(h) && b.file !== '体检名单.xlsx')
            expect(s.columnFormats?.[i], `${b.file} ${h}`).toBe('@');
        });
      }
    // A 合计 row and a 填表人 row in several sheets.
    const footers = books.flatMap((b) =>
      b.sheets.flatMap((s) => (s.footerRows ?? []).map((r) => String(r[0]))),
    );
    expect(footers.filter((f) => /^合\s*计/.test(f)).length).toBeGreaterThanOrEqual(4);
    expect(footers.filter((f) => /^(填表人|制表人)/.test(f)).length).toBeGreaterThanOrEqual(4);
  });

  it('uses the messy cell forms of §4 on purpose', () => {
    const cells = books.flatMap((b) => b.sheets.flatMap((s) => s.rows.flat()));
    const strings = cells.filter((v): v is string => typeof v === 'string');
    expect(strings.some((s) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(s))).toBe(true);
    expect(strings.some((s) => /^\d{4}\.\d{1,2}\.\d{1,2}$/.test(s))).toBe(true);
    expect(strings.some((s) => /^\d{1,3}(,\d{3})*\.\d{2}元$/.test(s))).toBe(true);
    expect(strings.some((s) => /^¥\d+$/.test(s))).toBe(true);
    expect(strings).toContain('√');
    expect(strings).toContain('是');
    expect(strings).toContain('否');
    expect(cells.some((v) => v instanceof Date && v.getUTCHours() === 0)).toBe(true);
    // Serial dates: the 个人慰问 sheet's dates are numbers in 2023's serial range.
    const individual = rowsOf(sheetOf(books, '慰问台账.xlsx', '送温暖及个人慰问'));
    expect(
      individual.every((r) => typeof r['慰问日期'] === 'number' && (r['慰问日期'] as number) > 44926),
    ).toBe(true);
    // Aliases and an officer's own column.
    expect(sheetOf(books, '慰问台账.xlsx', '节日慰问').headers).toEqual(
      expect.arrayContaining(['慰问类型', '金额（元）']),
    );
    expect(sheetOf(books, '慰问台账.xlsx', '送温暖及个人慰问').headers).toContain('联系人备注');
    // Units as canonical names and as aliases.
    const units = new Set(table(books, '慰问台账.xlsx', '节日慰问').map((r) => r['所属工会']));
    expect(units).toContain('机电学院');
  });
});

describe('the demo year (§8.1, §8.2): members', () => {
  const members = table(books, '会员名册.xlsx');
  const active = members.filter((m) => m['会员状态'] === '在会');

  it('has 1,036 在会 members joined by 2023-01-01 and 12 retired in 2022', () => {
    expect(members).toHaveLength(1048);
    expect(active).toHaveLength(1036);
    const retired = members.filter((m) => m['会员状态'] === '退休');
    expect(retired).toHaveLength(12);
    for (const m of retired) expect(iso(m['离会日期']).slice(0, 4)).toBe('2022');
    for (const m of active) {
      expect(iso(m['*入会日期']) <= '2023-01-01').toBe(true);
      expect(m['离会日期']).toBeNull();
    }
  });

  it('has the members and women of §8.1 per unit', () => {
    expect(countBy(active, (m) => unitId(m['*所属工会']))).toEqual(MEMBERS);
    expect(
      countBy(
        active.filter((m) => m['*性别'] === '女'),
        (m) => unitId(m['*所属工会']),
      ),
    ).toEqual(FEMALE);
  });

  it('has unique staff numbers {hire year}{4-digit sequence}', () => {
    const nos = members.map((m) => m['*工号'] as string);
    expect(new Set(nos).size).toBe(1048);
    for (const m of members) {
      expect(m['*工号']).toMatch(/^(19|20)\d{2}\d{4}$/);
      expect((m['*工号'] as string).slice(0, 4)).toBe(iso(m['*入会日期']).slice(0, 4));
    }
    expect(new Set(members.map((m) => m['*姓名'])).size).toBe(1048);
  });

  it('has 150 reps, 96 of them 专任教师, in 12 delegations', () => {
    const reps = members.filter((m) => m['是否教代会代表'] === '是');
    expect(reps).toHaveLength(150);
    expect(reps.filter((m) => m['人员类别'] === '专任教师')).toHaveLength(96);
    expect(reps.every((m) => m['会员状态'] === '在会')).toBe(true);
    const delegations = new Set(reps.map((m) => m['代表团']));
    expect(delegations.size).toBe(12);
    for (const d of delegations) expect(d).toMatch(/代表团$/);
    expect(members.filter((m) => m['是否教代会代表'] === '否').every((m) => m['代表团'] === null)).toBe(true);
  });

  it('has 362 members with children under 14 and last-four identity numbers on half the rows', () => {
    expect(active.filter((m) => (m['14周岁以下子女数'] as number) >= 1)).toHaveLength(362);
    const ids = members.filter((m) => m['身份证号后四位'] !== null);
    expect(ids).toHaveLength(524);
    for (const m of ids) expect(m['身份证号后四位']).toMatch(/^\d{3}[\dX]$/);
  });
});

describe('the demo year (§8.2): welfare', () => {
  const rows = table(books, '慰问台账.xlsx');
  const members = new Map(table(books, '会员名册.xlsx').map((m) => [m['*工号'], m]));
  const norm = rows.map((r) => ({
    staffNo: (r['*工号'] ?? r['工号']) as string,
    unit: unitId(r['所属工会'] ?? r['分工会']),
    type: (r['慰问类型'] ?? r['慰问类别']) as string,
    festival: (r['节日'] ?? null) as string | null,
    form: r['慰问形式'] as string,
    amount: yuan(r['金额（元）'] ?? r['慰问金额']),
    date: iso(r['慰问日期']),
    reason: (r['事由'] ?? null) as string | null,
    relation: (r['亲属关系'] ?? null) as string | null,
    surgery: (r['是否手术'] ?? null) as string | null,
  }));
  type W = (typeof norm)[number];
  const group = (w: W): string => `${w.type}|${w.festival ?? ''}|${w.amount}`;

  it('has 3,226 rows with the batches and occasions of §8.2', () => {
    expect(norm).toHaveLength(3226);
    expect(countBy(norm, group)).toEqual({
      '节日慰问|春节|500': 1036,
      '节日慰问|中秋国庆|500': 1036,
      '三八节慰问||100': 548,
      '儿童节慰问||100': 362,
      '送温暖||800': 120,
      '生育慰问||500': 38,
      '生病住院慰问||500': 35,
      '生病住院慰问||1000': 22,
      '直系亲属去世慰问||1000': 29,
    });
    expect(
      countBy(
        norm.filter((w) => w.type === '送温暖'),
        (w) => w.date,
      ),
    ).toEqual({
      '2023-01-10': 62,
      '2023-09-20': 58,
    });
    const batchDates = countBy(
      norm.filter((w) => w.type !== '送温暖' && ['节日慰问', '三八节慰问', '儿童节慰问'].includes(w.type)),
      (w) => `${w.type}|${w.date}`,
    );
    expect(batchDates).toEqual({
      '节日慰问|2023-01-13': 1036,
      '节日慰问|2023-09-22': 1036,
      '三八节慰问|2023-03-08': 548,
      '儿童节慰问|2023-05-31': 362,
    });
    for (const w of norm) expect(w.date.slice(0, 4)).toBe('2023');
  });

  it('totals 1,310,500 元: 1,214,500 on 50105 and 96,000 of 送温暖 on 50205', () => {
    const total = norm.reduce((s, w) => s + w.amount, 0);
    expect(total).toBe(1_310_500);
    expect(norm.filter((w) => w.type === '送温暖').reduce((s, w) => s + w.amount, 0)).toBe(96_000);
    expect(norm.filter((w) => w.type !== '送温暖').reduce((s, w) => s + w.amount, 0)).toBe(1_214_500);
    expect(new Set(norm.map((w) => w.staffNo)).size).toBe(1036);
  });

  it('keeps every welfare rule', () => {
    for (const w of norm) {
      const m = members.get(w.staffNo)!;
      expect(m, w.staffNo).toBeDefined();
      expect(m['会员状态']).toBe('在会');
      expect(unitId(m['*所属工会'])).toBe(w.unit);
      if (w.type === '节日慰问') {
        expect(w.form).toBe('慰问品');
        expect(w.festival).not.toBeNull();
      }
      if (['送温暖', '生病住院慰问', '直系亲属去世慰问'].includes(w.type)) expect(w.reason).toBeTruthy();
      if (w.type === '直系亲属去世慰问') expect(['配偶', '父母', '子女']).toContain(w.relation);
      if (w.type === '三八节慰问') expect(m['*性别']).toBe('女');
      if (w.type === '儿童节慰问') expect(m['14周岁以下子女数']).toBeGreaterThanOrEqual(1);
      if (w.type === '生病住院慰问') expect(w.surgery).toBe(w.amount === 1000 ? '是' : '否');
    }
    // No duplicates: person + type + date, person + festival.
    expect(new Set(norm.map((w) => `${w.staffNo}|${w.type}|${w.date}`)).size).toBe(3226);
    const festivals = norm.filter((w) => w.festival !== null);
    expect(new Set(festivals.map((w) => `${w.staffNo}|${w.festival}`)).size).toBe(festivals.length);
  });
});

describe('the demo year (§8.2): check-ups, activities, awards, honours', () => {
  it('has 858 check-ups per §8.1 in the window, at the one institution, paid by the school', () => {
    const rows = table(books, '体检名单.xlsx');
    expect(rows).toHaveLength(858);
    expect(countBy(rows, (r) => unitId(r['单位']))).toEqual(CHECKUPS);
    for (const r of rows) {
      const d = iso(r['体检日期']);
      expect(d >= '2023-10-09' && d <= '2023-11-17').toBe(true);
      expect(r['经费来源']).toBe('学校行政');
    }
    expect(new Set(rows.map((r) => r['体检医院'])).size).toBe(1);
    expect(new Set(rows.map((r) => r['工号'])).size).toBe(858);
  });

  const acts = table(books, '活动台账.xlsx');
  const kind = (a: Row): string => `${a['活动级别']}|${a['活动类别']}`;

  it('has 57 activities of the kinds of §8.2', () => {
    expect(acts).toHaveLength(57);
    expect(countBy(acts, kind)).toEqual({
      '校级|文体活动': 9,
      '二级工会|文体活动': 35,
      '参加上级|文体活动': 4,
      '校级|思想政治学习': 3,
      '校级|代表培训': 1,
      '参加上级|联谊活动': 2,
      '校级|干部培训': 3,
    });
  });

  it('has the 9 school 文体 activities with their names and dates', () => {
    const school = acts.filter((a) => kind(a) === '校级|文体活动');
    expect(school.map((a) => [a['*活动名称'], iso(a['开始日期'])])).toEqual([
      ['三八节女教职工活动', '2023-03-08'],
      ['教职工健步走', '2023-04-06'],
      ['乒乓球比赛', '2023-04-20'],
      ['羽毛球比赛', '2023-05-18'],
      ['“守护童真放飞想象”亲子阅读活动', '2023-05-27'],
      ['“我们的节日”端午节活动', '2023-06-20'],
      ['陆地冰壶比赛', '2023-10-26'],
      ['棋类比赛', '2023-11-16'],
      ['迎新年趣味游园', '2023-12-28'],
    ]);
    for (const a of school) {
      expect(a['参与人次']).toBeGreaterThanOrEqual(40);
      expect(a['参与人次']).toBeLessThanOrEqual(320);
      expect(unitId(a['组织单位'])).toBe('school');
    }
  });

  it('has 35 sub-union 文体 activities summing to each unit’s participants (4,126)', () => {
    const sub = acts.filter((a) => kind(a) === '二级工会|文体活动');
    expect(countBy(sub, (a) => unitId(a['组织单位']))).toEqual(SPORTS);
    expect(
      sumBy(
        sub,
        (a) => unitId(a['组织单位']),
        (a) => a['参与人次'] as number,
      ),
    ).toEqual(PARTICIPANTS);
    expect(sub.reduce((s, a) => s + (a['参与人次'] as number), 0)).toBe(4126);
    for (const a of sub) {
      const u = unitId(a['组织单位']);
      expect(a['参与人次']).toBeGreaterThanOrEqual(40);
      expect(a['参与人次']).toBeLessThanOrEqual(Math.min(220, 3 * MEMBERS[u]!));
    }
    expect(new Set(sub.map((a) => `${unitId(a['组织单位'])}|${a['*活动名称']}`)).size).toBe(35);
  });

  it('has the seed’s training, study, social and external events', () => {
    const named = (k: string): unknown[] => acts.filter((a) => kind(a) === k).map((a) => a['*活动名称']);
    expect(named('参加上级|联谊活动')).toEqual([
      '2023年“渝见 会聚良缘”联谊活动',
      '“科创未来 文筑幸福”联谊活动',
    ]);
    expect(named('校级|干部培训')).toEqual([
      '赴重庆科技大学学习',
      '赴重庆工商大学学习',
      '参观市教科文卫体工会职工之家成果展',
    ]);
    const training = acts.find((a) => a['活动类别'] === '代表培训')!;
    expect(iso(training['开始日期'])).toBe('2023-12-14');
    expect(training['主讲人']).toBe('重庆科技大学工会常务副主席陈勇');
    for (const a of acts.filter((x) => kind(x) === '参加上级|文体活动')) {
      expect(a['参与人次']).toBeGreaterThanOrEqual(8);
      expect(a['参与人次']).toBeLessThanOrEqual(40);
    }
    for (const a of acts) expect(iso(a['开始日期']) <= '2023-12-31').toBe(true);
  });

  it('has 4 external awards (seed) and 12 校级 individual results', () => {
    const awards = table(books, '比赛获奖台账.xlsx');
    expect(awards).toHaveLength(16);
    const external = awards.filter((a) => a['比赛级别'] !== '校级');
    expect(external.map((a) => [a['比赛名称'], a['项目'], a['组别'], a['获奖等次'], a['获奖类型']])).toEqual([
      [
        '重庆市第二届职工文艺展演（电视舞蹈大赛）暨成渝地区双城经济圈职工舞蹈邀请赛',
        '现代舞',
        null,
        '三等奖',
        '集体',
      ],
      ['2023年重庆市职工诗词大赛', null, null, '三等奖', '集体'],
      ['重庆市教科文卫系统职工羽毛球赛', null, '教育系统组', '二等奖', '集体'],
      ['第22届重庆市“健康校园杯”高校专家教授运动会', '欢乐龙舟赛', null, '第八名', '集体'],
    ]);
    expect(external.every((a) => a['比赛级别'] === '市级' && a['获奖者'] === '校工会代表队')).toBe(true);
    expect(external.filter((a) => String(a['活动主题'] ?? '').includes('中国梦·劳动美'))).toHaveLength(1);
    const school = awards.filter((a) => a['比赛级别'] === '校级');
    expect(school).toHaveLength(12);
    expect(school.every((a) => a['获奖类型'] === '个人' && /^\d{8}$/.test(String(a['工号'])))).toBe(true);
  });

  it('has 43 honours: 3 先进集体, 39 优秀工会会员 per §8.1, 1 三八红旗手 candidate', () => {
    const honours = table(books, '表彰名单.xlsx');
    expect(honours).toHaveLength(43);
    const collectives = honours.filter((h) => h['表彰名称'] === '工会工作先进集体');
    expect(collectives.map((h) => h['表彰对象'])).toEqual(['文新学院工会', '机电学院工会', '机关分工会']);
    const excellent = honours.filter((h) => h['表彰名称'] === '优秀工会会员');
    expect(countBy(excellent, (h) => unitId(h['所属工会']))).toEqual(EXCELLENT);
    for (const h of [...collectives, ...excellent]) {
      expect([h['级别'], h['状态'], iso(h['表彰日期'])]).toEqual(['校级', '已授予', '2023-04-28']);
    }
    const red = honours.filter((h) => h['表彰名称'] === '三八红旗手');
    expect(red).toHaveLength(1);
    expect([red[0]!['级别'], red[0]!['状态'], iso(red[0]!['表彰日期']), unitId(red[0]!['所属工会'])]).toEqual(
      ['市级', '推荐', '2023-02-20', 'nursing'],
    );
    const members = new Map(table(books, '会员名册.xlsx').map((m) => [m['*工号'], m]));
    expect(members.get(red[0]!['工号'])!['*性别']).toBe('女');
  });
});

describe('the demo year (§8.2): congress, ideas, participation, enrolment, homes', () => {
  const members = new Map(table(books, '会员名册.xlsx').map((m) => [m['*工号'] as string, m]));
  const isRep = (no: unknown): boolean => members.get(no as string)?.['是否教代会代表'] === '是';

  it('has 47 proposals with the review, reply and feedback counts of §8.2', () => {
    const p = table(books, '提案登记表.xlsx');
    expect(p).toHaveLength(47);
    expect(p.map((x) => x['提案编号'])).toEqual(
      Array.from({ length: 47 }, (_, i) => `2023-${String(i + 1).padStart(3, '0')}`),
    );
    expect(countBy(p, (x) => String(x['审查结果']))).toEqual({ 立案: 26, 转为意见建议: 16, 不予立案: 5 });
    expect(countBy(p, (x) => String(x['提案人意见']))).toEqual({
      满意: 19,
      基本满意: 6,
      不满意: 1,
      null: 21,
    });
    expect(p.filter((x) => x['办结日期'] !== null)).toHaveLength(25);
    for (const x of p) {
      const submitted = iso(x['提交日期']);
      expect(submitted >= '2023-03-06' && submitted <= '2023-03-20').toBe(true);
      expect(iso(x['审查日期'])).toBe('2023-04-07');
      expect(isRep(x['提案人工号'])).toBe(true);
      expect(members.get(x['提案人工号'] as string)!['*姓名']).toBe(x['提案人']);
      expect(members.get(x['提案人工号'] as string)!['代表团']).toBe(x['代表团']);
      expect(String(x['附议人']).split('、').length).toBeGreaterThanOrEqual(2);
      if (x['审查结果'] === '立案') {
        expect(iso(x['交办日期'])).toBe('2023-04-14');
        const replied = iso(x['答复日期']);
        expect(replied >= '2023-05-15' && replied <= '2023-06-30').toBe(true);
        expect(x['承办部门']).toBeTruthy();
        expect(x['状态']).toBe(x['提案人意见'] === '不满意' ? '已反馈' : '已办结');
        if (x['提案人意见'] === '不满意') expect(x['办结日期']).toBeNull();
        else expect(iso(x['办结日期']) <= '2023-12-31').toBe(true);
      } else {
        expect(x['答复日期']).toBeNull();
        expect(x['状态']).toBe(x['审查结果'] === '不予立案' ? '不立案' : '转意见建议');
        if (x['审查结果'] === '不予立案') expect(x['不立案理由']).toBeTruthy();
      }
    }
  });

  it('has 14 ideas: 1 金点子 of 2,000 元, 3 优秀点子, 10 未入选', () => {
    const ideas = table(books, '金点子征集表.xlsx');
    expect(ideas).toHaveLength(14);
    expect(countBy(ideas, (i) => String(i['评审结果']))).toEqual({ 金点子: 1, 优秀点子: 3, 未入选: 10 });
    expect(
      ideas.filter((i) => i['奖励金额'] !== null).map((i) => [i['评审结果'], yuan(i['奖励金额'])]),
    ).toEqual([['金点子', 2000]]);
    for (const i of ideas) {
      const d = iso(i['提交日期']);
      expect(d >= '2023-09-01' && d <= '2023-10-31').toBe(true);
      expect(members.get(i['工号'] as string)!['*姓名']).toBe(i['提出人']);
    }
  });

  it('has the 双代会 with its 6 reports and the 执委会 with its 3 items', () => {
    const m = table(books, '会议议程台账.xlsx');
    expect(
      m.map((x) => [x['会议名称'], x['会议类型'], iso(x['会议日期']), x['议题'], x['议题类型']]),
    ).toEqual([
      ['第二届教代会暨第一届工代会第二次会议', '双代会', '2023-03-24', '学校工作报告', '工作报告'],
      ['第二届教代会暨第一届工代会第二次会议', '双代会', '2023-03-24', '教代会暨工会工作报告', '工作报告'],
      ['第二届教代会暨第一届工代会第二次会议', '双代会', '2023-03-24', '学校法治工作报告', '工作报告'],
      ['第二届教代会暨第一届工代会第二次会议', '双代会', '2023-03-24', '学术委员会工作报告', '工作报告'],
      ['第二届教代会暨第一届工代会第二次会议', '双代会', '2023-03-24', '2022年工会经费审查报告', '财务报告'],
      ['第二届教代会暨第一届工代会第二次会议', '双代会', '2023-03-24', '提案工作报告', '工作报告'],
      ['教代会执委会工作会议', '执委会', '2023-06-08', '教师系列职称申报评审条件', '规章制度'],
      ['教代会执委会工作会议', '执委会', '2023-06-08', '教师系列职称申报评审工作管理办法', '规章制度'],
      ['教代会执委会工作会议', '执委会', '2023-06-08', '二级单位2023年年度考核实施方案', '方案'],
    ]);
    for (const x of m.slice(0, 6)) expect([x['应到代表数'], x['实到代表数']]).toEqual([150, 138]);
  });

  it('has 25 participation rows: 8 reps sat in on 4 校务会, 7 others discussed 3 documents', () => {
    const p = table(books, '代表参与民主管理登记.xlsx');
    expect(p).toHaveLength(25);
    const satIn = p.filter((x) => x['参与形式'] === '列席校务会');
    const consulted = p.filter((x) => x['参与形式'] === '参与文件讨论');
    expect(satIn).toHaveLength(16);
    expect(consulted).toHaveLength(9);
    expect(countBy(satIn, (x) => iso(x['日期']))).toEqual({
      '2023-03-21': 4,
      '2023-05-16': 4,
      '2023-09-19': 4,
      '2023-11-21': 4,
    });
    const a = new Set(satIn.map((x) => x['工号']));
    const b = new Set(consulted.map((x) => x['工号']));
    expect(a.size).toBe(8);
    expect(b.size).toBe(7);
    expect([...a].some((x) => b.has(x))).toBe(false);
    expect(countBy(consulted, (x) => String(x['事项']))).toEqual({
      本科教学工作合格评估自评报告: 3,
      整改报告: 3,
      新职称文件: 3,
    });
    for (const x of p) {
      expect(isRep(x['工号'])).toBe(true);
      expect(members.get(x['工号'] as string)!['*姓名']).toBe(x['代表姓名']);
    }
  });

  it('has 3 enrolment requests: 小学 and 幼儿园 placed via 合川区教委, one not placed', () => {
    const e = table(books, '子女入学登记.xlsx');
    expect(e).toHaveLength(3);
    const placed = e.filter((x) => x['落实情况'] === '已落实');
    expect(placed.map((x) => [x['入学学段'], iso(x['落实日期'])]).sort()).toEqual([
      ['小学', '2023-08-25'],
      ['幼儿园', '2023-08-30'],
    ]);
    expect(e.filter((x) => x['落实情况'] === '未落实')).toHaveLength(1);
    expect(e.every((x) => x['协调单位'] === '合川区教委')).toBe(true);
    for (const x of e)
      expect(members.get(x['工号'] as string)!['14周岁以下子女数']).toBeGreaterThanOrEqual(1);
  });

  it('has 13 homes: the school’s 先进职工之家, 5 先进 and 5 合格 小家, pairings as in §6', () => {
    const h = table(books, '职工之家建设台账.xlsx');
    expect(h).toHaveLength(13);
    const school = h.find((x) => unitId(x['单位']) === 'school')!;
    expect([
      school['建设类型'],
      school['等级'],
      school['认定单位'],
      iso(school['认定日期']),
      school['结对共建单位'],
    ]).toEqual(['职工之家', '先进', '重庆市教科文卫体工会', '2023-11-28', '重庆科技大学工会']);
    const subs = h.filter((x) => x !== school);
    const grades = [
      '先进',
      '先进',
      '先进',
      '合格',
      '合格',
      '合格',
      '先进',
      '合格',
      '创建中',
      '创建中',
      '先进',
      '合格',
    ];
    expect(Object.fromEntries(subs.map((x) => [unitId(x['单位']), x['等级']]))).toEqual(
      Object.fromEntries(UNITS.map((u, i) => [u, grades[i]])),
    );
    expect(countBy(subs, (x) => String(x['等级']))).toEqual({ 先进: 5, 合格: 5, 创建中: 2 });
    for (const x of subs) {
      expect(x['建设类型']).toBe('职工小家');
      if (x['等级'] === '创建中') continue;
      expect(x['认定单位']).toBe('校工会');
      const d = iso(x['认定日期']);
      expect(d >= '2021-01-01' && d <= '2023-12-31').toBe(true);
    }
    for (const x of h.filter((y) => y['等级'] !== '创建中'))
      for (const k of Object.keys(x).filter((k) => k.startsWith('有'))) expect(x[k]).toBe('√');
    expect(
      Object.fromEntries(
        h.filter((x) => x['结对共建单位'] !== null).map((x) => [unitId(x['单位']), x['结对共建单位']]),
      ),
    ).toEqual({
      school: '重庆科技大学工会',
      'lit-news': '重庆科技大学图书馆与职业技术师范学院分工会',
      'mech-info': '重庆科技大学冶金与材料工程学院分工会',
      business: '重庆科技大学石油与天然气工程学院分工会',
    });
  });
});

describe('the demo year (§8.1, §8.3): budget and expenses', () => {
  const budget = table(books, '经费预算表.xlsx').map((b) => ({
    unit: unitId(b['预算单位']),
    account: String(b['预算科目']),
    amount: yuan(b['预算金额（元）']),
  }));
  const expenses = table(books, '支出明细账.xlsx').map((e) => ({
    unit: unitId(e['所属工会']),
    account: /^\d+/.exec(String(e['支出科目']))![0],
    amount: yuan(e['金额（元）']),
    summary: String(e['摘要']),
    linkRef: e['关联活动'] as string | null,
    date: iso(e['日期']),
  }));
  const school = expenses.filter((e) => e.unit === 'school');

  it('has 23 budget lines: 2,240,000 for the school, 150 元 × members per sub-union, 2,395,400 in all', () => {
    expect(budget).toHaveLength(23);
    expect(budget.filter((b) => b.unit === 'school').reduce((s, b) => s + b.amount, 0)).toBe(2_240_000);
    const subs = budget.filter((b) => b.unit !== 'school');
    expect(subs).toHaveLength(12);
    expect(Object.fromEntries(subs.map((b) => [b.unit, b.amount]))).toEqual(BUDGET);
    expect(subs.every((b) => b.account === '文体活动支出')).toBe(true);
    for (const b of subs) expect(b.amount).toBe(150 * MEMBERS[b.unit]!);
    expect(budget.reduce((s, b) => s + b.amount, 0)).toBe(2_395_400);
  });

  it('has 197 expense rows: the school groups of §8.3 and one row per sub-union activity', () => {
    expect(expenses).toHaveLength(197);
    expect(school).toHaveLength(162);
    expect(countBy(school, (e) => e.account)).toEqual({
      '50105': 128,
      '50205': 2,
      '50102': 13,
      '50101': 4,
      '50103': 3,
      '50301': 3,
      '50302': 2,
      '50304': 4,
      '505': 2,
      '508': 1,
    });
    expect(
      sumBy(
        school,
        (e) => e.account,
        (e) => e.amount,
      ),
    ).toEqual({
      '50105': 1_214_500,
      '50205': 96_000,
      '50102': 268_400,
      '50101': 31_600,
      '50103': 12_800,
      '50301': 28_500,
      '50302': 52_300,
      '50304': 143_200,
      '505': 165_000,
      '508': 6_000,
    });
    expect(school.reduce((s, e) => s + e.amount, 0)).toBe(2_018_300);
    const batches = school
      .filter((e) => e.account === '50105' && e.amount > 10_000)
      .map((e) => e.amount)
      .sort((a, b) => b - a);
    expect(batches).toEqual([518_000, 518_000, 54_800, 36_200]);
    expect(
      school
        .filter((e) => e.account === '50205')
        .map((e) => e.amount)
        .sort((a, b) => b - a),
    ).toEqual([49_600, 46_400]);
    for (const e of expenses) expect(e.amount % 10).toBe(0);
    expect(expenses.reduce((s, e) => s + e.amount, 0)).toBe(2_150_680);
    expect(expenses.every((e) => e.date >= '2023-01-01' && e.date <= '2023-12-31')).toBe(true);
  });

  it('has each sub-union’s actual of §8.1 (132,380 in all) and its execution rate', () => {
    const subs = expenses.filter((e) => e.unit !== 'school');
    expect(subs).toHaveLength(35);
    expect(subs.every((e) => e.account === '50102')).toBe(true);
    const actual = sumBy(
      subs,
      (e) => e.unit,
      (e) => e.amount,
    );
    expect(actual).toEqual(ACTUAL);
    expect(subs.reduce((s, e) => s + e.amount, 0)).toBe(132_380);
    for (const u of UNITS) expect(rate(actual[u]!, BUDGET[u]!)).toBe(RATE[u]);
    expect(rate(2_150_680, 2_395_400)).toBe(89.78);
    expect(rate(2_018_300, 2_240_000)).toBe(90.1);
  });

  it('books every activity’s cost on exactly one matching expense row', () => {
    const acts = table(books, '活动台账.xlsx').filter((a) => a['经费（元）'] !== null);
    expect(acts).toHaveLength(13 + 35 + 4 + 3);
    for (const a of acts) {
      const unit = unitId(a['组织单位']);
      const rows = expenses.filter((e) => e.linkRef === a['*活动名称'] && e.unit === unit);
      expect(rows, String(a['*活动名称'])).toHaveLength(1);
      expect(rows[0]!.amount).toBe(yuan(a['经费（元）']));
    }
    const sports = acts.filter((a) => a['活动类别'] === '文体活动');
    expect(
      sumBy(
        sports,
        (a) => unitId(a['组织单位']),
        (a) => yuan(a['经费（元）']),
      ),
    ).toEqual({
      school: 268_400,
      ...ACTUAL,
    });
  });

  it('names the recipient of each individual welfare payment, so no two expense rows look alike', () => {
    const individual = school.filter((e) => e.account === '50105' && e.amount <= 10_000);
    expect(individual).toHaveLength(124);
    expect(individual.every((e) => /^(生育慰问|生病住院慰问|直系亲属去世慰问) \S+$/.test(e.summary))).toBe(
      true,
    );
    const keys = expenses.map((e) => `${e.unit}|${e.date}|${e.account}|${e.amount}|${e.summary}`);
    expect(new Set(keys).size).toBe(197);
  });
});

/** Every figure of §8 that the seed must not change, from the raw rows. */
function figures(b: readonly DemoWorkbook[]): Record<string, unknown> {
  const by = (
    file: string,
    unitHeader: string,
    pred: (r: Row) => boolean = () => true,
  ): Record<string, number> => countBy(table(b, file).filter(pred), (r) => unitId(r[unitHeader]));
  const welfare = table(b, '慰问台账.xlsx');
  const expenses = table(b, '支出明细账.xlsx');
  return {
    rows: b.map((x) => x.sheets.map((s) => s.rows.length)),
    members: by('会员名册.xlsx', '*所属工会', (r) => r['会员状态'] === '在会'),
    women: by('会员名册.xlsx', '*所属工会', (r) => r['*性别'] === '女' && r['会员状态'] === '在会'),
    reps: by('会员名册.xlsx', '*所属工会', (r) => r['是否教代会代表'] === '是'),
    children: by('会员名册.xlsx', '*所属工会', (r) => (r['14周岁以下子女数'] as number) > 0),
    welfareByUnit: sumBy(
      welfare,
      (r) => unitId(r['所属工会'] ?? r['分工会']),
      (r) => yuan(r['金额（元）'] ?? r['慰问金额']),
    ),
    welfareByType: sumBy(
      welfare,
      (r) => String(r['慰问类型'] ?? r['慰问类别']),
      (r) => yuan(r['金额（元）'] ?? r['慰问金额']),
    ),
    checkups: by('体检名单.xlsx', '单位'),
    participants: sumBy(
      table(b, '活动台账.xlsx'),
      (r) => `${unitId(r['组织单位'])}|${r['活动类别']}`,
      (r) => (r['活动级别'] === '二级工会' ? (r['参与人次'] as number) : 0),
    ),
    expenses: sumBy(
      expenses,
      (r) => `${unitId(r['所属工会'])}|${/^\d+/.exec(String(r['支出科目']))![0]}`,
      (r) => yuan(r['金额（元）']),
    ),
    budget: table(b, '经费预算表.xlsx').map((r) => yuan(r['预算金额（元）'])),
    proposals: countBy(
      table(b, '提案登记表.xlsx'),
      (r) => `${r['审查结果']}|${r['提案人意见']}|${r['状态']}`,
    ),
    homes: table(b, '职工之家建设台账.xlsx').map((r) => [r['单位'], r['等级']]),
  };
}

describe('the demo year: determinism', () => {
  it('gives identical workbooks for the same seed', () => {
    expect(generateDemoYear({ year: 2023, seed: 20231231 })).toEqual(books);
    expect(generateDemoYear({ year: 2023, seed: 7 })).toEqual(generateDemoYear({ year: 2023, seed: 7 }));
  });

  it('changes names, numbers and dates with the seed, never a count or a total', () => {
    const others = [1, 42, 987654321].map((seed) => generateDemoYear({ year: 2023, seed }));
    const names = (b: readonly DemoWorkbook[]): unknown[] => table(b, '会员名册.xlsx').map((m) => m['*姓名']);
    const numbers = (b: readonly DemoWorkbook[]): unknown[] =>
      table(b, '会员名册.xlsx').map((m) => m['*工号']);
    const dates = (b: readonly DemoWorkbook[]): unknown[] =>
      table(b, '活动台账.xlsx').map((a) => iso(a['开始日期']));
    const base = figures(books);
    for (const o of others) {
      expect(names(o)).not.toEqual(names(books));
      expect(numbers(o)).not.toEqual(numbers(books));
      expect(dates(o)).not.toEqual(dates(books));
      expect(figures(o)).toEqual(base);
    }
  });

  it('only has demo data for 2023 and 2024', () => {
    expect(() => generateDemoYear({ year: 2025 })).toThrow(/2023 and 2024/);
  });
});
