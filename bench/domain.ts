import { normalizeText, parseAmount, parseDate } from '../shared/cells/index.js';
import { demoLedgerSheets, generateDemoYear } from '../shared/demo/index.js';
import { welfare } from '../shared/ledgers/index.js';
import type { WelfareRow } from '../shared/ledgers/welfare.js';
import { demoSettings, shanghaiDate } from '../shared/settings/index.js';
import { checkSheets, storedRowsOf } from '../shared/sheet/checkSheets.js';
import { annualSummary, checkBatch, type BatchInput, type StoredRow } from '../shared/summary/index.js';
import type { RowsByKind } from '../shared/summary/rows.js';
import { measurePair, type Timing } from './measure.js';

/** Welfare rows as officers type them: messy dates and amounts, units by alias. */
export function welfareInputs(n: number): BatchInput[] {
  const units = ['机电学院', '文新学院工会', '工商学院', '管理学院', '护理学院'];
  const inputs: BatchInput[] = [];
  for (let i = 0; i < n; i++) {
    const day = (i % 28) + 1;
    inputs.push({
      sheetRow: i + 3,
      raw: {
        cells: {
          date:
            i % 2
              ? `2023年${(i % 12) + 1}月${day}日`
              : `2023-${String((i % 12) + 1).padStart(2, '0')}-${day}`,
          staffNo: String(20_000_000 + i),
          name: '张三',
          unit: units[i % units.length],
          type: '生育慰问',
          form: '慰问品',
          amount: i % 3 ? '500.00元' : 500,
          reason: '生育',
        },
      },
    });
  }
  return inputs;
}

export interface PairFigures {
  /** The scenario. */
  a: Timing;
  /** Its baseline, measured in alternation with it. */
  b: Timing;
  /** Per-pair a/b. */
  ratio: Timing;
}

export interface DomainFigures {
  rows: number;
  validate: PairFigures;
  summary: PairFigures;
  demo: PairFigures & { rows: number };
}

/** Validate throughput (cells + ledgers + rules across rows) and the annual summary, each beside its baseline. */
export function benchDomain(rows: number, times: number): DomainFigures {
  const inputs = welfareInputs(rows);
  const ctx = { settings: demoSettings, today: shanghaiDate(new Date()) };
  // The baseline: reading the same cells, with no rule and no message.
  const parseOnly = (): number => {
    let fen = 0;
    for (const { raw } of inputs) {
      for (const v of Object.values(raw.cells)) normalizeText(v);
      parseDate(raw.cells.date);
      const a = parseAmount(raw.cells.amount);
      if (a.ok) fen += a.value ?? 0;
    }
    return fen;
  };
  let verdicts = checkBatch(welfare, inputs, ctx);
  const validate = measurePair(() => (verdicts = checkBatch(welfare, inputs, ctx)), parseOnly, times);

  const stored: StoredRow<'welfare'>[] = verdicts.flatMap((v, i) =>
    v.fields
      ? [
          {
            id: `r${i}`,
            kind: 'welfare',
            unit: String(v.fields.unit),
            year: v.year,
            fields: v.fields as WelfareRow,
          },
        ]
      : [],
  );
  if (stored.length !== rows) throw new Error(`benchmark rows did not validate: ${stored.length}/${rows}`);
  const summary = measurePair(
    () => annualSummary({ rows: { welfare: stored }, settings: demoSettings, year: 2023 }),
    () => stored.reduce((s, r) => s + r.fields.amount, 0),
    times,
  );

  // The full demo year (DOMAIN.md §8): every ledger, as the summary endpoint sees it.
  const demoRows: RowsByKind = storedRowsOf(
    checkSheets(demoLedgerSheets(generateDemoYear({ year: 2023 })), {
      settings: demoSettings,
      today: '2024-01-15',
    }),
  );
  const all = Object.values(demoRows).flat() as { fields: Record<string, unknown> }[];
  const demo = measurePair(
    () => annualSummary({ rows: demoRows, settings: demoSettings, year: 2023 }),
    () => {
      let fen = 0;
      for (const r of all) {
        const f = r.fields;
        const v = f.amount ?? f.cost ?? f.fee ?? 0;
        if (typeof v === 'number') fen += v;
      }
      return fen;
    },
    times * 4,
    3,
  );
  return { rows, validate, summary, demo: { ...demo, rows: all.length } };
}
