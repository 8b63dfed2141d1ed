import { describe, expect, it } from 'vitest';
import { writeDenial } from '../ledgers/access.js';
import type { Issue } from '../ledgers/issue.js';
import { ledgers } from '../ledgers/index.js';
import { demoSettings } from '../settings/index.js';
import { checkSheets, type CheckedSheet } from '../sheet/index.js';
import { annualSummary, reconciliationWarnings, type RowsByKind } from '../summary/index.js';
import {
  DEMO_FAULT_BASELINE,
  DEMO_FAULTS,
  DEMO_YEAR_WARNINGS,
  demoFaultList,
  generateDemoFaultsFixture,
  generateDemoYear,
  demoLedgerSheets,
} from './index.js';

/**
 * The demo through the real import path: header detection (shared/sheet), row validation and
 * the rules across rows (shared/ledgers, shared/summary). The clean year must produce no
 * error and only the warnings §8.4 names; the fault fixture exactly its listed messages.
 */

const TODAY = '2024-01-15';

const read = demoLedgerSheets;

const KIND_OF_FILE: Record<string, string> = {
  '会员名册.xlsx': 'members',
  '慰问台账.xlsx': 'welfare',
  '体检名单.xlsx': 'checkups',
  '活动台账.xlsx': 'activities',
  '比赛获奖台账.xlsx': 'awards',
  '表彰名单.xlsx': 'honours',
  '提案登记表.xlsx': 'proposals',
  '金点子征集表.xlsx': 'ideas',
  '会议议程台账.xlsx': 'meetings',
  '代表参与民主管理登记.xlsx': 'participation',
  '子女入学登记.xlsx': 'enrolment',
  '代表信箱.xlsx': 'mailbox',
  '职工之家建设台账.xlsx': 'homes',
  '经费预算表.xlsx': 'budget',
  '支出明细账.xlsx': 'expenses',
};

/** Valid rows as the store would hold them. */
function stored(checked: readonly CheckedSheet[]): RowsByKind {
  const rows: Record<string, unknown[]> = {};
  for (const s of checked) {
    const kind = s.layout.kind!;
    const list = (rows[kind] ??= []);
    for (const v of s.verdicts)
      if (v.fields)
        list.push({
          id: `${s.sheet}-${v.sheetRow}`,
          kind,
          unit: v.fields.unit,
          year: v.year,
          fields: v.fields,
        });
  }
  return rows as RowsByKind;
}

interface Found {
  file: string;
  sheet: string;
  row: number;
  issue: Issue;
}

function issues(checked: readonly CheckedSheet[]): Found[] {
  return checked.flatMap((s) =>
    s.verdicts.flatMap((v) =>
      v.issues.map((issue) => ({ file: s.source, sheet: s.sheet, row: v.sheetRow, issue })),
    ),
  );
}

