import { describe, expect, it } from 'vitest';
import type { Issue } from '../ledgers/issue.js';
import { demoSettings } from '../settings/index.js';
import { checkSheets, storedRowsOf } from '../sheet/index.js';
import { annualSummary, budgetExecution, reconciliationWarnings, type RowsByKind } from '../summary/index.js';
import { demoLedgerSheets, generateDemoYear, generateDemoYears, PLAN_2024 } from './index.js';

/**
 * Issue 16: the second demo year follows from 2023 — the same members carried over, with
 * leavers and joiners — validates clean, and carries out the seed's 2024 plan items; loaded
 * together with 2023, every 2023 figure stays what DOMAIN.md says.
 */
function rowsOf(years: readonly number[]): { rows: RowsByKind; issues: Issue[] } {
  const sheets = generateDemoYears(years).flatMap((y) => demoLedgerSheets(y.books));
  const checked = checkSheets(sheets, {
    settings: demoSettings,
    today: '2025-01-15',
    actor: { role: 'admin' },
  });
  return { rows: storedRowsOf(checked), issues: checked.flatMap((s) => s.verdicts.flatMap((v) => v.issues)) };
}

describe('the 2024 demo year', () => {
  const both = rowsOf([2023, 2024]);
  const only2023 = rowsOf([2023]);
  const s = annualSummary({ rows: both.rows, settings: demoSettings, year: 2024 });

  it('validates clean on its own and together with 2023 (only 2023’s one 超预算 warning)', () => {
    const alone = checkSheets(demoLedgerSheets(generateDemoYear({ year: 2024 })), {
      settings: demoSettings,
      today: '2025-01-15',
      actor: { role: 'admin' },
    });
    expect(alone.flatMap((c) => c.verdicts.flatMap((v) => v.issues))).toEqual([]);
    expect(both.issues.map((i) => i.message)).toEqual(only2023.issues.map((i) => i.message));
    expect(both.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(reconciliationWarnings(both.rows, demoSettings, 2024)).toEqual([]);
  });

  it('leaves every 2023 figure as it was', () => {
    expect(annualSummary({ rows: both.rows, settings: demoSettings, year: 2023 })).toEqual(
      annualSummary({ rows: only2023.rows, settings: demoSettings, year: 2023 }),
    );
  });

  it('carries the members over, with the year’s leavers and joiners', () => {
    expect(s.members.total).toBe(1036 - PLAN_2024.leavers + PLAN_2024.joiners);
    expect(s.members.reps).toBe(150);
    const roster = both.rows.members!;
    expect(roster.filter((r) => r.fields.leaveDate?.startsWith('2024'))).toHaveLength(PLAN_2024.leavers);
    expect(roster.filter((r) => r.fields.joinDate.startsWith('2024'))).toHaveLength(PLAN_2024.joiners);
  });

  it('carries out the seed’s 2024 plan items', () => {
    // 代表信箱 opened.
    expect(s.mailbox).toEqual({ received: 18, replied: 16, replyRate: 16 / 18 });
    // 优秀提案 selected.
    const excellent = both.rows.honours!.filter((r) => r.fields.title === '优秀提案' && r.year === 2024);
    expect(excellent).toHaveLength(PLAN_2024.excellentProposals.count);
    // Larger sub-union budgets, a higher execution rate.
    const exec = (year: number) =>
      budgetExecution({
        budget: both.rows.budget!.filter((r) => r.year === year),
        expenses: both.rows.expenses!.filter((r) => r.year === year),
        settings: demoSettings,
        year,
      });
    const [e23, e24] = [exec(2023), exec(2024)];
    const subUnions = (e: typeof e23) => e.units.filter((u) => u.unit !== 'school');
    expect(subUnions(e24).reduce((n, u) => n + u.total.budget, 0)).toBe(200 * 1036);
    expect(subUnions(e23).reduce((n, u) => n + u.total.budget, 0)).toBe(150 * 1036);
    expect(e24.total.rate!).toBeGreaterThan(e23.total.rate!);
    expect(s.congress?.name).toBe('第二届教代会暨第一届工代会第三次会议');
    expect(s.homes).toMatchObject({ schoolHome: null, qualifiedSmallHomes: 6, advancedSmallHomes: 6 });
  });
});
