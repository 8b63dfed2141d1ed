import { COMMON_UNIT_ALIASES, common, date, integer, oneOf, text, unit } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { warning, type Issue } from './issue.js';

/** DOMAIN.md §3.9 — 会议议程台账: one row per agenda item. School-only. */

export const MEETING_TYPES = [
  '双代会',
  '教代会',
  '工代会',
  '执委会',
  '专门委员会',
  '主席团',
  '其他',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];
export const ITEM_TYPES = ['工作报告', '财务报告', '规章制度', '方案', '选举', '其他'] as const;

/** Congresses that need two-thirds of their delegates present (32号令). */
const CONGRESSES: readonly MeetingType[] = ['双代会', '教代会', '工代会'];

const fields = {
  meeting: text({ header: '会议名称', aliases: ['会议'], required: true, max: 80 }),
  type: oneOf(MEETING_TYPES, { header: '会议类型', aliases: ['类型'], required: true }),
  date: date({ header: '会议日期', aliases: ['日期'], required: true }),
  item: text({ header: '议题', aliases: ['审议事项', '议程'], required: true, max: 100 }),
  itemType: oneOf(ITEM_TYPES, { header: '议题类型', required: true }),
  action: oneOf(['听取审议', '讨论', '表决通过', '通报'], { header: '审议方式' }),
  expected: integer({ header: '应到代表数', aliases: ['应到人数'] }),
  present: integer({ header: '实到代表数', aliases: ['实到人数', '出席人数'] }),
  // School-only and about the school's own meetings: a sheet without a unit column is `school`.
  unit: unit({ header: '所属工会', aliases: COMMON_UNIT_ALIASES, default: 'school' }),
  remarks: common.remarks(),
};

export type MeetingRow = RowOf<typeof fields>;

export const meetings = defineLedger({
  kind: 'meetings',
  title: '会议议程台账',
  nameHints: ['会议', '议程', '议题'],
  scope: 'school',
  primaryDate: 'date',
  fields,
  rules(row) {
    const issues: Issue[] = [];
    // present < ⅔ × expected, in integers.
    if (
      row.type !== null &&
      CONGRESSES.includes(row.type) &&
      row.expected !== null &&
      row.present !== null &&
      row.present * 3 < row.expected * 2
    )
      issues.push(warning('present', 'meetings.quorum', '出席代表不足三分之二'));
    return issues;
  },
});