describe('the clean demo year through header detection and validation', () => {
  const books = generateDemoYear({ year: 2023 });
  const sheets = read(books);
  const checked = checkSheets(sheets, { settings: demoSettings, today: TODAY, actor: { role: 'admin' } });

  it('detects the ledger of every sheet and binds every column but 序号 and the officer’s own', () => {
    for (const s of sheets) {
      expect(s.layout.kind, `${s.source} ${s.sheet}`).toBe(KIND_OF_FILE[s.source]);
      const book = books.find((b) => b.file === s.source)!;
      const demo = book.sheets.find((x) => x.name === s.sheet)!;
      expect(s.layout.headerRow).toBe(demo.titleRows.length + 1);
      const unknown = s.layout.unknownColumns.map((c) => c.header);
      expect(unknown, `${s.source} ${s.sheet}`).toEqual(s.sheet === '送温暖及个人慰问' ? ['联系人备注'] : []);
    }
  });

  it('reads every data row and skips the 合计 and 填表人 rows', () => {
    for (const s of sheets) {
      const demo = books.find((b) => b.file === s.source)!.sheets.find((x) => x.name === s.sheet)!;
      expect(s.rows, `${s.source} ${s.sheet}`).toHaveLength(demo.rows.length);
    }
  });

  it('has no error, and only the 超预算 warning of §8.4 on one 工商学院工会 expense row', () => {
    const found = issues(checked);
    expect(found.filter((f) => f.issue.severity === 'error')).toEqual([]);
    const warnings = found.filter((f) => f.issue.severity === 'warning');
    expect(warnings.map((w) => [w.file, w.sheet, w.issue.field, w.issue.message])).toEqual(
      DEMO_YEAR_WARNINGS.map((w) => [w.file, w.sheet, w.field, w.message]),
    );
    const expenses = checked.find((s) => s.layout.kind === 'expenses')!;
    const row = expenses.verdicts.find((v) => v.sheetRow === warnings[0]!.row)!;
    expect(row.fields?.unit).toBe('business');
  });

  it('reconciles: welfare = 50105 + 50205, every unit’s 文体 costs = its 50102 spending', () => {
    expect(reconciliationWarnings(stored(checked), demoSettings, 2023)).toEqual([]);
  });

  it('gives the annual figures of §6', () => {
    const s = annualSummary({ rows: stored(checked), settings: demoSettings, year: 2023 });
    expect(s.warnings).toEqual([]);
    expect([s.members.total, s.members.female, s.members.reps, s.members.teacherReps]).toEqual([
      1036, 548, 150, 96,
    ]);
    expect([s.welfare.personTimes, s.welfare.persons, s.welfare.amount]).toEqual([3226, 1036, 1_310_500]);
    expect(s.checkups.persons).toBe(858);
    expect([
      s.activities.schoolSports,
      s.activities.subUnionSports,
      s.activities.subUnionParticipants,
    ]).toEqual([9, 35, 4126]);
    expect(s.activities.socials.map((a) => a.name)).toEqual([
      '2023年“渝见 会聚良缘”联谊活动',
      '“科创未来 文筑幸福”联谊活动',
    ]);
    expect(s.activities.repTrainings.map((t) => [t.date, t.host])).toEqual([
      ['2023-12-14', '重庆科技大学工会常务副主席陈勇'],
    ]);
    expect(s.activities.cadreStudies).toHaveLength(3);
    expect(s.activities.politicalStudies).toBe(3);
    expect(s.awards.themed.map((a) => [a.competition, a.result])).toEqual([
      ['2023年重庆市职工诗词大赛', '三等奖'],
    ]);
    expect(s.awards.external.map((a) => [a.event, a.group, a.result])).toEqual([
      ['现代舞', null, '三等奖'],
      [null, '教育系统组', '二等奖'],
      ['欢乐龙舟赛', null, '第八名'],
    ]);
    expect([s.enrolment.placed, s.enrolment.byStage]).toEqual([
      2,
      [
        { stage: '小学', count: 1 },
        { stage: '幼儿园', count: 1 },
      ],
    ]);
    expect(s.honours).toEqual({ advancedCollectives: 3, excellentMembers: 39, redBannerCandidates: 1 });
    expect([s.congress?.name, s.congress?.reports.length]).toEqual([
      '第二届教代会暨第一届工代会第二次会议',
      6,
    ]);
    const p = s.proposals!;
    expect([p.total, p.accepted, p.suggestions, p.rejected, p.replied, p.replyRate]).toEqual([
      47, 26, 16, 5, 26, 1,
    ]);
    expect([p.satisfied, p.basicallySatisfied, p.dissatisfied, p.closed]).toEqual([19, 6, 1, 25]);
    expect(s.executive?.items).toHaveLength(3);
    expect([s.participation?.satIn, s.participation?.consulted, s.participation?.topics.length]).toEqual([
      8, 7, 3,
    ]);
    expect(s.ideas).toEqual({ total: 14, golden: 1, excellent: 3 });
    expect(s.mailbox?.received).toBe(0);
    expect([s.homes?.schoolHome?.grade, s.homes?.schoolHome?.certBody]).toEqual([
      '先进',
      '重庆市教科文卫体工会',
    ]);
    expect([s.homes?.qualifiedSmallHomes, s.homes?.advancedSmallHomes, s.homes?.pairings.length]).toEqual([
      5, 5, 4,
    ]);
    expect(s.budget).toEqual({ total: 2_395_400, actual: 2_150_680, rate: 0.8978 });
  });

  it('stays clean for other seeds', () => {
    for (const seed of [1, 42]) {
      const other = checkSheets(read(generateDemoYear({ year: 2023, seed })), {
        settings: demoSettings,
        today: TODAY,
        actor: { role: 'admin' },
      });
      expect(issues(other).map((f) => f.issue.message)).toEqual(DEMO_YEAR_WARNINGS.map((w) => w.message));
    }
  });
});

