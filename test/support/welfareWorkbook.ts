import { writeDemoWorkbooks } from '../../cli/src/demo/writeWorkbooks.js';

/**
 * A 慰问台账 workbook of any size, every row valid and no two alike: what the benchmarks push
 * and validate (bench/), and what CLI tests push when they need a plain ledger file.
 */
export const WELFARE_HEADERS = [
  '慰问日期',
  '工号',
  '姓名',
  '所属工会',
  '慰问类别',
  '慰问形式',
  '金额',
  '事由',
  '经办人',
  '备注',
];
const UNITS = ['机电学院', '文新学院工会', '工商学院', '管理学院', '护理学院'];

/** Row i of the benchmark's 慰问台账, in WELFARE_HEADERS order: all valid, no two alike. */
export function welfareRow(i: number, remarks: string | null = null): unknown[] {
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  return [
    `2023-${month}-${day}`,
    String(30_000_000 + i),
    `职工${i}`,
    UNITS[i % UNITS.length],
    '生育慰问',
    '慰问品',
    i % 3 ? '500.00元' : 500,
    '生育',
    '王老师',
    remarks,
  ];
}

export async function writeWelfareWorkbook(dir: string, rows: number): Promise<string> {
  const [file] = await writeDemoWorkbooks(
    [
      {
        file: '慰问台账.xlsx',
        sheets: [
          {
            name: '慰问台账',
            titleRows: ['2023年慰问台账（基准测试）'],
            headers: WELFARE_HEADERS,
            rows: Array.from({ length: rows }, (_, i) => welfareRow(i)),
            columnFormats: { 1: '@' },
          },
        ],
      },
    ],
    dir,
  );
  return file!;
}
