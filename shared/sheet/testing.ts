import type { CellRange, CellWrite, UsedRange } from './port.js';

/**
 * Sheets shaped like the ones officers keep, for tests of the engine and of its adapters, and
 * an in-memory sheet that applies CellWrites as an adapter would. Not exported by index.ts.
 */

/** 'A' → 1, 'L' → 12, 'AA' → 27. */
export function colNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** 'A1:L1' → a CellRange. */
export function range(ref: string): CellRange {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad range ${ref}`);
  return { left: colNumber(m[1]!), top: Number(m[2]), right: colNumber(m[3]!), bottom: Number(m[4]) };
}

export function usedRange(values: unknown[][], merges: string[] = [], top = 1, left = 1): UsedRange {
  return { top, left, values, merges: merges.map(range) };
}

/** An in-memory sheet: values, notes and fills, applying writes as an adapter does. */
export class MemorySheet {
  values: unknown[][];
  readonly notes = new Map<string, string>();
  readonly fills = new Map<string, string>();

  constructor(
    private readonly used: UsedRange,
    readonly name = 'Sheet1',
  ) {
    this.values = used.values.map((r) => [...r]);
  }

  read(): UsedRange {
    const width = Math.max(0, ...this.values.map((r) => r.length));
    return {
      ...this.used,
      values: this.values.map((r) => [...r, ...Array<unknown>(width - r.length).fill(null)]),
    };
  }

  cell(row: number, col: number): unknown {
    return this.values[row - this.used.top]?.[col - this.used.left] ?? null;
  }

  write(writes: readonly CellWrite[]): void {
    for (const w of writes) {
      const key = `${w.row},${w.col}`;
      if (w.value !== undefined) {
        const r = w.row - this.used.top;
        while (this.values.length <= r) this.values.push([]);
        const row = this.values[r]!;
        while (row.length < w.col - this.used.left) row.push(null);
        row[w.col - this.used.left] = w.value;
      }
      if (w.note === null) this.notes.delete(key);
      else if (w.note !== undefined) this.notes.set(key, w.note);
      if (w.fill === 'none') this.fills.delete(key);
      else if (w.fill !== undefined) this.fills.set(key, w.fill);
    }
  }
}

const L = 13;
const pad = (row: unknown[]): unknown[] => [
  ...row,
  ...Array<unknown>(Math.max(0, L - row.length)).fill(null),
];

/**
 * 慰问台账 of 机电学院工会: a merged title, a 填报单位 line, starred headers with （元） and a
 * line break, a 序号 column, an unknown column (联系电话), a blank row, a 合计 row merged
 * across the first columns and a 填表人 footer.
 */
export function welfareSheet(): UsedRange {
  return usedRange(
    [
      pad(['机电学院工会2023年慰问台账']),
      pad(['填报单位：机电学院工会    填报日期：2023年12月']),
      [
        '序号',
        '*慰问日期',
        '工号',
        '姓名',
        '所属工会',
        '*慰问类别',
        '节日',
        '慰问形式',
        '*金额（元）',
        '事由',
        '本人\n签收',
        '联系电话',
        '备注',
      ],
      [
        1,
        new Date(Date.UTC(2023, 0, 16)),
        20150032,
        '张三',
        '机电学院工会',
        '春节慰问',
        '春节',
        '慰问品',
        300,
        null,
        '是',
        '13800000001',
        null,
      ],
      [
        2,
        45000,
        '20160018',
        '李 四',
        '机电学院',
        '生病住院慰问',
        null,
        '慰问金',
        '1,000.00元',
        '住院手术',
        '√',
        null,
        '住院十天',
      ],
      pad([]),
      [
        3,
        '2023/3/8',
        '20170021',
        '王芳',
        '机电学院工会',
        '三八节慰问',
        null,
        '慰问品',
        100,
        null,
        '是',
        null,
        null,
      ],
      pad(['合计', null, null, null, null, null, null, null, 1400]),
      pad(['填表人：王五', null, null, null, null, '审核人：赵六']),
    ],
    ['A1:M1', 'A2:M2', 'A8:H8'],
  );
}

/**
 * 提案登记表 with a two-row header: 提案人 merged over 姓名 and 工号; the other headers merged
 * down both rows.
 */
export function proposalsSheet(): UsedRange {
  return usedRange(
    [
      ['第二届教代会第三次会议提案登记表', null, null, null, null, null, null, null, null],
      ['序号', '提案编号', '案由', '提案人', null, '代表团', '附议人', '提交日期', '审查结果'],
      [null, null, null, '姓名', '工号', null, null, null, null],
      [
        1,
        'T2023-01',
        '关于改善教职工食堂就餐环境的建议',
        '张三',
        '20150032',
        '机电',
        '李四、王芳',
        '2023-03-01',
        '立案',
      ],
      [
        2,
        'T2023-02',
        '关于增设校园充电桩的建议',
        '李四',
        '20160018',
        '文新',
        '张三，王芳',
        '2023-03-02',
        '转意见建议',
      ],
    ],
    ['A1:I1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:E2', 'F2:F3', 'G2:G3', 'H2:H3', 'I2:I3'],
  );
}