describe('the fault fixture (§8.4)', () => {
  const fixture = generateDemoFaultsFixture();
  const sheets = read(fixture.workbooks);
  const checked = checkSheets(sheets, { settings: demoSettings, today: TODAY, actor: { role: 'admin' } });
  const found = issues(checked);

  it('lists each fault of §8.4 once', () => {
    expect(DEMO_FAULTS.map((f) => f.id)).toEqual([
      'members.fullIdNumber',
      'welfare.duplicateSpringFestival',
      'welfare.festivalCash',
      'welfare.birthdayOverCap',
      'welfare.ambiguousDate',
      'welfare.capitalNumerals',
      'welfare.totalRow',
      'welfare.signatureRow',
      'proposals.feedbackBeforeReply',
      'activities.otherUnitByOfficer',
      'expenses.furtherOverBudget',
    ]);
    expect(fixture.faults).toEqual(DEMO_FAULTS);
    expect(fixture.baseline).toEqual(DEMO_FAULT_BASELINE);
  });

  it('yields exactly the listed messages when admin validates it, and nothing else', () => {
    const expected = [...fixture.faults, ...fixture.baseline]
      .filter((f) => f.outcome === 'error' || f.outcome === 'warning')
      .map((f) => ({
        file: f.file,
        sheet: f.sheet,
        row: f.row,
        field: f.field,
        severity: f.outcome,
        message: f.message,
      }));
    const actual = found.map((f) => ({
      file: f.file,
      sheet: f.sheet,
      row: f.row,
      field: f.issue.field,
      severity: f.issue.severity,
      message: f.issue.message,
    }));
    const order = (a: { file: string; row: number }, b: { file: string; row: number }): number =>
      a.file.localeCompare(b.file) || a.row - b.row;
    expect(actual.sort(order)).toEqual(expected.sort(order));
    const dup = fixture.faults.find((f) => f.id === 'welfare.duplicateSpringFestival')!;
    expect(found.find((f) => f.row === dup.row && f.file === dup.file)!.issue.related).toBe(dup.related);
  });

  it('never reads the 合计 and 填表人 rows', () => {
    for (const f of fixture.faults.filter((x) => x.outcome === 'ignored')) {
      const s = sheets.find((x) => x.source === f.file && x.sheet === f.sheet)!;
      expect(s.rows.map((r) => r.sheetRow)).not.toContain(f.row);
    }
  });

  it('forbids the 文新学院 officer the 工商学院 row, and only that row', () => {
    const fault = fixture.faults.find((f) => f.actor === 'officer-lit-news')!;
    const sheet = checked.find((s) => s.source === fault.file)!;
    const denials = sheet.verdicts.map((v) => ({
      row: v.sheetRow,
      denial: writeDenial(
        { userId: 'officer-lit-news', role: 'officer', unit: 'lit-news' },
        ledgers.activities.scope,
        (v.fields?.unit as string | undefined) ?? null,
        demoSettings,
      ),
    }));
    expect(denials.filter((d) => d.denial !== null)).toEqual([
      { row: fault.row, denial: { code: 'forbidden', message: fault.message } },
    ]);
  });

  it('is deterministic and seed-derived', () => {
    expect(generateDemoFaultsFixture({ seed: 5 })).toEqual(generateDemoFaultsFixture({ seed: 5 }));
    const other = demoFaultList(5);
    expect(other.map((f) => [f.id, f.file, f.outcome])).toEqual(
      DEMO_FAULTS.map((f) => [f.id, f.file, f.outcome]),
    );
    expect(other.find((f) => f.id === 'welfare.duplicateSpringFestival')!.message).not.toBe(
      DEMO_FAULTS.find((f) => f.id === 'welfare.duplicateSpringFestival')!.message,
    );
  });
});
