import { isBlank } from '../cells/index.js';
import { common, date, month, oneOf, personName, text } from './field.js';
import { defineLedger, type RowOf } from './define.js';
import { error, type Issue } from './issue.js';
import { personChecks } from './person.js';

/** DOMAIN.md §3.11 — 子女入学登记: one row per child's school-place request. */

export const SCHOOL_STAGES = ['幼儿园', '小学', '初中'] as const;
export const ENROLMENT_RESULTS = ['办理中', '已落实', '未落实'] as const;

const fields = {
  applyDate: date({ header: '登记日期', aliases: ['申请日期'], required: true }),
  staffNo: common.staffNo(),
  name: common.name(),
  unit: common.unit(),
  childName: personName({ header: '子女姓名', aliases: ['孩子姓名'], max: 20 }),
  childBirth: month({ header: '子女出生年月', range: 'birth' }),
  stage: oneOf(SCHOOL_STAGES, { header: '入学学段', aliases: ['学段'], required: true }),
  wishSchool: text({ header: '意向学校', max: 40 }),
  coordinator: text({ header: '协调单位', aliases: ['协调部门'], max: 40 }),
  result: oneOf(ENROLMENT_RESULTS, { header: '落实情况', aliases: ['办理结果'], default: '办理中' }),
  placedSchool: text({ header: '落实学校', aliases: ['就读学校'], max: 40 }),
  placedDate: date({ header: '落实日期' }),
  remarks: common.remarks(),
};

export type EnrolmentRow = RowOf<typeof fields>;

export const enrolment = defineLedger({
  kind: 'enrolment',
  title: '子女入学登记',
  nameHints: ['入学', '子女'],
  scope: 'unit',
  primaryDate: 'applyDate',
  fields,
  rules(row, ctx) {
    const issues: Issue[] = [];
    if (row.result === '已落实') {
      if (row.placedSchool === null && isBlank(ctx.raw.cells.placedSchool))
        issues.push(
          error(
            'placedSchool',
            'enrolment.placedSchoolRequired',
            `已落实的须填写「${ctx.header('placedSchool')}」`,
          ),
        );
      if (row.placedDate === null && isBlank(ctx.raw.cells.placedDate))
        issues.push(
          error(
            'placedDate',
            'enrolment.placedDateRequired',
            `已落实的须填写「${ctx.header('placedDate')}」`,
          ),
        );
    }
    issues.push(...personChecks(ctx, row.staffNo, row.name));
    return issues;
  },
});
