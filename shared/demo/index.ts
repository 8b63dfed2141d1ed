/**
 * The demo year of DOMAIN.md §8 and the fault fixture of §8.4: pure data, no I/O. The CLI
 * writes it as .xlsx (`cli/src/demo/writeWorkbooks.ts`); tests read it directly.
 */
export {
  generateDemoYear,
  generateDemoYears,
  DEMO_YEARS,
  demoSettingsFile,
  type DemoYearOptions,
} from './year.js';
export { PLAN_2024, NEXT_YEAR as DEMO_NEXT_YEAR } from './year2024.js';
export {
  generateDemoFaults,
  generateDemoFaultsFixture,
  demoFaultList,
  syntheticIdNumber,
  DEMO_FAULTS,
  DEMO_FAULT_BASELINE,
  type DemoFaultsFixture,
  type DemoFaultsOptions,
} from './faults.js';
export { DEFAULT_SEED, YEAR as DEMO_YEAR } from './figures.js';
export { mulberry32, Rng } from './prng.js';
export { sheetRowOf } from './layout.js';
export type { DemoWorkbook, DemoSheet, DemoFault, DemoExpectedIssue, LedgerKindName } from './types.js';

/**
 * The only warnings the clean demo year yields (§8.4): 超预算 on the 工商学院工会 expense row
 * that takes its 50102 actual past 15,750 元 (the last of its three activity rows, in sheet
 * order). The row number depends on the seed; the message does not.
 */
export const DEMO_YEAR_WARNINGS: readonly {
  file: string;
  sheet: string;
  kind: 'expenses';
  unit: string;
  field: string;
  message: string;
}[] = [
  {
    file: '支出明细账.xlsx',
    sheet: '支出明细账',
    kind: 'expenses',
    unit: 'business',
    field: 'amount',
    message: '「文体活动支出」已超预算：预算15750元，已支出16410元（执行率104.19%）',
  },
];
export { demoUsedRange, demoLedgerSheets } from './ledgerSheets.js';
