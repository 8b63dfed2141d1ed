import type ExcelJS from 'exceljs';
import { LEDGER_KINDS } from '../../../../shared/ledgers/define.js';
import type { Settings } from '../../../../shared/settings/index.js';
import {
  annualSummary,
  liveRows,
  type AnnualSummary,
  type BudgetExecution,
  type RowsByKind,
} from '../../../../shared/summary/index.js';
import { countFormat, finishSheet, FORMAT, frame, put, writeHeader, writeTitle } from './sheetLayout.js';

export const UNIT_SHEET = '分单位';

/** The figures of one unit (DOMAIN.md §8.1 columns), or of the whole organisation for 合计. */
export interface UnitFigures {
  unit: string | null;
  name: string;
  members: number;
  female: number;
  welfarePersonTimes: number;
  welfareAmount: number;
  checkups: number;
  subUnionSports: number;
  subUnionParticipants: number;
  excellentMembers: number;
  /** The latest certified 职工之家/小家 grade by 31 Dec, 创建中, or null without a row. */
  homeGrade: string | null;
  budget: number;
  actual: number;
  /** actual ÷ budget as a ratio (1.0419), null without a budget. */
  rate: number | null;
}

const COLUMNS: readonly {
  header: string;
  width: number;
  format?: string;
  pick: (u: UnitFigures) => number | string | null;
}[] = [
  { header: '单位', width: 22, pick: (u) => u.name },
  { header: '会员数', width: 10, format: countFormat('人'), pick: (u) => u.members },
  { header: '女会员', width: 10, format: countFormat('人'), pick: (u) => u.female },
  { header: '慰问人次', width: 11, format: countFormat('人次'), pick: (u) => u.welfarePersonTimes },
  { header: '慰问金额', width: 17, format: FORMAT.yuan, pick: (u) => u.welfareAmount },
  { header: '体检人数', width: 10, format: countFormat('人'), pick: (u) => u.checkups },
  { header: '二级文体活动', width: 12, format: countFormat('场次'), pick: (u) => u.subUnionSports },
  { header: '活动参与人次', width: 12, format: countFormat('人次'), pick: (u) => u.subUnionParticipants },
  { header: '优秀会员', width: 10, format: countFormat('名'), pick: (u) => u.excellentMembers },
  { header: '职工之家/小家', width: 14, pick: (u) => u.homeGrade ?? '—' },
  { header: '预算数', width: 17, format: FORMAT.yuan, pick: (u) => u.budget },
  { header: '实际支出', width: 17, format: FORMAT.yuan, pick: (u) => u.actual },
  { header: '执行率', width: 10, format: FORMAT.percent, pick: (u) => u.rate ?? '—' },
];

export const UNIT_HEADERS = COLUMNS.map((c) => c.header);

/** Per unit in settings order, then 合计 over the organisation. Pure. */
export function unitFigures(
  rows: RowsByKind,
  settings: Settings,
  year: number,
  summary: AnnualSummary,
  execution: BudgetExecution,
): UnitFigures[] {
  const units = settings.units.map((u): UnitFigures => {
    const s = annualSummary({ rows: onlyUnit(rows, u.id), settings, year });
    const ex = execution.units.find((e) => e.unit === u.id)?.total;
    return {
      unit: u.id,
      name: u.name,
      members: s.members.total,
      female: s.members.female,
      welfarePersonTimes: s.welfare.personTimes,
      welfareAmount: s.welfare.amount,
      checkups: s.checkups.persons,
      subUnionSports: s.activities.subUnionSports,
      subUnionParticipants: s.activities.subUnionParticipants,
      excellentMembers: s.honours?.excellentMembers ?? 0,
      homeGrade: homeGrade(rows, u.id, year),
      budget: ex?.budget ?? 0,
      actual: ex?.actual ?? 0,
      rate: ex?.rate === null || ex?.rate === undefined ? null : ratioOf(ex.rate),
    };
  });
  const homes = summary.homes;
  const total: UnitFigures = {
    unit: null,
    name: '合计',
    members: summary.members.total,
    female: summary.members.female,
    welfarePersonTimes: summary.welfare.personTimes,
    welfareAmount: summary.welfare.amount,
    checkups: summary.checkups.persons,
    subUnionSports: summary.activities.subUnionSports,
    subUnionParticipants: summary.activities.subUnionParticipants,
    excellentMembers: summary.honours?.excellentMembers ?? units.reduce((n, u) => n + u.excellentMembers, 0),
    homeGrade: homes ? `合格${homes.qualifiedSmallHomes}、先进${homes.advancedSmallHomes}` : null,
    budget: execution.total.budget,
    actual: execution.total.actual,
    rate: execution.total.rate === null ? null : ratioOf(execution.total.rate),
  };
  return [...units, total];
}

/** A percentage with 2 decimals (104.19) as the ratio a percent-formatted cell holds (1.0419). */
export function ratioOf(percent: number): number {
  return Number((percent / 100).toFixed(4));
}

function onlyUnit(rows: RowsByKind, unit: string): RowsByKind {
  const out: Record<string, unknown> = {};
  for (const kind of LEDGER_KINDS) out[kind] = (rows[kind] ?? []).filter((r) => r.unit === unit);
  return out as RowsByKind;
}

/** §3.13: the unit's latest certified grade by 31 Dec; 创建中 when it only has rows in progress. */
function homeGrade(rows: RowsByKind, unit: string, year: number): string | null {
  const mine = liveRows(rows, 'homes').filter((r) => r.unit === unit);
  const end = `${year}-12-31`;
  const certified = mine
    .filter((r) => r.fields.grade !== '创建中' && r.fields.certDate !== null && r.fields.certDate <= end)
    .sort((a, b) =>
      a.fields.certDate! < b.fields.certDate! ? -1 : a.fields.certDate! > b.fields.certDate! ? 1 : 0,
    );
  const latest = certified[certified.length - 1];
  if (latest) return latest.fields.grade;
  return mine.length > 0 ? '创建中' : null;
}

/** 分单位: one row per unit and 合计. */
export function writeUnitSheet(
  wb: ExcelJS.Workbook,
  figures: readonly UnitFigures[],
  year: number,
  orgName: string,
): void {
  const ws = wb.addWorksheet(UNIT_SHEET);
  COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
  writeTitle(ws, 1, `${orgName}${year}年度分单位情况`, COLUMNS.length);
  writeTitle(ws, 2, '会员数为12月31日在会会员；执行率 = 实际支出 ÷ 预算数。', COLUMNS.length, true);
  writeHeader(ws, 3, UNIT_HEADERS);
  figures.forEach((u, i) => {
    const r = 4 + i;
    COLUMNS.forEach((c, j) => {
      const v = c.pick(u);
      put(ws.getCell(r, j + 1), v, typeof v === 'number' ? c.format : undefined);
      if (typeof v === 'string' && j > 0) ws.getCell(r, j + 1).alignment = { horizontal: 'center' };
    });
    frame(ws, r, 1, COLUMNS.length, u.unit === null);
  });
  finishSheet(ws, 3, { landscape: true, titleRows: [3, 3] });
}
