import type { CellRange } from '../../../shared/sheet/port.js';

/**
 * A 慰问台账 as an officer of 机电学院工会 keeps it, with the values Excel's Range.values gives
 * (dates as serial numbers, 工号 as text, empty cells as ''): a merged title and 填报单位 line,
 * starred headers with （元）, a 序号 column, an unknown column (联系电话), three good rows,
 * three faulty ones (cash for a festival, an impossible date, a malformed 工号), a 合计 row
 * and a 填表人 footer.
 */
export const WELFARE_SHEET = '慰问台账';

export const WELFARE_HEADERS = [
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
  '本人签收',
  '联系电话',
  '备注',
];

/** Column numbers of the fields the tests look at. */
export const COL = {
  date: 2,
  staffNo: 3,
  name: 4,
  form: 8,
  amount: 9,
  remarks: 13,
  id: 14,
  rev: 15,
  status: 16,
};

export function welfareValues(): unknown[][] {
  return [
    ['机电学院工会2023年慰问台账', '', '', '', '', '', '', '', '', '', '', '', ''],
    ['填报单位：机电学院工会    填报日期：2023年12月', '', '', '', '', '', '', '', '', '', '', '', ''],
    WELFARE_HEADERS,
    [
      1,
      44942,
      '20150032',
      '张三',
      '机电学院工会',
      '春节慰问',
      '春节',
      '慰问品',
      300,
      '',
      '是',
      '13800000001',
      '',
    ],
    [
      2,
      45000,
      '20160018',
      '李四',
      '机电学院',
      '生病住院慰问',
      '',
      '慰问金',
      500,
      '住院手术',
      '是',
      '',
      '住院十天',
    ],
    [3, 44993, '20170021', '王芳', '机电学院工会', '三八节慰问', '', '慰问品', 100, '', '是', '', ''],
    [4, 45092, '20180043', '刘洋', '机电学院工会', '端午慰问', '端午节', '慰问金', 200, '', '是', '', ''],
    [5, '2023-13-01', '20190007', '陈静', '机电学院工会', '生日慰问', '', '蛋糕券', 200, '', '', '', ''],
    [6, 45178, 'A1', '周磊', '机电学院工会', '结婚慰问', '', '慰问金', 1000, '', '是', '', ''],
    ['合计', '', '', '', '', '', '', '', 2300, '', '', '', ''],
    ['填表人：王五', '', '', '', '', '审核人：赵六', '', '', '', '', '', '', ''],
  ];
}

export const WELFARE_MERGES: CellRange[] = [
  { top: 1, left: 1, bottom: 1, right: 13 },
  { top: 2, left: 1, bottom: 2, right: 13 },
  { top: 10, left: 1, bottom: 10, right: 8 },
];
